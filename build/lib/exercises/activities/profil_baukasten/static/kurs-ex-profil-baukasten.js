// Exercise "profil-baukasten": a sample profile with visibility per field, previewed for
// several viewers and rated by rules from the scenario; a second mode checks a company page.
// The named exports are the twins of exercises/profile_rules.py (shared vectors:
// tests/data/vectors-profil-baukasten.yml).
import {announce, fmt, h, isObject, safeState, saveState, uid} from './kurs-common.js';

export const LEVELS = ['public', 'contacts', 'private'];
export const MODES = ['profile', 'company'];
export const SEVERITIES = ['required', 'high', 'medium', 'low', 'chance'];
const DEFAULT_MAX = {text: 120, textarea: 600, email: 120, tel: 40, date: 20, choice: 80};
const SPACE = /^[ \t\r\n\f\v\u00a0]+|[ \t\r\n\f\v\u00a0]+$/g;
const EMAIL = /^[^@ \t\r\n]+@[^@ \t\r\n]+\.[^@ \t\r\n]+$/;
const TEL = /^\+?[0-9 ()/-]+$/;
// "14.03.", "14.03" and "14.03.1985" (the field's hint shows the first form).
const DATE = /^([0-9]{1,2})\. ?([0-9]{1,2})(?:\.(?: ?([0-9]{4}))?)?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function clean(value) {
  return typeof value === 'string' ? value.replace(SPACE, '') : '';
}

export function maxLength(field) {
  return field.max_length || DEFAULT_MAX[field.kind || 'text'] || 120;
}

// An entry with an input problem (an impossible date, an address without @) is shown with its
// hint but neither previewed nor rated as real data.
export function isFilled(field, value) {
  const text = clean(value);
  if (!text) return false;
  if (field.kind === 'choice') return !(field.empty_options || []).includes(text);
  return inputProblem(field, text) === null;
}

function leap(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function validDate(day, month, year) {
  if (month < 1 || month > 12 || day < 1) return false;
  if (year !== null && (year < 1900 || year > 2100)) return false;
  const longest = month === 2 && year !== null && !leap(year) ? 28 : DAYS[month - 1];
  return day <= longest;
}

export function inputProblem(field, value) {
  const text = clean(value);
  if (!text || field.kind === 'choice') return null;
  if ([...text].length > maxLength(field)) return 'too_long';
  if (field.kind === 'email' && !EMAIL.test(text)) return 'email';
  if (field.kind === 'tel') {
    const digits = (text.match(/[0-9]/g) || []).length;
    if (!TEL.test(text) || digits < 6 || digits > 20) return 'tel';
  }
  if (field.kind === 'date') {
    const match = DATE.exec(text);
    if (!match) return 'date';
    const year = match[3] === undefined ? null : Number(match[3]);
    if (!validDate(Number(match[1]), Number(match[2]), year)) return 'date';
  }
  return null;
}

function optionIds(field) {
  return (field.options || []).map((o) => o.id);
}

export function normalizeAnswers(mode, raw) {
  const source = isObject(raw) ? raw : {};
  const values = isObject(source.values) ? source.values : {};
  const levels = isObject(source.visibility) ? source.visibility : {};
  const out = {values: {}, visibility: {}};
  for (const field of mode.fields) {
    const key = field.id;
    const fallback = field.default || '';
    const own = Object.prototype.hasOwnProperty;
    let value = own.call(values, key) ? values[key] : undefined;
    if (typeof value !== 'string') value = fallback;
    if (field.kind === 'choice' && value !== '' && !optionIds(field).includes(value)) value = fallback;
    out.values[key] = value;
    let level = own.call(levels, key) ? levels[key] : undefined;
    if (!mode.choose_visibility) level = 'public';
    else if (!LEVELS.includes(level)) level = field.visibility || 'contacts';
    out.visibility[key] = level;
  }
  return out;
}

export function conditionHolds(mode, answers, condition) {
  const field = mode.fields.find((f) => f.id === condition.field);
  if (!field) return false;
  const value = answers.values[field.id] ?? '';
  const filled = condition.filled;
  if (filled !== undefined && filled !== null && isFilled(field, value) !== filled) return false;
  if (Array.isArray(condition.visibility)
      && !condition.visibility.includes(answers.visibility[field.id])) return false;
  if (Array.isArray(condition.value) && !condition.value.includes(clean(value))) return false;
  return true;
}

export function ruleFires(mode, answers, rule) {
  const every = rule.all || [];
  const some = rule.any || [];
  if (!every.length && !some.length) return false;
  if (!every.every((c) => conditionHolds(mode, answers, c))) return false;
  return !some.length || some.some((c) => conditionHolds(mode, answers, c));
}

export function evaluate(mode, raw) {
  const answers = normalizeAnswers(mode, raw);
  return mode.rules.filter((rule) => ruleFires(mode, answers, rule)).map((rule) => rule.id);
}

export function visibleFields(mode, raw, sees) {
  const answers = normalizeAnswers(mode, raw);
  return mode.fields.filter((f) => isFilled(f, answers.values[f.id])
    && sees.includes(answers.visibility[f.id])).map((f) => f.id);
}

export function requirementStatus(mode, fired) {
  return (mode.requirements || []).map((r) => ({id: r.id,
    met: !r.rules.some((id) => fired.includes(id))}));
}

// Missing required details count as the checklist shows them: one per requirement that a
// fired "required" rule leaves unmet (one rule can leave two requirements unmet).
export function severityCounts(mode, fired) {
  const byId = new Map(mode.rules.map((rule) => [rule.id, rule.severity]));
  const counts = {};
  for (const severity of SEVERITIES) {
    let n = fired.filter((id) => byId.get(id) === severity).length;
    if (severity === 'required' && (mode.requirements || []).length) {
      n = mode.requirements.filter((requirement) => requirement.rules.some(
        (rule) => fired.includes(rule) && byId.get(rule) === 'required')).length;
    }
    if (n) counts[severity] = n;
  }
  return counts;
}

// --- drawings -------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function face(cx, cy, r) {
  return [s('circle', {cx, cy, r, fill: '#e8b894'}),
    s('circle', {cx: cx - r / 3, cy: cy - r / 8, r: r / 9, fill: '#1a1a1a'}),
    s('circle', {cx: cx + r / 3, cy: cy - r / 8, r: r / 9, fill: '#1a1a1a'}),
    s('path', {d: `M${cx - r / 3} ${cy + r / 3} Q${cx} ${cy + r / 1.6} ${cx + r / 3} ${cy + r / 3}`,
      stroke: '#1a1a1a', 'stroke-width': 2, fill: 'none'})];
}

