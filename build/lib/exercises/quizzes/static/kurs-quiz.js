// Quiz front end in anywidget form: render({model, el}).
// model.get('data') holds the questions (texts already escaped at build time),
// model.get('state') the learner's answers; every change is saved through the model.
// Every decision (grading, draw, score, pass mark, what a check or a new attempt keeps) is made
// by kurs-grading.js, the twin of grading.py; this module only shows and asks.
import {announce, fmt, h, isObject, num, plural, printPart, range, safeState, saveState, shuffled, today,
  uid} from './kurs-common.js';
import {AMBIGUOUS, CORRECT, EMPTY, INVALID, NOTHING_ANSWERED, OPEN, TOO_LARGE, WRONG, activeIds, answerState,
  checkProblem, choiceDetails, drawQuestions, numericReading, recordCheck, restartState, summary,
  wholeField} from './kurs-grading.js';

const NEEDS_ATTENTION = [WRONG, INVALID, AMBIGUOUS, TOO_LARGE];
// The certificate's name: long enough for any real name, short enough for one printed sheet.
const NAME_MAX = 80;

function isPermutation(value, n) {
  return Array.isArray(value) && value.length === n && range(n).every((i) => value.includes(i));
}

function orderFor(question, state) {
  const n = question.type === 'ordering' ? question.items.length
    : question.type === 'matching' ? question.definitions.length
      : (question.options || []).length;
  const stored = state.order[question.id];
  if (isPermutation(stored, n)) return stored;
  let order = question.shuffle === false ? range(n) : shuffled(range(n));
  if (question.type === 'ordering' && n > 1) {
    while (order.every((v, i) => v === i)) order = shuffled(range(n));
  }
  state.order[question.id] = order;
  return order;
}

