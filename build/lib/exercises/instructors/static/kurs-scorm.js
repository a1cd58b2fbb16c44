// SCORM 1.2 adapter of the course package made by `kurs export-scorm`; a classic script.
// It has two roles, told apart by the page it runs in:
// - On a SCO page (sco/<chapter>.html, with its settings in #kurs-scorm-config) it looks for
//   the learning platform's API (SCORM 1.2 search: this window and up to seven parents, then
//   the opener's), calls LMSInitialize, restores the chapter's state from cmi.suspend_data and
//   shows the chapter in a frame. After every save it writes suspend_data, score and
//   lesson_status and calls LMSCommit (Chromium blocks synchronous requests while a page
//   unloads, so nothing waits for the end); on unload it calls LMSFinish.
// - On a course page inside that frame it hands the page's store to the SCO page through
//   window.KursStoreBackend, which kurs-host.js reads. Without the SCO page, or when no
//   platform answers, it does nothing: the page keeps its state in localStorage like the
//   website.
// The suspend_data encoding is the twin of exercises/instructors/scorm_state.py (shared cases:
// tests/data/scorm/state-vectors.yml).
(() => {
// The page's globals this script sets or reads (KursScorm, KursScormSession, API).
const win = /** @type {any} */ (window);
const PREFIX = 'K1';
const LIMIT = 4096;
const MAX_TRIES = 7;

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fmt(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));
}

// --- the encoding -------------------------------------------------------------------------

function encode(value, tokens) {
  if (value === null || value === undefined) return 'N';
  if (value === true) return 'T';
  if (value === false) return 'F';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER) return `${value}.`;
    return `#${String(value)};`;
  }
  if (typeof value === 'string') return tokens.has(value) ? tokens.get(value) : `${value.length}"${value}`;
  if (Array.isArray(value)) return `[${value.map((item) => encode(item, tokens)).join('')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value).map(([key, item]) => encode(key, tokens) + encode(item, tokens)).join('')}}`;
  }
  return 'N';
}

function decode(text, names) {
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) throw new Error('kein Kurs-Lernstand');
  let at = PREFIX.length;
  const fail = () => { throw new Error(`beschädigt an Stelle ${at}`); };
  function value() {
    const c = text[at];
    if (c === undefined) fail();
    if (c === 'N' || c === 'T' || c === 'F') {
      at += 1;
      return {N: null, T: true, F: false}[c];
    }
    if (c === '[') {
      at += 1;
      const out = [];
      while (text[at] !== ']') out.push(value());
      at += 1;
      return out;
    }
    if (c === '{') {
      at += 1;
      const out = {};
      while (text[at] !== '}') {
        const key = value();
        if (typeof key !== 'string') fail();
        Object.defineProperty(out, key, {value: value(), enumerable: true, writable: true, configurable: true});
      }
      at += 1;
      return out;
    }
    if (c === '~') {
      const token = text.slice(at, at + 5);
      if (token.length !== 5) fail();
      at += 5;
      return names.has(token) ? names.get(token) : token;
    }
    if (c === '#') {
      const end = text.indexOf(';', at);
      const number = end < 0 ? NaN : Number(text.slice(at + 1, end));
      if (!Number.isFinite(number)) fail();
      at = end + 1;
      return number;
    }
    const digits = /^[0-9]{1,16}/.exec(text.slice(at, at + 16));
    if (!digits) fail();
    at += digits[0].length;
    const number = Number(digits[0]);
    if (text[at] === '.') {
      at += 1;
      return number;
    }
    if (text[at] !== '"') fail();
    const string = text.slice(at + 1, at + 1 + number);
    if (string.length !== number) fail();
    at += 1 + number;
    return string;
  }
  const result = value();
  if (at !== text.length) fail();
  return result;
}

function cut(text, cap) {
  if (text.length <= cap) return text;
  let end = cap;
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function capStrings(value, cap) {
  if (typeof value === 'string') return cut(value, cap);
  if (Array.isArray(value)) return value.map((item) => capStrings(item, cap));
  if (isObject(value)) {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {value: capStrings(item, cap), enumerable: true, writable: true,
        configurable: true});
    }
    return out;
  }
  return value;
}