const FIGURES = {
  portrait: () => [s('rect', {width: 80, height: 80, fill: '#dbe8f5'}),
    s('path', {d: 'M12 80 C12 60 26 54 40 54 C54 54 68 60 68 80 Z', fill: '#0b4f8a'}),
    s('path', {d: 'M25 32 C25 14 55 14 55 32 C50 24 32 24 25 32 Z', fill: '#5a3a22'}),
    ...face(40, 34, 15)],
  holiday: () => [s('rect', {width: 80, height: 80, fill: '#bfe3f7'}),
    s('circle', {cx: 66, cy: 14, r: 8, fill: '#f2b705'}),
    s('rect', {y: 58, width: 80, height: 22, fill: '#2a7fb8'}),
    s('path', {d: 'M20 80 C20 64 30 58 40 58 C50 58 60 64 60 80 Z', fill: '#a4161a'}),
    ...face(40, 40, 13),
    s('rect', {x: 29, y: 35, width: 9, height: 6, rx: 2, fill: '#1a1a1a'}),
    s('rect', {x: 42, y: 35, width: 9, height: 6, rx: 2, fill: '#1a1a1a'}),
    s('path', {d: 'M38 38 H42', stroke: '#1a1a1a', 'stroke-width': 2})],
  cartoon: () => [s('rect', {width: 80, height: 80, fill: '#f1e6fa'}),
    s('circle', {cx: 40, cy: 42, r: 26, fill: '#6fbf73'}),
    s('circle', {cx: 31, cy: 36, r: 8, fill: '#fff'}), s('circle', {cx: 49, cy: 36, r: 8, fill: '#fff'}),
    s('circle', {cx: 32, cy: 37, r: 4, fill: '#1a1a1a'}), s('circle', {cx: 50, cy: 37, r: 4, fill: '#1a1a1a'}),
    s('path', {d: 'M28 52 Q40 64 52 52', stroke: '#1a1a1a', 'stroke-width': 3, fill: 'none'})],
  wordmark: (initials) => [s('rect', {width: 80, height: 80, rx: 8, fill: '#0b4f8a'}),
    s('text', {x: 40, y: 49, 'text-anchor': 'middle', 'font-size': 24, 'font-weight': 700,
      'font-family': 'sans-serif', fill: '#fff'}, initials)],
  emblem: () => [s('circle', {cx: 40, cy: 40, r: 38, fill: '#1d6b2f'}),
    s('path', {d: 'M16 50 L22 38 H58 L64 50 Z', fill: '#fff'}),
    s('path', {d: 'M30 38 C30 26 40 24 44 30 L40 38 Z', fill: '#fff'}),
    s('rect', {x: 46, y: 30, width: 6, height: 8, fill: '#fff'})],
  none: () => [s('rect', {width: 80, height: 80, fill: '#f0f0f0'}),
    s('circle', {cx: 40, cy: 32, r: 13, fill: 'none', stroke: '#595959', 'stroke-width': 2,
      'stroke-dasharray': '4 3'}),
    s('path', {d: 'M16 74 C16 58 28 52 40 52 C52 52 64 58 64 74', fill: 'none', stroke: '#595959',
      'stroke-width': 2, 'stroke-dasharray': '4 3'})],
};

