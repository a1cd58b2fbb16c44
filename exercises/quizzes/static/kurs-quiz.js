// Quiz front end in anywidget form: render({model, el}).
// model.get('data') holds the questions (texts already escaped at build time),
// model.get('state') the learner's answers; every change is saved through the model.
import {announce, fmt, h, isObject, num, printPart, range, safeState, saveState, shuffled, today,
  uid} from './kurs-common.js';
import {CORRECT, EMPTY, INVALID, grade} from './kurs-grading.js';

function activeQuestions(data, state) {
  if (!data.final) return data.questions;
  const byId = new Map(data.questions.map((q) => [q.id, q]));
  if (!Array.isArray(state.drawn) || !state.drawn.every((id) => byId.has(id))) {
    state.drawn = data.final.draw.flatMap((d) => shuffled(
      data.questions.filter((q) => q.bank === d.bank).map((q) => q.id)).slice(0, d.count));
    state.answers = {};
    state.results = {};
  }
  return state.drawn.map((id) => byId.get(id));
}

function orderFor(question, state) {
  const n = question.type === 'ordering' ? question.items.length
    : question.type === 'matching' ? question.definitions.length
      : (question.options || []).length;
  const stored = state.order[question.id];
  const valid = Array.isArray(stored) && stored.length === n
    && range(n).every((i) => stored.includes(i));
  if (valid) return stored;
  let order = question.shuffle === false ? range(n) : shuffled(range(n));
  if (question.type === 'ordering' && n > 1) {
    while (order.every((v, i) => v === i)) order = shuffled(range(n));
  }
  state.order[question.id] = order;
  return order;
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  let state = {};
  let questions = [];
  const root = h('section', {className: 'kurs-quiz', 'aria-label': fmt(T.label, {title: data.title})});
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  el.replaceChildren(root);

  function load() {
    state = safeState(model);
    for (const key of ['answers', 'results', 'order']) if (!isObject(state[key])) state[key] = {};
    questions = activeQuestions(data, state);
  }

  function save() {
    const right = questions.filter((q) => state.results[q.id] === CORRECT).length;
    state.total = questions.length;
    state.right = right;
    state.best = Math.max(Number(state.best) || 0, state.checked ? right : 0);
    saveState(model, state);
  }

  function setAnswer(question, value) {
    state.answers[question.id] = value;
    delete state.results[question.id];
    state.checked = false;
    save();
    updateFeedback();
  }

  function feedbackBox(question) {
    return root.querySelector(`[data-feedback-for="${question.id}"]`);
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
        checked, onchange: () => {
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
          checked: state.answers[question.id] === value,
          onchange: () => setAnswer(question, value)}),
        h('label', {for: id}, label), h('span', {className: 'kurs-mark', 'data-mark-for': String(value)})));
    }
    return list;
  }

  function textInput(question) {
    const id = uid('in');
    const unit = question.unit ? h('span', {className: 'kurs-unit'}, question.unit) : null;
    const input = h('input', {type: 'text', id, autocomplete: 'off', spellcheck: 'false',
      inputmode: question.type === 'numeric' ? 'decimal' : null,
      value: typeof state.answers[question.id] === 'string' ? state.answers[question.id] : '',
      onchange: (event) => setAnswer(question, event.target.value),
      onkeydown: (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        setAnswer(question, event.target.value);
        check();
      }});
    return h('p', {className: 'kurs-text-answer'}, h('label', {for: id}, T.answer_field), ' ',
      input, unit);
  }

  function matchingInputs(question) {
    const order = orderFor(question, state);
    const answer = isObject(state.answers[question.id]) ? state.answers[question.id] : {};
    const list = h('ul', {className: 'kurs-matching'});
    for (const term of question.terms) {
      const id = uid('sel');
      const select = h('select', {id, onchange: (event) => {
        const current = isObject(state.answers[question.id]) ? {...state.answers[question.id]} : {};
        if (event.target.value) current[term.id] = event.target.value;
        else delete current[term.id];
        setAnswer(question, current);
      }}, h('option', {value: ''}, T.choose));
      for (const index of order) {
        const definition = question.definitions[index];
        const option = h('option', {value: definition.id, html: definition.text});
        option.selected = answer[term.id] === definition.id;
        select.append(option);
      }
      list.append(h('li', {'data-term': term.id}, h('label', {for: id, html: term.text}), select,
        h('span', {className: 'kurs-mark', 'data-mark-for': term.id})));
    }
    return list;
  }

  function orderingInputs(question) {
    const box = h('ol', {className: 'kurs-ordering'});
    const current = () => {
      const stored = state.answers[question.id];
      const n = question.items.length;
      return Array.isArray(stored) && stored.length === n && range(n).every((i) => stored.includes(i))
        ? stored : orderFor(question, state);
    };
    const draw = (focus) => {
      const order = current();
      box.replaceChildren(...order.map((itemIndex, position) => {
        const text = h('span', {html: question.items[itemIndex]}).textContent;
        const move = (delta, which) => () => {
          const next = order.slice();
          [next[position], next[position + delta]] = [next[position + delta], next[position]];
          setAnswer(question, next);
          draw({item: itemIndex, which});
          announce(live, fmt(T.moved, {item: text, n: position + delta + 1}));
        };
        const up = h('button', {type: 'button', className: 'kurs-move', 'data-move': 'up',
          'aria-label': fmt(T.move_up, {item: text}), disabled: position === 0,
          onclick: move(-1, 'up')}, '↑');
        const down = h('button', {type: 'button', className: 'kurs-move', 'data-move': 'down',
          'aria-label': fmt(T.move_down, {item: text}), disabled: position === order.length - 1,
          onclick: move(1, 'down')}, '↓');
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
    if (!Array.isArray(state.answers[question.id])) state.answers[question.id] = current();
    draw(null);
    return box;
  }

  function questionBlock(question, number) {
    const legendId = uid('legend');
    const fieldset = h('fieldset', {className: 'kurs-question', 'data-question-id': question.id,
      'data-type': question.type});
    fieldset.append(h('legend', {id: legendId},
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
        }}, T.hint);
      fieldset.append(h('p', {}, button), hint);
    }
    fieldset.append(h('div', {className: 'kurs-feedback', 'data-feedback-for': question.id}));
    return fieldset;
  }

  function rightAnswerText(question) {
    const strip = (html) => h('span', {html}).textContent;
    if (question.type === 'single' || question.type === 'multiple') {
      return question.options.filter((o) => o.correct).map((o) => strip(o.text)).join('; ');
    }
    if (question.type === 'true-false') return question.answer ? T.opt_true : T.opt_false;
    if (question.type === 'numeric') {
      return `${num(question.answer, 2)}${question.unit ? ` ${question.unit}` : ''}`;
    }
    if (question.type === 'text') return question.accepted[0];
    if (question.type === 'matching') {
      const defs = new Map(question.definitions.map((d) => [d.id, strip(d.text)]));
      return question.terms.map((t) => `${strip(t.text)} → ${defs.get(t.match)}`).join('; ');
    }
    return question.items.map((item, i) => `${i + 1}. ${strip(item)}`).join(' ');
  }

  function optionFeedback(question) {
    const answer = state.answers[question.id];
    if (question.type === 'single' || question.type === 'multiple') {
      const chosen = Array.isArray(answer) ? answer : [answer];
      return chosen.filter((i) => question.options[i]).map((i) =>
        h('li', {html: `<span class="kurs-yourchoice">${T.your_choice}:</span> ${question.options[i].feedback}`}));
    }
    if (question.type === 'true-false' && typeof answer === 'boolean') {
      return [h('li', {html: answer ? question.feedback_true : question.feedback_false})];
    }
    return [];
  }

  function markOptions(question, fieldset, result) {
    for (const mark of fieldset.querySelectorAll('.kurs-mark')) { mark.textContent = ''; mark.className = 'kurs-mark'; }
    if (!result || result === EMPTY || result === INVALID) return;
    const put = (key, ok) => {
      const mark = fieldset.querySelector(`[data-mark-for="${key}"]`);
      if (!mark) return;
      mark.textContent = ok ? ' ✓ richtig' : ' ✗ falsch';
      mark.className = `kurs-mark ${ok ? 'is-right' : 'is-wrong'}`;
    };
    const answer = state.answers[question.id];
    if (question.type === 'single' || question.type === 'multiple') {
      question.options.forEach((o, i) => {
        const chosen = Array.isArray(answer) ? answer.includes(i) : answer === i;
        if (o.correct) put(i, true);
        else if (chosen) put(i, false);
      });
    } else if (question.type === 'true-false') {
      put(String(question.answer), true);
      if (answer !== question.answer) put(String(answer), false);
    } else if (question.type === 'matching') {
      question.terms.forEach((t) => put(t.id, isObject(answer) && answer[t.id] === t.match));
    } else if (question.type === 'ordering') {
      (Array.isArray(answer) ? answer : []).forEach((item, pos) => put(item, item === pos));
    }
  }

  function updateFeedback() {
    for (const question of questions) {
      const box = feedbackBox(question);
      const fieldset = box.closest('fieldset');
      const result = state.results[question.id];
      markOptions(question, fieldset, result);
      fieldset.classList.toggle('is-right', result === CORRECT);
      fieldset.classList.toggle('is-wrong', result === 'wrong');
      if (!result) { box.replaceChildren(); continue; }
      if (result === EMPTY || result === INVALID) {
        box.replaceChildren(h('p', {className: 'kurs-notice'}, result === EMPTY ? T.empty : T.invalid_number));
        continue;
      }
      const parts = [h('p', {className: 'kurs-verdict'}, result === CORRECT ? T.correct : T.wrong)];
      const details = optionFeedback(question);
      if (details.length) parts.push(h('ul', {className: 'kurs-option-feedback'}, details));
      if (result !== CORRECT) {
        parts.push(h('p', {}, h('strong', {}, question.type === 'multiple' ? T.right_options : T.right_answer),
          ' ', rightAnswerText(question)));
      }
      parts.push(h('p', {html: `<strong>${T.explanation}</strong> ${question.explanation}`}));
      box.replaceChildren(...parts);
    }
    renderResult();
  }

  function percent(right, total) { return total ? Math.round((100 * right) / total) : 0; }

  function renderResult() {
    const box = root.querySelector('.kurs-result');
    box.replaceChildren();
    if (!state.checked) return;
    const right = questions.filter((q) => state.results[q.id] === CORRECT).length;
    box.append(h('p', {className: 'kurs-score'}, fmt(T.score, {right, total: questions.length})));
    if (!data.final) return;
    const needed = Math.round(100 * data.final.pass_mark);
    const pct = percent(right, questions.length);
    const passed = right / questions.length >= data.final.pass_mark - 1e-9;
    box.append(h('p', {className: passed ? 'kurs-passed' : 'kurs-failed'},
      passed ? fmt(T.passed, {percent: pct}) : fmt(T.failed, {percent: pct, needed})));
    if (passed) box.append(certificateForm(right, pct));
  }

  function certificateForm(right, pct) {
    const id = uid('name');
    const error = h('p', {className: 'kurs-notice', id: uid('err'), hidden: true}, T.name_empty);
    const input = h('input', {type: 'text', id, autocomplete: 'name', value: state.name || '',
      'aria-describedby': error.id});
    const out = h('div', {className: 'kurs-certificate-slot'});
    const make = () => {
      const name = input.value.trim();
      error.hidden = Boolean(name);
      input.setAttribute('aria-invalid', String(!name));
      if (!name) { input.focus(); return; }
      state.name = name;
      state.certificate = {name, date: today(), right, total: questions.length, percent: pct};
      saveState(model, state);
      out.replaceChildren(certificate(state.certificate));
      announce(live, `${T.certificate_heading}: ${name}`);
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); make(); } });
    if (isObject(state.certificate) && state.certificate.right === right) {
      out.append(certificate(state.certificate));
    }
    return h('div', {className: 'kurs-certificate-form'},
      h('p', {}, h('label', {for: id}, T.name_label), ' ', input), error,
      h('p', {}, h('button', {type: 'button', onclick: make}, T.make_certificate)), out);
  }

  function certificate(c) {
    const sheet = h('article', {className: 'kurs-certificate', 'aria-label': T.certificate_heading},
      h('p', {className: 'kurs-cert-title'}, data.final.certificate_title || T.certificate_heading),
      h('p', {className: 'kurs-cert-name'}, String(c.name)),
      h('p', {}, fmt(T.certificate_text, {course: data.final.course})),
      h('p', {}, fmt(T.certificate_score, {right: c.right, total: c.total, percent: c.percent})),
      h('p', {}, fmt(T.certificate_chapters, {chapters: data.final.chapters.join(', ')})),
      h('p', {}, fmt(T.certificate_date, {date: String(c.date)})));
    const print = h('button', {type: 'button', className: 'kurs-secondary kurs-no-print',
      onclick: () => printPart(sheet)}, T.print);
    return h('div', {}, sheet, h('p', {}, print));
  }

  function check() {
    for (const question of questions) state.results[question.id] = grade(question, state.answers[question.id]);
    state.checked = true;
    state.attempts = (Number(state.attempts) || 0) + 1;
    save();
    updateFeedback();
    const right = questions.filter((q) => state.results[q.id] === CORRECT).length;
    const open = questions.filter((q) => [EMPTY, INVALID].includes(state.results[q.id])).length;
    const wrongNumbers = questions.map((q, i) => (state.results[q.id] === 'wrong' ? i + 1 : 0)).filter(Boolean);
    let message = fmt(T.checked_all, {score: fmt(T.score, {right, total: questions.length})});
    if (wrongNumbers.length) message += ` ${fmt(T.wrong_list, {numbers: wrongNumbers.join(', ')})}`;
    if (open) message += ` ${fmt(T.unanswered_some, {count: open})}`;
    announce(live, message);
  }

  function restart() {
    state = {order: {}, answers: {}, results: {}, best: state.best, attempts: state.attempts,
      name: state.name};
    if (data.final) state.drawn = null;
    saveState(model, state);
    build();
    const first = root.querySelector('fieldset input, fieldset select, fieldset button');
    if (first) first.focus();
  }

  function build() {
    load();
    const intro = data.final
      ? h('p', {className: 'kurs-intro'}, fmt(T.intro, {count: questions.length,
        percent: Math.round(100 * data.final.pass_mark)}))
      : null;
    root.replaceChildren(...[
      intro,
      h('ol', {className: 'kurs-questions'}, questions.map((q, i) => h('li', {}, questionBlock(q, i + 1)))),
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', className: 'kurs-check', onclick: check}, T.check),
        h('button', {type: 'button', className: 'kurs-secondary kurs-retry', onclick: restart},
          data.final ? T.new_attempt : T.retry)),
      h('div', {className: 'kurs-result'}),
      live,
      h('p', {className: 'kurs-small'}, T.saved_note)].filter(Boolean));
    saveState(model, state);
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