const plainText = (html) => h('span', {html}).textContent;

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  const passMark = data.final ? data.final.pass_mark : null;
  const byId = new Map(data.questions.map((q) => [q.id, q]));
  let state = {};
  let questions = [];
  // A "Prüfen" that graded nothing (checkProblem's reason) and the notices it showed; not stored.
  let refused = null;
  const root = h('section', {className: 'kurs-quiz', 'aria-label': fmt(T.label, {title: data.title})});
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  el.replaceChildren(root);

  function load() {
    state = safeState(model);
    for (const key of ['answers', 'results', 'order']) if (!isObject(state[key])) state[key] = {};
    let ids = activeIds(data, state);
    if (ids === null) {
      ids = drawQuestions(data);
      state.drawn = ids;
      state.answers = {};
      state.results = {};
    }
    questions = ids.map((id) => byId.get(id));
  }

  function save() { saveState(model, state); }

  function setAnswer(question, value) {
    refused = null;
    state = answerState(state, question.id, value);
    save();
    updateFeedback();
  }

  // Every control of a question is described by its feedback (aria-describedby).
  const feedbackIds = new Map();
  function feedbackId(question) {
    if (!feedbackIds.has(question.id)) feedbackIds.set(question.id, uid('kurs-fb'));
    return feedbackIds.get(question.id);
  }

  function describedBy(question, extra) {
    return [extra, feedbackId(question)].filter(Boolean).join(' ');
  }

  function choiceInputs(question, fieldset, multiple) {
    const name = uid(`q-${question.id}`);
    const order = orderFor(question, state);
    const list = h('ul', {className: 'kurs-options'});
    for (const index of order) {
      const option = question.options[index];
      const id = uid('opt');
      const answer = state.answers[question.id];
      const checked = multiple ? Array.isArray(answer) && answer.includes(index) : answer === index;
      const input = h('input', {type: multiple ? 'checkbox' : 'radio', name, id, value: index,
        checked, 'aria-describedby': describedBy(question), onchange: () => {
          if (!multiple) return setAnswer(question, index);
          const chosen = [...fieldset.querySelectorAll('input:checked')].map((i) => Number(i.value));
          return setAnswer(question, chosen.sort((a, b) => a - b));
        }});
      list.append(h('li', {'data-option': index}, input, h('label', {for: id, html: option.text}),
        h('span', {className: 'kurs-mark', 'data-mark-for': index})));
    }
    return list;
  }

  function trueFalseInputs(question) {
    const name = uid(`q-${question.id}`);
    const list = h('ul', {className: 'kurs-options'});
    for (const [value, label] of [[true, T.opt_true], [false, T.opt_false]]) {
      const id = uid('opt');
      list.append(h('li', {'data-option': String(value)},
        h('input', {type: 'radio', name, id, value: String(value),
          checked: state.answers[question.id] === value, 'aria-describedby': describedBy(question),
          onchange: () => setAnswer(question, value)}),
        h('label', {for: id}, label), h('span', {className: 'kurs-mark', 'data-mark-for': String(value)})));
    }
    return list;
  }

  // What the field accepts beyond the prompt: the rounding asked for, or the tolerance.
  function numericHelp(question) {
    if (question.decimals !== undefined && question.decimals !== null) {
      return fmt(plural(question.decimals, T.rounding_one, T.rounding_other), {decimals: question.decimals});
    }
    return question.tolerance ? fmt(T.tolerance, {tolerance: num(question.tolerance, 6)}) : '';
  }

  function textInput(question) {
    const id = uid('in');
    const numeric = question.type === 'numeric';
    const unit = question.unit ? h('span', {className: 'kurs-unit'}, question.unit) : null;
    const help = numeric ? numericHelp(question) : '';
    const helpNode = help ? h('span', {className: 'kurs-small kurs-field-help', id: uid('help')}, help) : null;
    const input = h('input', {type: 'text', id, autocomplete: 'off', spellcheck: 'false',
      inputmode: numeric ? 'decimal' : null,
      'aria-describedby': describedBy(question, helpNode ? helpNode.id : null),
      value: typeof state.answers[question.id] === 'string' ? state.answers[question.id] : '',
      onchange: (event) => setAnswer(question, event.target.value),
      onkeydown: (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        setAnswer(question, event.target.value);
        check(false);
      }});
    return h('p', {className: 'kurs-text-answer'}, h('label', {for: id}, T.answer_field), ' ',
      input, unit, helpNode ? ' ' : null, helpNode);
  }

  // A closed <select> shows only the start of a definition (on a phone about 30 characters),
  // so the chosen one is repeated in full under it. Screen readers hear the select's value,
  // which is that same full text, so the repetition is hidden from them.
  function matchingInputs(question) {
    const order = orderFor(question, state);
    const answer = isObject(state.answers[question.id]) ? state.answers[question.id] : {};
    const texts = new Map(question.definitions.map((d) => [d.id, d.text]));
    const list = h('ul', {className: 'kurs-matching'});
    for (const term of question.terms) {
      const id = uid('sel');
      const chosen = h('span', {className: 'kurs-match-choice', 'data-choice-for': term.id,
        'aria-hidden': 'true'});
      const showChoice = (value) => {
        chosen.hidden = !texts.has(value);
        chosen.replaceChildren(...(texts.has(value)
          ? [h('span', {className: 'kurs-match-chosen'}, T.matching_chosen), ' ',
            h('span', {html: texts.get(value)})] : []));
      };
      const select = h('select', {id, 'data-term-select': term.id, 'aria-describedby': describedBy(question),
        onchange: (event) => {
          const current = isObject(state.answers[question.id]) ? {...state.answers[question.id]} : {};
          if (event.target.value) current[term.id] = event.target.value;
          else delete current[term.id];
          showChoice(event.target.value);
          setAnswer(question, current);
        }}, h('option', {value: ''}, T.choose));
      for (const index of order) {
        const definition = question.definitions[index];
        const option = h('option', {value: definition.id, html: definition.text});
        option.selected = answer[term.id] === definition.id;
        select.append(option);
      }
      showChoice(answer[term.id]);
      list.append(h('li', {'data-term': term.id}, h('label', {for: id, html: term.text}), select,
        h('span', {className: 'kurs-mark', 'data-mark-for': term.id}), chosen));
    }
    return list;
  }

  // The order shown is state.order; it is the answer only once the learner moved an item or
  // ticked "Diese Reihenfolge ist meine Antwort": an untouched question stays unanswered.
  function orderingInputs(question) {
    const n = question.items.length;
    const stored = state.answers[question.id];
    const shown = orderFor(question, state);
    if (isPermutation(stored, n) && stored.join() !== shown.join()) state.order[question.id] = stored.slice();
    const box = h('ol', {className: 'kurs-ordering'});
    const confirmId = uid('confirm');
    const confirm = h('input', {type: 'checkbox', id: confirmId, 'data-ordering-confirm': '',
      checked: isPermutation(state.answers[question.id], n), 'aria-describedby': describedBy(question),
      onchange: () => {
        setAnswer(question, confirm.checked ? state.order[question.id].slice() : null);
        announce(live, confirm.checked ? T.ordering_confirmed : T.ordering_unconfirmed);
      }});
    const draw = (focus) => {
      const order = state.order[question.id];
      confirm.checked = isPermutation(state.answers[question.id], n);
      box.replaceChildren(...order.map((itemIndex, position) => {
        const text = plainText(question.items[itemIndex]);
        const move = (delta, which) => () => {
          const next = order.slice();
          [next[position], next[position + delta]] = [next[position + delta], next[position]];
          state.order[question.id] = next;
          setAnswer(question, next.slice());
          draw({item: itemIndex, which});
          announce(live, fmt(T.moved, {item: text, n: position + delta + 1}));
        };
        const up = h('button', {type: 'button', className: 'kurs-move', 'data-move': 'up',
          'aria-label': fmt(T.move_up, {item: text}), 'aria-describedby': describedBy(question),
          disabled: position === 0, onclick: move(-1, 'up')}, '↑');
        const down = h('button', {type: 'button', className: 'kurs-move', 'data-move': 'down',
          'aria-label': fmt(T.move_down, {item: text}), 'aria-describedby': describedBy(question),
          disabled: position === order.length - 1, onclick: move(1, 'down')}, '↓');
        return h('li', {'data-item': itemIndex}, h('span', {className: 'kurs-item', html: question.items[itemIndex]}),
          h('span', {className: 'kurs-move-buttons'}, up, down),
          h('span', {className: 'kurs-mark', 'data-mark-for': itemIndex}));
      }));
      if (focus) {
        const row = box.querySelector(`[data-item="${focus.item}"]`);
        let button = row.querySelector(`[data-move="${focus.which}"]`);
        if (button.disabled) button = row.querySelector('.kurs-move:not([disabled])');
        button.focus();
      }
    };
    draw(null);
    return h('div', {}, h('p', {className: 'kurs-small'}, T.ordering_help), box,
      h('p', {className: 'kurs-ordering-confirm'}, confirm, ' ', h('label', {for: confirmId}, T.ordering_confirm)));
  }

  function questionBlock(question, number) {
    const fieldset = h('fieldset', {className: 'kurs-question', 'data-question-id': question.id,
      'data-type': question.type});
    fieldset.append(h('legend', {},
      h('span', {className: 'kurs-qnum'}, fmt(T.question_of, {n: number, total: questions.length})),
      h('span', {className: 'kurs-prompt', html: question.prompt})));
    const body = {
      single: () => choiceInputs(question, fieldset, false),
      multiple: () => choiceInputs(question, fieldset, true),
      'true-false': () => trueFalseInputs(question),
      numeric: () => textInput(question),
      text: () => textInput(question),
      matching: () => matchingInputs(question),
      ordering: () => orderingInputs(question),
    }[question.type];
    fieldset.append(body());
    if (question.hint) {
      const hint = h('p', {className: 'kurs-hint', hidden: true, html: question.hint});
      const button = h('button', {type: 'button', className: 'kurs-secondary',
        'aria-expanded': 'false', onclick: () => {
          hint.hidden = !hint.hidden;
          button.setAttribute('aria-expanded', String(!hint.hidden));
          button.textContent = hint.hidden ? T.hint : T.hint_hide;
        }}, T.hint);
      fieldset.append(h('p', {}, button), hint);
    }
    fieldset.append(h('div', {className: 'kurs-feedback', id: feedbackId(question),
      'data-feedback-for': question.id}));
    return fieldset;
  }

  function list(items, ordered = false) {
    return h(ordered ? 'ol' : 'ul', {className: 'kurs-answer-list'}, items.map((item) => h('li', {}, item)));
  }

  // The right answer after a wrong one: one line, or a list when there is more than one part.
  function rightAnswer(question) {
    const label = (text) => h('strong', {}, text);
    if (question.type === 'multiple') {
      return [h('p', {}, label(T.right_options)),
        list(question.options.filter((o) => o.correct).map((o) => plainText(o.text)))];
    }
    if (question.type === 'matching') {
      const defs = new Map(question.definitions.map((d) => [d.id, plainText(d.text)]));
      return [h('p', {}, label(T.right_pairs)),
        list(question.terms.map((t) => `${plainText(t.text)} → ${defs.get(t.match)}`))];
    }
    if (question.type === 'ordering') {
      return [h('p', {}, label(T.right_order)), list(question.items.map(plainText), true)];
    }
    let text = '';
    if (question.type === 'single') text = plainText(question.options.find((o) => o.correct).text);
    else if (question.type === 'true-false') text = question.answer ? T.opt_true : T.opt_false;
    else if (question.type === 'numeric') {
      text = `${num(question.answer, 6)}${question.unit ? ` ${question.unit}` : ''}`;
    } else text = question.accepted[0];
    return [h('p', {}, label(T.right_answer), ' ', text)];
  }

  // Each chosen option quoted ("Ihre Wahl „Richtig“:"), then its feedback: the same for every type.
  function optionFeedback(question) {
    const answer = state.answers[question.id];
    const item = (optionHtml, feedback) => {
      if (!feedback) return null;
      const option = plainText(optionHtml).trim().replace(/[.!?;:,]+$/, '');
      return h('li', {}, h('span', {className: 'kurs-yourchoice'}, `${fmt(T.your_choice_option, {option})}:`),
        ' ', h('span', {html: feedback}));
    };
    let items = [];
    if (question.type === 'single' && question.options[answer]) {
      items = [item(question.options[answer].text, question.options[answer].feedback)];
    } else if (question.type === 'multiple' && Array.isArray(answer)) {
      items = answer.filter((i) => question.options[i])
        .map((i) => item(question.options[i].text, question.options[i].feedback));
    } else if (question.type === 'true-false' && typeof answer === 'boolean') {
      items = [item(answer ? T.opt_true : T.opt_false, answer ? question.feedback_true : question.feedback_false)];
    }
    return items.filter(Boolean);
  }

  function markOptions(question, fieldset, result) {
    for (const mark of fieldset.querySelectorAll('.kurs-mark')) {
      mark.textContent = '';
      mark.className = 'kurs-mark';
    }
    if (!result || OPEN.includes(result)) return;
    const put = (key, text, ok) => {
      const mark = fieldset.querySelector(`[data-mark-for="${key}"]`);
      if (!mark) return;
      mark.textContent = ` ${text}`;
      mark.className = `kurs-mark ${ok ? 'is-right' : 'is-wrong'}`;
    };
    const choice = (key, correct, chosen) => {
      if (chosen) put(key, correct ? T.mark_chosen_right : T.mark_chosen_wrong, correct);
      else if (correct) put(key, T.mark_missed, true);
    };
    const answer = state.answers[question.id];
    if (question.type === 'single' || question.type === 'multiple') {
      question.options.forEach((o, i) => {
        choice(i, Boolean(o.correct), Array.isArray(answer) ? answer.includes(i) : answer === i);
      });
    } else if (question.type === 'true-false') {
      for (const value of [true, false]) choice(String(value), value === question.answer, value === answer);
    } else if (question.type === 'matching') {
      for (const t of question.terms) {
        const ok = isObject(answer) && answer[t.id] === t.match;
        put(t.id, ok ? T.mark_pair_right : T.mark_pair_wrong, ok);
      }
    } else if (question.type === 'ordering' && Array.isArray(answer)) {
      answer.forEach((item, pos) => {
        put(item, item === pos ? T.mark_place_right : fmt(T.mark_place_wrong, {n: item + 1}), item === pos);
      });
    }
  }

  // aria-invalid on the controls of a question answered wrongly or not readably after "Prüfen".
  function markInvalid(question, fieldset, result) {
    const bad = NEEDS_ATTENTION.includes(result);
    const answer = state.answers[question.id];
    for (const control of fieldset.querySelectorAll('input, select')) {
      let invalid = bad;
      if (bad && question.type === 'matching' && control.dataset.termSelect) {
        const term = question.terms.find((t) => t.id === control.dataset.termSelect);
        invalid = !(isObject(answer) && answer[term.id] === term.match);
      }
      if (invalid) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }

  function notice(question, result) {
    if (result === EMPTY) return question.type === 'ordering' ? T.empty_ordering : T.empty;
    if (result === AMBIGUOUS) {
      const [thousands, decimal] = numericReading(question, state.answers[question.id]).choices;
      return fmt(decimal === undefined ? T.number_ambiguous_one : T.number_ambiguous, {thousands, decimal});
    }
    if (result === TOO_LARGE) return T.err_too_large;
    return wholeField(question) ? T.invalid_number_whole : T.invalid_number;
  }

  function verdict(question, result) {
    if (result === CORRECT) return T.correct;
    if (question.type === 'multiple' && choiceDetails(question, state.answers[question.id]).found.length) {
      return T.partly;
    }
    return T.wrong;
  }

  function updateFeedback() {
    for (const question of questions) {
      const box = root.querySelector(`[data-feedback-for="${question.id}"]`);
      const fieldset = box.closest('fieldset');
      const result = state.results[question.id] || (refused ? refused.notices[question.id] : undefined);
      markOptions(question, fieldset, result);
      markInvalid(question, fieldset, result);
      fieldset.classList.toggle('is-right', result === CORRECT);
      fieldset.classList.toggle('is-wrong', result === WRONG);
      if (!result) {
        box.replaceChildren();
        continue;
      }
      if (OPEN.includes(result)) {
        box.replaceChildren(h('p', {className: 'kurs-notice'}, notice(question, result)));
        continue;
      }
      const parts = [h('p', {className: 'kurs-verdict'}, verdict(question, result))];
      if (question.type === 'multiple' && result !== CORRECT) {
        const details = choiceDetails(question, state.answers[question.id]);
        const counts = {found: details.found.length, total: details.found.length + details.missed.length,
          wrong: details.wrong.length};
        parts.push(h('p', {}, fmt(counts.wrong ? T.found_and_wrong : T.found_some, counts)));
      }
      const details = optionFeedback(question);
      if (details.length) parts.push(h('ul', {className: 'kurs-option-feedback'}, details));
      if (result !== CORRECT) parts.push(...rightAnswer(question));
      parts.push(h('p', {html: `<strong>${T.explanation}</strong> ${question.explanation}`}));
      box.replaceChildren(...parts);
    }
    renderResult();
  }

  // What a check leaves open or got wrong, by question number ("3, 7").
  function openText(result) {
    const count = result.open_numbers.length;
    return fmt(plural(count, T.unanswered_some_one, T.unanswered_some_other),
      {count, numbers: result.open_numbers.join(', ')});
  }

  function wrongText(result) {
    return fmt(plural(result.wrong_numbers.length, T.wrong_list_one, T.wrong_list_other),
      {numbers: result.wrong_numbers.join(', ')});
  }

  function refusedText() {
    if (refused.reason === NOTHING_ANSWERED) return T.nothing_answered;
    const open = summary(questions, state.answers).open_numbers;
    return fmt(plural(open.length, T.open_left_one, T.open_left_other),
      {count: open.length, numbers: open.join(', ')});
  }

  function renderResult() {
    const box = root.querySelector('.kurs-result');
    box.replaceChildren();
    const result = summary(questions, state.answers, passMark);
    const passedNow = Boolean(state.checked && result.passed);
    if (refused) box.append(h('p', {className: 'kurs-notice kurs-check-refused'}, refusedText()));
    else if (state.checked) {
      box.append(h('p', {className: 'kurs-score'}, fmt(T.score, {right: result.right, total: result.total})));
      if (result.wrong_numbers.length) box.append(h('p', {className: 'kurs-wrong-list'}, wrongText(result)));
      if (result.open_numbers.length) box.append(h('p', {className: 'kurs-open-list'}, openText(result)));
      if (data.final) {
        const needed = Math.round(100 * data.final.pass_mark);
        box.append(h('p', {className: passedNow ? 'kurs-passed' : 'kurs-failed'},
          passedNow ? fmt(T.passed, {percent: result.percent})
            : fmt(T.failed, {percent: result.percent, needed})));
      }
      if (passedNow) box.append(certificateForm({right: result.right, total: result.total,
        percent: result.percent}, true));
    }
    if (data.final && !passedNow && (isObject(state.certificate) || isObject(state.last_pass))) {
      box.append(earlierPass());
    }
  }

  // A passed final test stays available after a new attempt: "Letzte Bescheinigung anzeigen".
  function earlierPass() {
    const earlier = isObject(state.certificate) ? state.certificate : state.last_pass;
    const slot = h('div', {className: 'kurs-earlier-certificate', id: uid('earlier'), hidden: true});
    const button = h('button', {type: 'button', className: 'kurs-secondary', 'aria-expanded': 'false',
      'aria-controls': slot.id, onclick: () => {
        slot.hidden = !slot.hidden;
        button.setAttribute('aria-expanded', String(!slot.hidden));
        if (!slot.hidden && !slot.firstChild) {
          slot.append(isObject(state.certificate) ? certificate(state.certificate)
            : certificateForm(state.last_pass, false));
        }
      }}, isObject(state.certificate) ? T.show_certificate : T.make_earlier_certificate);
    return h('div', {className: 'kurs-earlier'},
      h('p', {}, fmt(T.earlier_pass, {right: earlier.right, total: earlier.total, percent: earlier.percent})),
      h('p', {}, button), slot);
  }

  function certificateForm(result, current) {
    const id = uid('name');
    const limit = h('span', {className: 'kurs-small kurs-field-help', id: uid('help')},
      fmt(T.name_limit, {max: NAME_MAX}));
    const error = h('p', {className: 'kurs-notice', id: uid('err'), hidden: true}, T.name_empty);
    const input = h('input', {type: 'text', id, autocomplete: 'name', value: state.name || '',
      maxlength: NAME_MAX, size: 30, 'aria-describedby': `${limit.id} ${error.id}`});
    const out = h('div', {className: 'kurs-certificate-slot'});
    const make = () => {
      const name = input.value.trim();
      // maxlength stops typing and pasting; a longer name stored earlier is sent back here.
      const problem = !name ? T.name_empty : name.length > NAME_MAX ? fmt(T.name_too_long, {max: NAME_MAX}) : '';
      error.textContent = problem;
      error.hidden = !problem;
      input.setAttribute('aria-invalid', String(Boolean(problem)));
      if (problem) {
        input.focus();
        return;
      }
      state.name = name;
      state.certificate = {name, date: today(), right: result.right, total: result.total,
        percent: result.percent, attempt: current ? state.attempts : null};
      save();
      out.replaceChildren(certificate(state.certificate));
      announce(live, `${T.certificate_heading}: ${name}`);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        make();
      }
    });
    const made = isObject(state.certificate) ? state.certificate : null;
    // Made in this attempt (or, stored before attempts were noted, for this very result).
    if (current && made && (made.attempt === state.attempts
        || (made.attempt === undefined && made.right === result.right))) {
      out.append(certificate(made));
    }
    return h('div', {className: 'kurs-certificate-form'},
      h('p', {}, h('label', {for: id}, T.name_label), ' ', input, ' ', limit), error,
      h('p', {}, h('button', {type: 'button', onclick: make}, T.make_certificate)), out);
  }

  function certificate(c) {
    const sheet = h('article', {className: 'kurs-certificate', 'aria-label': T.certificate_heading},
      h('p', {className: 'kurs-cert-title'}, data.final.certificate_title || T.certificate_heading),
      h('p', {className: 'kurs-cert-name'}, String(c.name)),
      h('p', {}, fmt(T.certificate_text, {course: data.final.course})),
      h('p', {}, fmt(T.certificate_score, {right: c.right, total: c.total, percent: c.percent})),
      h('p', {}, fmt(T.certificate_chapters, {chapters: data.final.chapters.join(' · ')})),
      h('p', {}, fmt(T.certificate_date, {date: String(c.date)})));
    const print = h('button', {type: 'button', className: 'kurs-secondary kurs-no-print',
      onclick: () => printPart(sheet)}, T.print);
    return h('div', {}, sheet, h('p', {}, print));
  }

  // "Prüfen" grades (or, with nothing answered and in an incomplete final test, says why not).
  // From the button, the result comes into view and takes the focus; Enter in a text field
  // leaves the focus there, next to that question's own feedback.
  function check(fromButton) {
    const reason = checkProblem(questions, state.answers, Boolean(data.final));
    if (reason) {
      // Each question that needs something says so; with nothing answered at all, the one message
      // under the button is enough.
      const notices = summary(questions, state.answers).results;
      for (const id of Object.keys(notices)) {
        if (!OPEN.includes(notices[id]) || (reason === NOTHING_ANSWERED && notices[id] === EMPTY)) delete notices[id];
      }
      refused = {reason, notices};
      updateFeedback();
      announce(live, refusedText());
    } else {
      refused = null;
      state = recordCheck(state, questions, passMark);
      save();
      updateFeedback();
      const result = summary(questions, state.answers, passMark);
      let message = fmt(T.checked_all, {score: fmt(T.score, {right: result.right, total: result.total})});
      if (result.wrong_numbers.length) message += ` ${wrongText(result)}`;
      if (result.open_numbers.length) message += ` ${openText(result)}`;
      announce(live, message);
    }
    if (fromButton) showResult();
  }

  // The result box, short, in the middle of the screen; a longer one (the certificate form) from
  // its top.
  function showResult() {
    const box = root.querySelector('.kurs-result');
    if (!box.firstChild) return;
    box.focus({preventScroll: true});
    box.scrollIntoView({block: box.offsetHeight > window.innerHeight / 2 ? 'start' : 'center'});
  }

  function firstControl() {
    const controls = root.querySelectorAll('.kurs-questions input, .kurs-questions select, .kurs-questions button');
    return [...controls].find((c) => !c.disabled && !c.closest('[hidden]')) || null;
  }

  function restart() {
    refused = null;
    state = restartState(state, Boolean(data.final));
    save();
    build();
    if (data.final) announce(live, fmt(T.new_attempt_done, {count: questions.length}));
    const first = firstControl();
    if (first) first.focus();
  }

  function build() {
    refused = null;
    load();
    const intro = data.final
      ? h('p', {className: 'kurs-intro'}, fmt(T.intro, {count: questions.length,
        percent: Math.round(100 * data.final.pass_mark)}))
      : null;
    root.replaceChildren(...[
      intro,
      h('ol', {className: 'kurs-questions'}, questions.map((q, i) => h('li', {}, questionBlock(q, i + 1)))),
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', className: 'kurs-check', onclick: () => check(true)}, T.check),
        h('button', {type: 'button', className: 'kurs-secondary kurs-retry', onclick: restart},
          data.final ? T.new_attempt : T.retry)),
      data.final ? h('p', {className: 'kurs-small'}, T.new_attempt_note) : null,
      h('div', {className: 'kurs-result', tabindex: '-1'}),
      live,
      h('p', {className: 'kurs-small'}, T.saved_note)].filter(Boolean));
    save();
    updateFeedback();
  }

  build();
  const onExternal = () => {
    const incoming = model.get('state');
    if (JSON.stringify(incoming) !== JSON.stringify(state)) build();
  };
  model.on('change:state', onExternal);
  return () => model.off('change:state', onExternal);
}

export default {render};