function suspendData(items, tokens, caps, defaultCap) {
  const capped = {};
  for (const [key, item] of Object.entries(items)) {
    capped[key] = capStrings(item, key in caps ? caps[key] : defaultCap);
  }
  return PREFIX + encode(capped, tokens);
}

// "Nachname, Vorname" (cmi.core.student_name) as the certificate writes it: "Vorname Nachname".
function studentName(value) {
  const text = typeof value === 'string' ? value.trim() : '';
  const comma = text.indexOf(',');
  if (comma < 0) return text;
  return `${text.slice(comma + 1).trim()} ${text.slice(0, comma).trim()}`.trim();
}

function timespan(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.min(9999, Math.floor(seconds / 3600)))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

const helpers = {encode, decode, cut, capStrings, suspendData, studentName, timespan, LIMIT, PREFIX};

// --- the SCO page -------------------------------------------------------------------------

function searchApi(start) {
  let win = start;
  let tries = 0;
  try {
    while (!win.API && win.parent && win.parent !== win) {
      tries += 1;
      if (tries > MAX_TRIES) return null;
      win = win.parent;
    }
    return win.API || null;
  } catch {
    return null;  // a frame of another origin: the search ends there
  }
}

function findApi() {
  const api = searchApi(window);
  if (api) return api;
  try {
    return window.opener ? searchApi(window.opener) : null;
  } catch {
    return null;
  }
}

function startSco(config) {
  const T = config.texts;
  const tokens = new Map(Object.entries(config.tokens));
  const names = new Map([...tokens].map(([text, token]) => [token, text]));
  const own = new Set(config.items);
  const api = findApi();
  const notes = [];
  let noteBox = null;

  function note(text) {
    if (notes.includes(text)) return;
    notes.push(text);
    if (noteBox) showNotes();
  }

  function showNotes() {
    for (const text of notes.slice(noteBox.childElementCount)) {
      noteBox.append(Object.assign(document.createElement('p'), {textContent: text}));
    }
    noteBox.hidden = notes.length === 0;
  }

  document.addEventListener('DOMContentLoaded', () => {
    noteBox = document.getElementById('kurs-scorm-notes');
    if (noteBox) showNotes();
  });

  win.KursScorm = {...helpers, api: Boolean(api)};
  if (!api) return;  // no platform: the chapter behaves exactly like the website

  const call = (name, ...args) => {
    try { return String(api[name](...args)); } catch { return 'false'; }
  };
  const errorCode = () => call('LMSGetLastError');
  const errorText = (code) => call('LMSGetErrorString', code);
  let connected = call('LMSInitialize', '') === 'true';
  if (!connected) {
    const code = errorCode();
    note(fmt(T.init_failed, {code, text: errorText(code)}));
  }

  let items = {};
  let others = {};
  let lastData = '';
  let name = '';
  let reported = {raw: '', status: ''};
  // The mastery score the platform read from the manifest wins; else the final test's pass mark.
  let mastery = config.final ? 100 * config.final.pass_mark : null;
  const started = Date.now();

  function get(element) {
    return connected ? call('LMSGetValue', element) : '';
  }

  function set(element, value) {
    if (!connected) return false;
    if (call('LMSSetValue', element, value) === 'true') return true;
    const code = errorCode();
    note(fmt(T.value_refused, {element, code, text: errorText(code)}));
    return false;
  }

  function commit() {
    if (connected && call('LMSCommit', '') !== 'true') {
      const code = errorCode();
      note(fmt(T.commit_failed, {code, text: errorText(code)}));
    }
  }

  function report() {
    const quiz = items[config.quiz];
    if (!isObject(quiz)) return false;
    const total = Number(quiz.total);
    const best = Math.max(Number(quiz.best) || 0, quiz.checked === true ? Number(quiz.right) || 0 : 0);
    if (!(total > 0) || !(quiz.checked === true || Number(quiz.attempts) > 0)) return false;
    const raw = String(Math.floor((10000 * Math.min(best, total)) / total) / 100);
    const status = config.final ? (Number(raw) >= mastery - 1e-9 ? 'passed' : 'failed') : 'completed';
    if (raw === reported.raw && status === reported.status) return false;
    set('cmi.core.score.min', '0');
    set('cmi.core.score.max', '100');
    set('cmi.core.score.raw', raw);
    set('cmi.core.lesson_status', status);
    reported = {raw, status};
    return true;
  }

  function save() {
    let changed = false;
    const data = suspendData(items, tokens, config.caps, config.default_cap);
    if (data.length > LIMIT) {
      note(T.too_big);  // the last state that fitted stays on the platform
    } else if (data !== lastData) {
      if (set('cmi.suspend_data', data)) lastData = data;
      changed = true;
    }
    if (report()) changed = true;
    if (changed) commit();
  }

  if (connected) {
    lastData = get('cmi.suspend_data');
    if (lastData) {
      try {
        const stored = decode(lastData, names);
        if (isObject(stored)) for (const key of own) if (isObject(stored[key])) items[key] = stored[key];
      } catch {
        note(T.restore_failed);
      }
    }
    name = studentName(get('cmi.core.student_name'));
    const fromPlatform = Number.parseFloat(get('cmi.student_data.mastery_score'));
    if (config.final && Number.isFinite(fromPlatform)) mastery = fromPlatform;
    reported = {raw: get('cmi.core.score.raw'), status: get('cmi.core.lesson_status')};
    if (reported.status === 'not attempted' || reported.status === '') {
      if (set('cmi.core.lesson_status', 'incomplete')) reported.status = 'incomplete';
      commit();
    }
    if (report()) commit();
  }

  let finished = false;
  function finish() {
    if (finished || !connected) return;
    finished = true;
    set('cmi.core.exit', 'suspend');
    set('cmi.core.session_time', timespan(Date.now() - started));
    call('LMSFinish', '');
    connected = false;
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);

  win.KursScormSession = {
    connected: () => connected,
    own: (key) => own.has(key),
    texts: T,
    read() {
      const all = {...others, ...items};
      const final = config.final?.key;
      if (final && name) {
        const state = isObject(all[final]) ? all[final] : {};
        if (typeof state.name !== 'string' || !state.name.trim()) all[final] = {...state, name};
      }
      return JSON.stringify({version: 1, items: all});
    },
    write(text) {
      const store = JSON.parse(text);
      const incoming = isObject(store?.items) ? store.items : {};
      items = {};
      others = {};
      for (const [key, value] of Object.entries(incoming)) (own.has(key) ? items : others)[key] = value;
      if (connected) save();
    },
  };
}

