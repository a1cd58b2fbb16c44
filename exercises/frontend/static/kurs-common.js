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
