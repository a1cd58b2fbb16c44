// Redaktionsplaner: goal, platforms, hours and formats in; a plan for four weeks out, printable and
// downloadable as CSV and as an iCalendar file. The named exports are the twin of
// exercises/activities/redaktionsplaner/rules.py; tests/data/vectors-redaktionsplaner.yml keeps
// both sides equal.
import {announce, choiceGroup, fmt, h, isObject, joinNames, num, printPart, safeState, saveState, storedText,
  textField, tickChoices} from './kurs-common.js';
import {readNumber} from './kurs-numbers.js';

export {joinNames};

export const QUESTIONS = ['goal', 'platforms', 'hours', 'formats'];
const OWNER_MAX = 80;
const DAY = 86400000;

// --- input ---------------------------------------------------------------------------------

export function parseHours(raw, maximum) {
  return readNumber(raw, {maximum});
}

export function parseDate(raw) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return {value: null, error: null};
  }
  const bad = {value: null, error: 'not_a_date'};
  if (typeof raw !== 'string') return bad;
  const text = raw.trim();
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  const german = /^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$/.exec(text);
  let year; let month; let day;
  if (iso) [year, month, day] = iso.slice(1).map(Number);
  else if (german) [day, month, year] = german.slice(1).map(Number);
  else return bad;
  if (year < 2000 || year > 2100) return bad;
  const value = new Date(Date.UTC(year, month - 1, day));
  if (value.getUTCFullYear() !== year || value.getUTCMonth() !== month - 1 || value.getUTCDate() !== day) {
    return bad;
  }
  return {value: value.toISOString().slice(0, 10), error: null};
}

export function cleanOwner(raw) {
  if (typeof raw !== 'string') return '';
  const text = raw.replace(/[ \t\r\n\u00a0]+/g, ' ').replace(/^ +| +$/g, '');
  return Array.from(text).slice(0, OWNER_MAX).join('').replace(/^ +| +$/g, '');
}

// --- dates (ISO strings in UTC, so both sides agree without time zones) ----------------------

function utc(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

export function addDays(iso, days) {
  return new Date(utc(iso) + days * DAY).toISOString().slice(0, 10);
}

export function weekday(iso) {
  return ((new Date(utc(iso)).getUTCDay() + 6) % 7) + 1;
}

export function nextMonday(iso) {
  return addDays(iso, (8 - weekday(iso)) % 7);
}

function isoToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// --- the plan ------------------------------------------------------------------------------

export function normalize(data, stateInput, todayIso) {
  const state = isObject(stateInput) ? stateInput : {};
  const answers = {};
  answers.goal = data.goals.some((g) => g.id === state.goal) ? state.goal : null;
  for (const key of ['platforms', 'formats']) {
    const chosen = Array.isArray(state[key]) ? state[key] : [];
    answers[key] = data[key].map((item) => item.id).filter((id) => chosen.includes(id));
  }
  const hours = parseHours(state.hours, data.hours.max);
  answers.hours = hours.value;
  answers.hours_error = hours.error;
  const start = parseDate(state.start);
  answers.start = start.value || nextMonday(todayIso);
  answers.start_error = start.error;
  answers.owner = cleanOwner(state.owner);
  return answers;
}

export function formatOrder(data, goalId, formats) {
  const goal = data.goals.find((g) => g.id === goalId);
  const prefer = (goal?.prefer ?? []).filter((f) => formats.includes(f));
  return [...prefer, ...formats.filter((f) => !prefer.includes(f))];
}

export function cheapest(formats, minutes) {
  let best = formats[0];
  for (const item of formats.slice(1)) if (minutes[item] < minutes[best]) best = item;
  return best;
}

function minutesById(data) {
  return Object.fromEntries(data.formats.map((f) => [f.id, f.minutes]));
}

function platformsById(data) {
  return Object.fromEntries(data.platforms.map((p) => [p.id, p]));
}

export function minimumMinutes(data, platforms, usable) {
  const minutes = minutesById(data);
  const byId = platformsById(data);
  let total = data.planning_minutes;
  for (const platform of platforms) {
    const entry = byId[platform];
    total += entry.community_minutes + entry.min_posts * minutes[cheapest(usable[platform], minutes)];
  }
  return total;
}

export function fillWeek(data, kept, usable, budget) {
  const minutes = minutesById(data);
  const byId = platformsById(data);
  let spent = data.planning_minutes + kept.reduce((sum, p) => sum + byId[p].community_minutes, 0);
  const overhead = spent;
  const posts = [];
  const count = Object.fromEntries(kept.map((p) => [p, 0]));
  for (const platform of kept) {
    const first = cheapest(usable[platform], minutes);
    for (let i = 0; i < byId[platform].min_posts; i += 1) {
      posts.push({platform, format: first, n: count[platform]});
      count[platform] += 1;
      spent += minutes[first];
    }
  }
  const pointer = Object.fromEntries(kept.map((p) => [p, 0]));
  let added = true;
  while (added) {
    added = false;
    for (const platform of kept) {
      if (count[platform] >= byId[platform].max_posts) continue;
      const options = usable[platform];
      for (let step = 0; step < options.length; step += 1) {
        const index = (pointer[platform] + step) % options.length;
        if (spent + minutes[options[index]] <= budget) {
          posts.push({platform, format: options[index], n: count[platform]});
          count[platform] += 1;
          spent += minutes[options[index]];
          pointer[platform] = (index + 1) % options.length;
          added = true;
          break;
        }
      }
    }
  }
  const order = Object.fromEntries(kept.map((p, i) => [p, i]));
  posts.sort((a, b) => (a.n - b.n) || (order[a.platform] - order[b.platform]));
  return {
    posts: posts.map((p) => ({platform: p.platform, format: p.format})),
    overhead_minutes: overhead,
    total_minutes: spent,
    capped: kept.every((p) => count[p] >= byId[p].max_posts),
  };
}

export function schedule(data, posts, start, themes) {
  const minutes = minutesById(data);
  const events = [];
  let counter = 0;
  for (let week = 0; week < data.weeks; week += 1) {
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => addDays(start, 7 * week + d))
      .filter((day) => data.weekdays.includes(weekday(day)));
    posts.forEach((post, index) => {
      events.push({week: week + 1, date: days[Math.floor(((2 * index + 1) * days.length) / (2 * posts.length))],
        platform: post.platform, format: post.format, theme: themes[counter % themes.length],
        minutes: minutes[post.format]});
      counter += 1;
    });
  }
  return events;
}

