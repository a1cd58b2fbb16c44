// Small DOM and formatting helpers shared by every front-end module.
// Used in the published page (via kurs-host.js) and, bundled, in live notebooks.
import {formatDe} from './kurs-numbers.js';

let counter = 0;

export function uid(prefix) {
  counter += 1;
  return `${prefix}-${Math.random().toString(36).slice(2, 7)}-${counter}`;
}

// h('button', {type: 'button', onclick: f}, 'Prüfen'); attributes starting with "on" become
// listeners, `html` sets pre-escaped markup (only ever our own, escaped-at-build-time text).
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'html') node.innerHTML = value;
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function fmt(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));
}

// German singular or plural: plural(n, '1 Frage', '{count} Fragen'); in ui_text.yml the two
// texts are the keys <name>_one and <name>_other.
export function plural(count, one, other) {
  return Number(count) === 1 ? one : other;
}

// The one German number format (kurs-numbers.js formatDe, twin of core/numbers.py format_de).
export function num(value, digits = 0) {
  return formatDe(value, digits);
}

export function shuffled(items) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function range(n) {
  return Array.from({length: n}, (_, i) => i);
}

// Live regions only announce changes: clear first so the same text is read again.
export function announce(region, text) {
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// A state object from storage or the kernel may be damaged: keep only a plain object.
export function safeState(model) {
  const state = model.get('state');
  return isObject(state) ? JSON.parse(JSON.stringify(state)) : {};
}

export function saveState(model, state) {
  model.set('state', JSON.parse(JSON.stringify(state)));
  model.save_changes();
}

export function today() {
  return new Date().toLocaleDateString('de-DE', {day: 'numeric', month: 'long', year: 'numeric'});
}

// Print one part alone: a copy goes into a top-level sheet, everything else is not printed
// (hiding in place would keep the page's height and print empty pages).
export function printPart(part) {
  const copy = part.cloneNode(true);
  copy.classList.add('kurs-print-target');
  const sheet = h('div', {className: 'kurs-print-sheet'}, copy);
  document.body.append(sheet);
  document.body.classList.add('kurs-printing');
  const done = () => {
    sheet.remove();
    document.body.classList.remove('kurs-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

// --- form parts shared by the exercises ------------------------------------------------------

// "A", "A und B", "A, B und C" (twin of join_names in the exercises' rules.py).
export function joinNames(names, andWord) {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${andWord} ${names[names.length - 1]}`;
}

// A question answered by ticking: a fieldset with the question as legend and one labelled radio
// button (or checkbox, if `multiple`) per option. `onChange` gets the chosen option's id, or the
// ids of every ticked checkbox in the options' order. Returns {fieldset, inputs}.
export function choiceGroup({key, options, multiple, legend, label = (option) => option.label, prefix},
  onChange) {
  const name = uid(`${prefix}-${key}`);
  const inputs = [];
  const list = h('ul', {className: 'kurs-options'}, options.map((option) => {
    const id = uid('opt');
    const input = h('input', {type: multiple ? 'checkbox' : 'radio', name, id, value: option.id,
      'data-question': key, onchange: () => {
        onChange(multiple ? inputs.filter((i) => i.checked).map((i) => i.value) : option.id);
      }});
    inputs.push(input);
    return h('li', {}, input, h('label', {for: id}, label(option)));
  }));
  const fieldset = h('fieldset', {className: 'kurs-question', 'data-question': key},
    h('legend', {}, legend), list);
  return {fieldset, inputs};
}

// Ticks a choice group as a stored answer says: an id, or a list of ids if `multiple`.
export function tickChoices(inputs, answer, multiple) {
  const chosen = multiple ? (Array.isArray(answer) ? answer : []) : [answer];
  for (const input of inputs) input.checked = chosen.includes(input.value);
}

// What a text field shows of a stored answer: a text or a number, never a damaged value.
export function storedText(value) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

// A labelled one-line text field with a help text and a hint next to it (data-hint-for) that
// `showHint(error)` fills or hides, marking the field invalid. `onCommit(value)` runs when the
// field changes and on Enter (which submits nothing). Returns {field, input, showHint}.
export function textField({key, label, help, attrs, prefix}, onCommit) {
  const id = uid(`${prefix}-${key}`);
  const helpText = h('p', {className: 'kurs-small', id: uid('help')}, help);
  const hint = h('p', {className: 'kurs-notice', id: uid('hint'), hidden: true, 'data-hint-for': key});
  const input = h('input', {type: 'text', id, autocomplete: 'off', 'data-question': key,
    'aria-describedby': helpText.id, ...attrs,
    onchange: () => onCommit(input.value),
    onkeydown: (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      onCommit(input.value);
    }});
  const field = h('div', {className: 'kurs-field'}, h('div', {className: 'kurs-row'},
    h('label', {for: id}, label), input), helpText, hint);
  function showHint(error) {
    hint.textContent = error || '';
    hint.hidden = !error;
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    input.setAttribute('aria-describedby', error ? `${hint.id} ${helpText.id}` : helpText.id);
  }
  return {field, input, showHint};
}