function drawing(figure, label, initials) {
  const svg = s('svg', {viewBox: '0 0 80 80', width: 80, height: 80, role: 'img', 'aria-label': label,
    focusable: 'false', 'data-figure': figure});
  svg.append(s('title', {}, label), ...(FIGURES[figure] || FIGURES.none)(initials));
  return svg;
}

function initialsOf(text) {
  const words = clean(text).split(/\s+/).filter(Boolean);
  return words.slice(0, 2).map((w) => [...w][0].toUpperCase()).join('') || '?';
}

// --- the widget -----------------------------------------------------------------------------

const HIDDEN = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap';
const SEVERITY_MARK = {required: '✗', high: '⚠', medium: '⚠', low: 'ℹ', chance: '☆'};
const SEVERITY_CLASS = {required: 'kurs-bad', high: 'kurs-bad', medium: 'kurs-warn', low: 'kurs-warn',
  chance: ''};

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  let state = {};
  let refs = {};
  let saveTimer = null;
  let announceTimer = null;
  let lastRating = '';
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const body = h('div', {className: 'kurs-profil-body'});
  const modeButtons = MODES.map((key) => h('button', {type: 'button', 'data-key': `mode:${key}`,
    onclick: () => switchMode(key)}, data[key].title));
  const root = h('section', {className: 'kurs-exercise', 'aria-label': fmt(T.label, {title: data.title})},
    h('fieldset', {className: 'kurs-question'}, h('legend', {}, T.mode_legend),
      h('div', {className: 'kurs-actions'}, modeButtons)),
    body, live, h('p', {className: 'kurs-small'}, T.saved_note));
  el.replaceChildren(root);

  const mode = () => data[state.mode];
  const answers = () => state[state.mode];

  function load() {
    state = safeState(model);
    if (!MODES.includes(state.mode)) state.mode = 'profile';
    for (const key of MODES) state[key] = normalizeAnswers(data[key], state[key]);
  }

  function saveNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    saveState(model, state);
  }

  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 400);
  }

  function summaryText(counts) {
    const items = Object.entries(counts).map(([key, n]) => fmt(T.summary_item,
      {label: T[`sev_${key}`], n}));
    return items.length ? fmt(T.summary, {items: items.join(', ')}) : T.summary_none;
  }

  function fieldControl(field, id, describedBy) {
    const value = answers().values[field.id];
    const common = {id, 'data-key': `value:${field.id}`, 'aria-describedby': describedBy || null};
    if (field.kind === 'choice') {
      const select = h('select', {...common, style: 'width:100%', onchange: (event) => {
        answers().values[field.id] = event.target.value;
        saveNow();
        refresh();
      }}, field.default && value !== '' ? null : h('option', {value: ''}, T.choose),
      field.options.map((o) => h('option', {value: o.id}, o.label)));
      select.value = value;
      return select;
    }
    const handlers = {
      oninput: (event) => { answers().values[field.id] = event.target.value; saveSoon(); refresh(); },
      onchange: () => saveNow(),
    };
    const input = field.kind === 'textarea'
      ? h('textarea', {...common, ...handlers, rows: 3, maxlength: maxLength(field),
        style: 'width:100%;font:inherit;color:#1a1a1a;background:#fff;border:1px solid #595959;'
          + 'border-radius:4px;padding:.25rem .4rem'})
      : h('input', {...common, ...handlers, type: 'text', maxlength: maxLength(field),
        autocomplete: 'off', spellcheck: ['email', 'tel', 'date'].includes(field.kind) ? 'false' : null,
        inputmode: {email: 'email', tel: 'tel'}[field.kind] || null, style: 'width:100%'});
    input.value = value;
    return input;
  }

  function fieldCard(field) {
    const id = uid(`pb-${field.id}`);
    const exampleId = field.example && field.kind !== 'choice' ? uid('pb-ex') : null;
    const hint = h('p', {className: 'kurs-notice', id: uid('pb-hint'), hidden: true});
    const control = fieldControl(field, id, exampleId);
    const card = h('div', {className: 'kurs-card', 'data-field': field.id},
      h('div', {className: 'kurs-field'}, h('label', {for: id, className: 'kurs-field-label'}, field.label),
        h('br'), control),
      exampleId ? h('p', {className: 'kurs-small', id: exampleId}, fmt(T.example_hint,
        {example: field.example})) : null, hint);
    let select = null;
    if (mode().choose_visibility) {
      const selectId = uid('pb-vis');
      select = h('select', {id: selectId, 'data-key': `vis:${field.id}`, onchange: (event) => {
        answers().visibility[field.id] = event.target.value;
        saveNow();
        refresh();
      }}, LEVELS.map((level) => h('option', {value: level}, T[`level_${level}`])));
      select.value = answers().visibility[field.id];
      card.append(h('p', {}, h('label', {for: selectId}, T.visibility_label,
        h('span', {style: HIDDEN}, `: ${field.label}`)), ' ', select));
    }
    refs[field.id] = {control, hint, exampleId};
    return card;
  }

  function buildBody(focusKey) {
    const current = mode();
    refs = {};
    for (const button of modeButtons) {
      const pressed = button.dataset.key === `mode:${state.mode}`;
      button.setAttribute('aria-pressed', String(pressed));
      button.className = pressed ? '' : 'kurs-secondary';
    }
    body.replaceChildren(
      h('p', {className: 'kurs-intro', html: current.intro}),
      h('fieldset', {className: 'kurs-question'},
        h('legend', {}, fmt(T.fields_legend, {title: current.title})),
        h('div', {className: 'kurs-grid'}, current.fields.map(fieldCard)),
        h('div', {className: 'kurs-actions'},
          h('button', {type: 'button', className: 'kurs-secondary', 'data-key': 'action:example',
            onclick: fillExample}, T.fill_example),
          h('button', {type: 'button', className: 'kurs-secondary', 'data-key': 'action:reset',
            onclick: reset}, T.reset))),
      h('h3', {}, current.preview_title),
      h('div', {className: 'kurs-grid', 'data-part': 'preview'}),
      h('h3', {}, T.rating_heading),
      h('div', {'data-part': 'rating'}),
      current.note ? h('p', {className: 'kurs-note', html: current.note}) : null);
    const counts = refresh(true);
    if (focusKey) {
      const target = root.querySelector(`[data-key="${focusKey}"]`);
      if (target) target.focus();
    }
    return counts;
  }

  function viewerCard(viewer, values) {
    const current = mode();
    const shown = visibleFields(current, answers(), viewer.sees);
    const headline = current.fields.find((f) => f.show_as === 'headline');
    const headingId = uid('pb-viewer');
    const images = [];
    const heads = [];
    const lines = [];
    const hidden = [];
    for (const field of current.fields) {
      const value = values[field.id];
      const visible = shown.includes(field.id);
      if (isFilled(field, value) && !visible) hidden.push(field.label);
      if (field.show_as === 'image') {
        const option = visible ? field.options.find((o) => o.id === value) : null;
        images.push(option
          ? drawing(option.figure || 'none', option.label, initialsOf(headline ? values[headline.id] : ''))
          : drawing('none', fmt(T.image_missing, {label: field.label})));
      } else if (field.show_as === 'headline') {
        heads.push(h('p', {className: 'kurs-preview-headline'}, h('strong', {},
          visible ? clean(value) : fmt(T.headline_missing, {label: field.label}))));
      } else if (visible) {
        const text = field.kind === 'choice'
          ? field.options.find((o) => o.id === value).label : clean(value);
        lines.push(h('li', {'data-shows': field.id}, h('strong', {}, `${field.label}: `),
          h('span', {style: 'white-space:pre-line'}, text)));
      }
    }
    const parts = [h('div', {className: 'kurs-row'}, images, heads)];
    if (!shown.length) parts.push(h('p', {}, T.preview_nothing));
    if (lines.length) parts.push(h('ul', {}, lines));
    if (hidden.length) {
      parts.push(h('p', {className: 'kurs-small'}, fmt(T.preview_hidden, {fields: hidden.join(', ')})));
    }
    return h('article', {className: 'kurs-card', 'aria-labelledby': headingId, 'data-viewer': viewer.id},
      h('h4', {id: headingId}, viewer.label), h('p', {className: 'kurs-small'}, viewer.description),
      ...parts);
  }

  function severityLabel(severity) {
    return h('strong', {className: SEVERITY_CLASS[severity] || ''},
      h('span', {'aria-hidden': 'true'}, `${SEVERITY_MARK[severity] || ''} `),
      `${T[`sev_${severity}`]}:`);
  }

  function ratingParts(fired, counts) {
    const current = mode();
    const parts = [h('p', {className: 'kurs-score', 'data-part': 'summary'}, summaryText(counts))];
    const status = requirementStatus(current, fired);
    if (status.length) {
      const labels = new Map(current.requirements.map((r) => [r.id, r.label]));
      parts.push(h('h4', {}, T.requirements_heading), h('ul', {'data-part': 'requirements'},
        status.map((item) => h('li', {'data-requirement': item.id, 'data-met': String(item.met)},
          h('strong', {className: item.met ? 'kurs-good' : 'kurs-bad'},
            h('span', {'aria-hidden': 'true'}, item.met ? '✓ ' : '✗ '),
            `${item.met ? T.req_met : T.req_missing}:`), ` ${labels.get(item.id)}`))));
    }
    if (fired.length) {
      const rules = new Map(current.rules.map((r) => [r.id, r]));
      parts.push(h('ul', {'data-part': 'findings'}, fired.map((id) => {
        const rule = rules.get(id);
        return h('li', {'data-rule': id, 'data-severity': rule.severity},
          h('p', {}, severityLabel(rule.severity), ' ', h('span', {html: rule.message})),
          h('p', {}, h('strong', {}, T.tip), ' ', h('span', {html: rule.tip})));
      })));
    }
    return parts;
  }

  function refresh(initial = false) {
    const current = mode();
    const values = answers().values;
    for (const field of current.fields) {
      const ref = refs[field.id];
      if (!ref) continue;
      const problem = inputProblem(field, values[field.id]);
      ref.hint.hidden = !problem;
      ref.hint.textContent = problem ? fmt(T[`problem_${problem}`], {max: maxLength(field)}) : '';
      if (problem) ref.control.setAttribute('aria-invalid', 'true');
      else ref.control.removeAttribute('aria-invalid');
      const described = [ref.exampleId, problem ? ref.hint.id : null].filter(Boolean).join(' ');
      if (described) ref.control.setAttribute('aria-describedby', described);
      else ref.control.removeAttribute('aria-describedby');
    }
    body.querySelector('[data-part="preview"]').replaceChildren(
      ...current.viewers.map((viewer) => viewerCard(viewer, values)));
    const fired = evaluate(current, answers());
    const counts = severityCounts(current, fired);
    body.querySelector('[data-part="rating"]').replaceChildren(...ratingParts(fired, counts));
    const key = `${state.mode}|${fired.join(',')}`;
    if (!initial && key !== lastRating) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => announce(live, fmt(T.rating_changed,
        {summary: summaryText(counts)})), 800);
    }
    lastRating = key;
    return counts;
  }

  function afterAction(message, focusKey) {
    saveNow();
    const counts = buildBody(focusKey);
    clearTimeout(announceTimer);
    announce(live, `${message} ${summaryText(counts)}`);
  }

  function switchMode(key) {
    state.mode = key;
    afterAction(fmt(T.mode_switched, {title: data[key].title}), null);
  }

  function fillExample() {
    for (const field of mode().fields) {
      if (typeof field.example === 'string') answers().values[field.id] = field.example;
    }
    afterAction(T.example_done, 'action:example');
  }

  function reset() {
    state[state.mode] = normalizeAnswers(mode(), {});
    afterAction(T.reset_done, 'action:reset');
  }

  load();
  buildBody(null);
  const onExternal = () => {
    const incoming = model.get('state');
    if (JSON.stringify(incoming) === JSON.stringify(state)) return;
    const active = root.contains(document.activeElement)
      ? /** @type {HTMLElement | null} */ (document.activeElement.closest('[data-key]')) : null;
    load();
    buildBody(active ? active.dataset.key : null);
  };
  model.on('change:state', onExternal);
  // Typing is saved a moment later; leaving the page (or hiding the tab) saves at once.
  const flush = () => { if (saveTimer) saveNow(); };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', flush);
  return () => {
    model.off('change:state', onExternal);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', flush);
    flush();
    clearTimeout(announceTimer);
  };
}

export default {render};