export function assess(data, state, todayIso) {
  const answers = normalize(data, state, todayIso);
  const missing = QUESTIONS.filter((q) => (answers[q] === null
    || (Array.isArray(answers[q]) && answers[q].length === 0)) && !(q === 'hours' && answers.hours_error));
  const result = {answers, missing, status: 'incomplete', budget_minutes: null, needed_minutes: null,
    kept: [], unsupported: [], fallback_format: null, posts: [], overhead_minutes: 0, total_minutes: 0,
    capped: false, events: []};
  if (missing.length || answers.hours_error) return result;
  const minutes = minutesById(data);
  const byId = platformsById(data);
  const order = formatOrder(data, answers.goal, answers.formats);
  let usable = Object.fromEntries(answers.platforms.map((p) => [p,
    order.filter((f) => byId[p].formats.includes(f))]));
  const candidates = answers.platforms.filter((p) => usable[p].length);
  const budget = answers.hours * 60;
  result.budget_minutes = budget;
  result.unsupported = answers.platforms.filter((p) => !usable[p].length);
  if (!candidates.length) {
    result.status = 'no_format';
    return result;
  }
  const needed = minimumMinutes(data, candidates, usable);
  result.needed_minutes = needed;
  let kept = [];
  if (needed <= budget) {
    kept = candidates;
    result.status = 'ok';
  } else {
    for (const platform of candidates) {
      if (minimumMinutes(data, [...kept, platform], usable) <= budget) kept.push(platform);
    }
    result.status = 'reduced';
  }
  if (!kept.length) {
    let smallest = null;
    for (const platform of candidates) {
      const own = data.formats.map((f) => f.id).filter((id) => byId[platform].formats.includes(id));
      const fallback = cheapest(own, minutes);
      const cost = minimumMinutes(data, [platform], {[platform]: [fallback]});
      smallest = smallest === null ? cost : Math.min(smallest, cost);
      if (cost <= budget && !kept.length) {
        kept = [platform];
        usable = {[platform]: [fallback]};
        result.fallback_format = fallback;
      }
    }
    result.status = kept.length ? 'other_format' : 'impossible';
    if (!kept.length) {
      result.needed_minutes = smallest;
      return result;
    }
  }
  const week = fillWeek(data, kept, usable, budget);
  const themes = data.goals.find((g) => g.id === answers.goal).themes;
  Object.assign(result, week);
  result.kept = kept;
  result.events = schedule(data, week.posts, answers.start, themes);
  return result;
}

