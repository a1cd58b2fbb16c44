// Runs the course's front-end modules in the published page, without a kernel.
// Each root element carries its data as embedded JSON; a small in-page model stands in for
// the notebook's widget model and keeps state in localStorage under one versioned key.
// A classic script, not an ES module: pages opened from disk (file://) may not load modules.
// The widgets' own scripts (kurs-*.page.js) register themselves in window.KursModules.
(() => {
'use strict';
const KEY = 'social-media-kurs:v1';
let damaged = false;
// When the browser blocks site data, localStorage throws, or the page's head has replaced it with
// a store in memory and says so (site/templates/layout.html): the visit keeps its state here.
let memory = window.kursStorageBlocked && !window.KursStoreBackend ? {version: 1, items: {}} : null;
let blockedNoted = false;

// A page that hosts the course elsewhere (the SCORM adapter: the learning platform's
// suspend_data) sets window.KursStoreBackend = {read() -> JSON text or null, write(text)}
// before this script runs; otherwise the state lives in localStorage.
const backend = window.KursStoreBackend || null;

function readRaw() {
  return backend ? backend.read() : window.localStorage.getItem(KEY);
}

function readStore() {
  if (memory) return memory;
  let raw = null;
  try { raw = readRaw(); } catch (_e) {
    memory = {version: 1, items: {}};
    return memory;
  }
  if (raw === null) return {version: 1, items: {}};
  try {
    const value = JSON.parse(raw);
    if (value && value.version === 1 && value.items && typeof value.items === 'object'
        && !Array.isArray(value.items)) return value;
  } catch (_e) { /* fall through: a damaged or foreign value is replaced */ }
  damaged = true;
  const fresh = {version: 1, items: {}};
  writeStore(fresh);
  return fresh;
}

function writeStore(store) {
  if (memory) { memory = store; return; }
  const text = JSON.stringify(store);
  try {
    if (backend) backend.write(text); else window.localStorage.setItem(KEY, text);
  } catch (_e) { memory = store; }
}

const models = [];

class PageModel {
  constructor(key, data) {
    this.key = key;
    this.values = {data};
    this.listeners = {};
    models.push(this);
  }

  get(name) {
    if (name !== 'state') return this.values[name];
    const items = readStore().items;
    if (this.key === null) return items;
    const item = items[this.key];
    return item && typeof item === 'object' && !Array.isArray(item) ? item : {};
  }

  set(name, value) { this.values[name] = value; }

  save_changes() {
    if (!('state' in this.values)) return;
    const store = readStore();
    if (this.key === null) store.items = this.values.state;
    else store.items[this.key] = this.values.state;
    delete this.values.state;
    writeStore(store);
    for (const other of models) if (other !== this) other.emit('change:state');
  }

  on(event, callback) {
    if (!this.listeners[event]) this.listeners[event] = [];
    this.listeners[event].push(callback);
  }

  off(event, callback) {
    this.listeners[event] = (this.listeners[event] || []).filter((f) => f !== callback);
  }

  emit(event) { for (const f of this.listeners[event] || []) f(); }

  send() {}
}

function mount(root) {
  const kind = root.dataset.kursKind;
  const data = JSON.parse(root.querySelector('script.kurs-data').textContent);
  const file = kind === 'exercise' ? `kurs-ex-${data.id}.js` : `kurs-${kind}.js`;
  const module = /** @type {{default: {render: Function}} | undefined} */ (
    window.KursModules?.[file]);
  if (!module) throw new Error(`${file} fehlt auf dieser Seite`);
  const key = kind === 'progress' ? null : `${kind}:${data.id}`;
  readStore();
  if (memory && data.texts?.saved_note_blocked) {
    data.texts = {...data.texts, saved_note: data.texts.saved_note_blocked};
  }
  const view = document.createElement('div');
  view.className = 'kurs-view';
  const fallback = root.querySelector('.kurs-fallback');
  if (fallback) fallback.hidden = true;
  root.append(view);
  module.default.render({model: new PageModel(key, data), el: view});
  if (memory && !blockedNoted && data.texts?.storage_blocked) {
    blockedNoted = true;  // one note per page
    view.prepend(Object.assign(document.createElement('p'),
      {className: 'kurs-notice', role: 'status', textContent: data.texts.storage_blocked}));
  }
  if (damaged && data.texts?.storage_reset) {
    damaged = false;
    view.prepend(Object.assign(document.createElement('p'),
      {className: 'kurs-notice', textContent: data.texts.storage_reset}));
  }
  root.classList.add('is-ready');
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY) for (const model of models) model.emit('change:state');
});

function mountAll() {
  for (const root of document.querySelectorAll('[data-kurs-kind]')) {
    try { mount(root); } catch (error) { console.error('Kurs-Element konnte nicht starten', error); }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
})();