// --- a course page inside the SCO page ----------------------------------------------------

const LMS_STYLE = 'html.kurs-in-lms .bd-sidebar-primary, html.kurs-in-lms .prev-next-footer,'
  + ' html.kurs-in-lms .primary-toggle {display: none !important}';

function startPage() {
  let session = null;
  try {
    const parent = /** @type {any} */ (window.parent);
    if (parent !== window && parent.KursScormSession) session = parent.KursScormSession;
  } catch {
    session = null;  // a parent of another origin is not our SCO page
  }
  win.KursScorm = {...helpers, api: Boolean(session)};
  if (!session) return;
  window.KursStoreBackend = {read: () => session.read(), write: (text) => session.write(text)};
  const T = session.texts;
  for (const root of document.querySelectorAll('[data-kurs-kind]')) {
    const script = root.querySelector('script.kurs-data');
    let data = null;
    try { data = JSON.parse(script.textContent); } catch { continue; }
    if (!isObject(data) || !isObject(data.texts) || !('saved_note' in data.texts)) continue;
    const key = `${/** @type {HTMLElement} */ (root).dataset.kursKind}:${data.id}`;
    data.texts.saved_note = !session.connected() ? T.saved_off
      : session.own(key) ? T.saved_lms : T.saved_elsewhere;
    script.textContent = JSON.stringify(data);
  }
  document.documentElement.classList.add('kurs-in-lms');
  document.head.append(Object.assign(document.createElement('style'), {textContent: LMS_STYLE}));
}

const settings = document.getElementById('kurs-scorm-config');
if (settings) startSco(JSON.parse(settings.textContent));
else startPage();
})();