// --- what the learner reads ----------------------------------------------------------------

export function duration(minutes, T) {
  const whole = Math.floor(minutes + 1e-9);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return fmt(T.dur_minutes, {m: rest});
  const head = hours === 1 ? T.dur_hour : fmt(T.dur_hours, {h: hours});
  return rest === 0 ? head : fmt(T.dur_and, {hours: head, m: rest});
}

export function germanDate(iso) {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

export function describe(result, data, T) {
  const answers = result.answers;
  const platforms = Object.fromEntries(data.platforms.map((p) => [p.id, p.name]));
  const formats = Object.fromEntries(data.formats.map((f) => [f.id, f.label]));
  const byId = platformsById(data);
  const days = T.weekday_names.split(',');
  const errors = {};
  if (answers.hours_error) {
    errors.hours = fmt(T[`err_hours_${answers.hours_error}`], {max: num(data.hours.max)});
  }
  if (answers.start_error) errors.start = fmt(T.err_start, {date: germanDate(answers.start)});
  const budget = result.budget_minutes;
  const status = result.status;
  const chosen = answers.platforms.filter((p) => !result.unsupported.includes(p)).map((p) => platforms[p]);
  const kept = result.kept.map((p) => platforms[p]);
  const notes = result.unsupported.map((platform) => fmt(T.unsupported, {platform: platforms[platform],
    formats: data.formats.filter((f) => byId[platform].formats.includes(f.id)).map((f) => f.label).join(', ')}));
  if (['reduced', 'other_format', 'impossible'].includes(status) && budget !== null) {
    const values = {budget: duration(budget, T), platforms: joinNames(chosen, T.and_word)};
    if (status === 'impossible') {
      notes.unshift(fmt(T.impossible, {...values, needed: duration(result.needed_minutes, T)}));
    } else {
      notes.unshift(fmt(T.too_few, {...values, needed: duration(result.needed_minutes, T)}));
      if (status === 'reduced') {
        notes.splice(1, 0, fmt(T.fits_instead, {...values, platforms: joinNames(kept, T.and_word)}));
      } else {
        const fallback = result.fallback_format;
        notes.splice(1, 0, fmt(T.fits_other_format, {...values, platform: kept[0], format: formats[fallback],
          minutes: duration(data.formats.find((f) => f.id === fallback).minutes, T)}));
      }
    }
  }
  if (status === 'no_format') notes.unshift(T.no_format);
  const posts = result.posts;
  if (result.capped && result.events.length && budget - result.total_minutes >= 1) {
    const limits = result.kept.map((p) => fmt(T.limit, {platform: platforms[p], max: byId[p].max_posts}));
    notes.push(fmt(T.capped, {limits: limits.join(', '), rest: duration(budget - result.total_minutes, T)}));
  }
  let headline = T.headline_none;
  let effort = null;
  if (result.events.length) {
    headline = fmt(T.headline, {weeks: data.weeks, posts: posts.length, platforms: joinNames(kept, T.and_word)});
    effort = fmt(T.effort, {total: duration(result.total_minutes, T), budget: duration(budget, T),
      posts_time: duration(result.total_minutes - result.overhead_minutes, T),
      overhead: duration(result.overhead_minutes, T)});
  }
  const missing = result.missing.map((q) => T[`q_${q}`]);
  const rows = [];
  const weeks = [];
  for (const event of result.events) {
    const row = {week: event.week, date: event.date,
      day: `${days[weekday(event.date) - 1]}, ${germanDate(event.date)}`,
      platform: platforms[event.platform], format: formats[event.format], theme: event.theme,
      minutes: event.minutes, effort: duration(event.minutes, T)};
    rows.push(row);
    if (!weeks.length || weeks[weeks.length - 1].n !== event.week) {
      const first = addDays(answers.start, 7 * (event.week - 1));
      weeks.push({n: event.week, rows: [], label: fmt(T.week_label, {n: event.week, from: germanDate(first),
        to: germanDate(addDays(first, 6))})});
    }
    weeks[weeks.length - 1].rows.push(row);
  }
  const summary = [fmt(T.start_line, {date: `${days[weekday(answers.start) - 1]}, ${germanDate(answers.start)}`})];
  if (answers.owner) summary.push(fmt(T.owner_line, {owner: answers.owner}));
  return {errors, missing, status, headline, effort, notes, summary, weeks, rows, owner: answers.owner,
    start: answers.start};
}

// --- files: CSV for spreadsheets, iCalendar (RFC 5545) for calendars -------------------------

export function csvField(value) {
  let text = String(value);
  if (['=', '+', '-', '@'].includes(text.slice(0, 1))) text = `'${text}`;
  if (/[;"\r\n]/.test(text) || text !== text.replace(/^ +| +$/g, '')) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvText(view, T) {
  const longDays = T.weekday_long.split(',');
  const header = ['col_week', 'col_date', 'col_weekday', 'col_platform', 'col_format', 'col_theme',
    'col_minutes', 'col_owner', 'col_status'].map((k) => T[k]);
  const lines = [header, ...view.rows.map((row) => [row.week, germanDate(row.date),
    longDays[weekday(row.date) - 1], row.platform, row.format, row.theme, row.minutes, view.owner,
    T.status_planned])];
  return `\ufeff${lines.map((line) => `${line.map(csvField).join(';')}\r\n`).join('')}`;
}

export function escapeText(value) {
  return String(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')
    .replace(/\r\n|\n|\r/g, '\\n');
}

function octets(char) {
  const code = char.codePointAt(0);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

export function foldLine(line) {
  const out = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const width = octets(char);
    if (size + width > 75) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += width;
  }
  out.push(current);
  return out.join('\r\n');
}

export function icsText(view, T, stamp) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Social Media mitmachen//Redaktionsplaner//DE',
    'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(T.calendar_name)}`];
  view.rows.forEach((row, index) => {
    let description = fmt(T.event_description, {theme: row.theme, format: row.format, effort: row.effort});
    if (view.owner) description += `\n${fmt(T.owner_line, {owner: view.owner})}`;
    lines.push('BEGIN:VEVENT',
      `UID:redaktionsplan-${view.start.replace(/-/g, '')}-${String(index + 1).padStart(3, '0')}`
        + '@social-media-kurs.invalid',
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${row.date.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(row.date, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(fmt(T.event_summary, row))}`,
      `DESCRIPTION:${escapeText(description)}`,
      'TRANSP:TRANSPARENT', 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}

export function utcStamp(moment) {
  return moment.toISOString().replace(/[-:]/g, '').replace(/\.[0-9]{3}/, '');
}

// --- the page ------------------------------------------------------------------------------

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = h('a', {href: url, download: name, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  let state = {};
  let lastSpoken = '';
  const controls = {};
  const showHint = {};
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const out = h('div', {className: 'kurs-results', 'data-results': ''});
  const root = h('section', {className: 'kurs-exercise', 'aria-label': fmt(T.label, {title: data.title})});
  el.replaceChildren(root);

  function load() { state = safeState(model); }
  function save() { saveState(model, state); }
  function view() { return describe(assess(data, state, isoToday()), data, T); }

  function choices(key, options, multiple, legend, label) {
    const group = choiceGroup({key, options, multiple, legend, label, prefix: 'rp'}, (answer) => {
      state[key] = answer;
      changed();
    });
    controls[key] = group.inputs;
    return group.fieldset;
  }

  function text(key, label, help, attrs) {
    const field = textField({key, label, help, attrs, prefix: 'rp'}, (value) => {
      state[key] = value;
      changed(key);
    });
    controls[key] = field.input;
    showHint[key] = field.showHint;
    return field.field;
  }

  function syncControls() {
    tickChoices(controls.goal, state.goal, false);
    for (const key of ['platforms', 'formats']) tickChoices(controls[key], state[key], true);
    for (const key of ['hours', 'start', 'owner']) controls[key].value = storedText(state[key]);
  }

  // On a narrow screen each row becomes a block and each cell shows its column's name (data-label,
  // kurs.css); the explicit roles keep it a table for screen readers when it is no longer laid out as one.
  function weekTable(week) {
    const columns = ['col_date', 'col_platform', 'col_format', 'col_theme', 'col_effort'];
    const fields = ['day', 'platform', 'format', 'theme', 'effort'];
    return h('div', {className: 'kurs-scroll kurs-stack-box'},
      h('table', {className: 'kurs-table kurs-table-stack', role: 'table', 'data-week': week.n},
        h('caption', {}, week.label),
        h('thead', {role: 'rowgroup'}, h('tr', {role: 'row'},
          columns.map((k) => h('th', {scope: 'col', role: 'columnheader'}, T[k])))),
        h('tbody', {role: 'rowgroup'}, week.rows.map((row) => h('tr', {role: 'row', 'data-date': row.date},
          fields.map((field, i) => h('td', {role: 'cell', 'data-label': T[columns[i]]}, row[field])))))));
  }

  function fileButton(label, marker, make) {
    return h('button', {type: 'button', className: 'kurs-secondary', [marker]: '', onclick: () => {
      const [name, text, type] = make();
      download(name, text, type);
      announce(live, fmt(T.downloaded, {file: name}));
    }}, label);
  }

  function draw() {
    const current = view();
    showHint.hours(current.errors.hours);
    showHint.start(current.errors.start);
    const sheet = h('div', {className: 'kurs-card', 'data-plan': ''},
      h('h4', {}, data.title),
      h('p', {className: 'kurs-score', 'data-headline': ''}, current.headline),
      current.effort ? h('p', {'data-effort': ''}, current.effort) : null,
      current.notes.length ? h('ul', {'data-notes': ''}, current.notes.map((n) => h('li', {}, n))) : null,
      current.rows.length ? h('ul', {'data-summary': ''}, current.summary.map((s) => h('li', {}, s))) : null,
      current.weeks.map(weekTable));
    const actions = current.rows.length ? h('div', {className: 'kurs-actions kurs-no-print'},
      h('button', {type: 'button', className: 'kurs-secondary', 'data-print': '',
        onclick: () => printPart(sheet)}, T.print),
      fileButton(T.download_csv, 'data-csv', () => [T.csv_file, csvText(current, T), 'text/csv;charset=utf-8']),
      fileButton(T.download_ics, 'data-ics', () => [T.ics_file, icsText(current, T, utcStamp(new Date())),
        'text/calendar;charset=utf-8'])) : null;
    out.replaceChildren(...[
      current.missing.length ? h('p', {className: 'kurs-notice', 'data-missing': ''},
        fmt(T.missing, {fields: current.missing.join(', ')})) : null,
      sheet, actions, actions ? h('p', {className: 'kurs-small'}, T.downloads_help) : null].filter(Boolean));
    return current;
  }

  function spokenOf(current) {
    return [current.headline, ...current.notes.slice(0, 2)].join(' ');
  }

  function changed(field) {
    save();
    const current = draw();
    const parts = [];
    if (field && current.errors[field]) parts.push(current.errors[field]);
    const spoken = spokenOf(current);
    if (spoken !== lastSpoken || parts.length) parts.push(spoken);
    lastSpoken = spoken;
    if (parts.length) announce(live, parts.join(' '));
  }

  function reset() {
    state = {};
    save();
    syncControls();
    lastSpoken = spokenOf(draw());
    announce(live, T.cleared);
  }

  function build() {
    load();
    const minutes = Object.fromEntries(data.formats.map((f) => [f.id, f.minutes]));
    root.replaceChildren(...[
      data.intro ? h('p', {}, data.intro) : null,
      choices('goal', data.goals, false, T.legend_goal, (g) => g.label),
      choices('platforms', data.platforms, true, T.legend_platforms, (p) => p.name),
      text('hours', T.label_hours, fmt(T.hours_help, {max: num(data.hours.max)}),
        {inputmode: 'decimal', spellcheck: 'false'}),
      choices('formats', data.formats, true, T.legend_formats,
        (f) => fmt(T.format_option, {label: f.label, minutes: duration(minutes[f.id], T)})),
      text('start', T.label_start, T.start_help, {placeholder: T.start_placeholder, spellcheck: 'false'}),
      text('owner', T.label_owner, T.owner_help, {maxlength: String(OWNER_MAX)}),
      data.note ? h('p', {className: 'kurs-small'}, data.note) : null,
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', className: 'kurs-secondary', onclick: reset}, T.reset)),
      h('h3', {}, T.results_heading),
      out,
      live,
      h('p', {className: 'kurs-small'}, T.saved_note)].filter(Boolean));
    syncControls();
    lastSpoken = spokenOf(draw());
  }

  build();
  const onExternal = () => {
    if (JSON.stringify(model.get('state')) === JSON.stringify(state)) return;
    load();
    syncControls();
    draw();
  };
  model.on('change:state', onExternal);
  return () => model.off('change:state', onExternal);
}

export default {render};
