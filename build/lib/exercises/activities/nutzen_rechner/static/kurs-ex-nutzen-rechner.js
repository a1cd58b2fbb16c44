// Nutzen-Rechner: key figures of a social-media presence, explained step by step.
// The named exports are the twin of exercises/kpi.py; shared vectors in
// tests/data/vectors-nutzen-rechner.yml keep both sides equal.
import {announce, fmt, h, isObject, num, safeState, saveState, uid} from './kurs-common.js';
import {parseNumber, readNumber} from './kurs-numbers.js';

export {parseNumber};

export const FIELDS = ['likes', 'comments', 'shares', 'followers_start', 'followers_end', 'reach',
  'impressions', 'mentions_own', 'mentions_other'];
export const KPI_KEYS = ['engagement_followers', 'engagement_reach', 'follower_growth',
  'share_of_voice', 'frequency'];
const FOLLOWER_BASES = ['start', 'end'];
const MENTION_BASES = ['competitors', 'total'];


export function parseCount(raw) {
  return readNumber(raw, {whole: true});
}

export function optionsOf(options) {
  const opts = isObject(options) ? options : {};
  return {
    follower_basis: FOLLOWER_BASES.includes(opts.follower_basis) ? opts.follower_basis : 'start',
    mentions_basis: MENTION_BASES.includes(opts.mentions_basis) ? opts.mentions_basis : 'competitors',
  };
}

export function interactions(likes, comments, shares) { return likes + comments + shares; }

export function engagementRate(total, base) { return base === 0 ? null : (total / base) * 100; }

export function followerGrowth(start, end) { return start === 0 ? null : ((end - start) / start) * 100; }

export function allMentions(own, other, basis = 'competitors') {
  return basis === 'total' ? other : own + other;
}

export function shareOfVoice(own, total) { return total === 0 ? null : (own / total) * 100; }

export function frequency(impressions, reach) { return reach === 0 ? null : impressions / reach; }

export function validateInputs(raw, options) {
  const input = isObject(raw) ? raw : {};
  const opts = optionsOf(options);
  const values = {};
  const errors = {};
  for (const field of FIELDS) {
    const parsed = parseCount(input[field]);
    values[field] = parsed.value;
    if (parsed.error) errors[field] = parsed.error;
  }
  const ok = (field) => values[field] !== null && !(field in errors);
  if (ok('reach') && ok('impressions') && values.reach > values.impressions) {
    errors.reach = 'reach_above_impressions';
  }
  if (ok('reach') && values.reach === 0) errors.reach = 'zero_reach';
  if (ok('followers_start') && values.followers_start === 0) errors.followers_start = 'zero_followers';
  if (opts.follower_basis === 'end' && ok('followers_end') && values.followers_end === 0) {
    errors.followers_end = 'zero_followers';
  }
  if (ok('mentions_own') && ok('mentions_other')) {
    const own = values.mentions_own;
    const other = values.mentions_other;
    if (opts.mentions_basis === 'total' && own > other) errors.mentions_own = 'own_above_total';
    else if (allMentions(own, other, opts.mentions_basis) === 0) errors.mentions_other = 'zero_mentions';
  }
  for (const field of Object.keys(errors)) values[field] = null;
  return {values, errors};
}

function kpi(values, errors, needed, compute) {
  const invalid = needed.filter((f) => f in errors);
  const missing = needed.filter((f) => values[f] === null && !(f in errors));
  if (invalid.length) return {status: 'invalid', value: null, fields: invalid, parts: {}};
  if (missing.length) return {status: 'missing', value: null, fields: missing, parts: {}};
  const [value, parts] = compute();
  return {status: 'ok', value, fields: [], parts};
}

export function computeKpis(raw, options) {
  const opts = optionsOf(options);
  const {values, errors} = validateInputs(raw, opts);
  const followers = `followers_${opts.follower_basis}`;
  const reactions = ['likes', 'comments', 'shares'];
  const engagement = (baseField) => () => {
    const total = interactions(values.likes, values.comments, values.shares);
    const parts = {likes: values.likes, comments: values.comments, shares: values.shares,
      interactions: total, base: values[baseField]};
    return [engagementRate(total, values[baseField]), parts];
  };
  const growth = () => {
    const start = values.followers_start;
    const end = values.followers_end;
    return [followerGrowth(start, end), {start, end, difference: end - start}];
  };
  const voice = () => {
    const own = values.mentions_own;
    const other = values.mentions_other;
    const total = allMentions(own, other, opts.mentions_basis);
    return [shareOfVoice(own, total), {own, other, all: total}];
  };
  const views = () => [frequency(values.impressions, values.reach),
    {reach: values.reach, impressions: values.impressions}];
  const kpis = {
    engagement_followers: kpi(values, errors, [...reactions, followers], engagement(followers)),
    engagement_reach: kpi(values, errors, [...reactions, 'reach'], engagement('reach')),
    follower_growth: kpi(values, errors, ['followers_start', 'followers_end'], growth),
    share_of_voice: kpi(values, errors, ['mentions_own', 'mentions_other'], voice),
    frequency: kpi(values, errors, ['reach', 'impressions'], views),
  };
  return {values, errors, kpis, options: opts};
}

export function formatNumber(value, digits = 0) { return num(value, digits); }

export function fill(template, values) { return fmt(template, values); }

export function fieldLabels(T, options) {
  const opts = optionsOf(options);
  const labels = {};
  for (const field of FIELDS) {
    labels[field] = field === 'mentions_other'
      ? T[`label_mentions_other_${opts.mentions_basis}`] : T[`label_${field}`];
  }
  return labels;
}

function errorMessage(code, field, raw, T, labels) {
  if (code === 'ambiguous') {
    const [thousands, decimal] = parseCount(raw[field]).choices;
    return fmt(decimal === undefined ? T.number_ambiguous_one : T.number_ambiguous, {thousands, decimal});
  }
  const number = (name) => {
    const value = parseCount(raw[name]).value;
    return value === null ? '?' : num(value);
  };
  return fmt(T[`err_${code}`], {label: labels[field], reach: number('reach'),
    impressions: number('impressions'), own: number('mentions_own'), total: number('mentions_other')});
}

const CALC = {engagement_followers: 'calc_engagement', engagement_reach: 'calc_engagement',
  follower_growth: 'calc_growth', frequency: 'calc_frequency'};

// What the learner sees; the twin of kpi.describe (Python reads it as w.results).
export function describe(computed, T, rawInput) {
  const raw = isObject(rawInput) ? rawInput : {};
  const opts = computed.options;
  const labels = fieldLabels(T, opts);
  const fields = {};
  const errors = {};
  for (const field of FIELDS) {
    const code = computed.errors[field];
    const message = code ? errorMessage(code, field, raw, T, labels) : null;
    if (message) errors[field] = message;
    // choices: the two readings of an ambiguous "2,000", to choose from
    const choices = code === 'ambiguous' ? parseCount(raw[field]).choices : null;
    fields[field] = {label: labels[field], value: computed.values[field], error: message, choices};
  }
  const basis = T[`basis_followers_${opts.follower_basis}`];
  const sov = opts.mentions_basis;
  const heads = {
    engagement_followers: [fmt(T.title_engagement_followers, {basis}),
      fmt(T.formula_engagement, {basis}), T.note_engagement],
    engagement_reach: [T.title_engagement_reach, fmt(T.formula_engagement, {basis: T.basis_reach}),
      T.note_engagement],
    follower_growth: [T.title_growth, T.formula_growth, T.note_growth],
    share_of_voice: [T.title_sov, T[`formula_sov_${sov}`], T.note_sov],
    frequency: [T.title_frequency, T.formula_frequency, T.note_frequency],
  };
  const kpis = {};
  for (const key of KPI_KEYS) {
    const k = computed.kpis[key];
    const [title, formula, note] = heads[key];
    const entry = {title, status: k.status, value: k.value, display: null, formula,
      calculation: null, message: null, note};
    if (k.status === 'ok') {
      const result = num(k.value, 2);
      const parts = {};
      for (const [name, v] of Object.entries(k.parts)) parts[name] = num(v);
      parts.result = result;
      entry.calculation = fmt(T[CALC[key] || `calc_sov_${sov}`], parts);
      entry.display = fmt(T[key === 'frequency' ? 'display_times' : 'display_percent'], {value: result});
    } else {
      entry.message = fmt(T[`kpi_${k.status}`], {fields: k.fields.map((f) => labels[f]).join(', ')});
    }
    kpis[key] = entry;
  }
  return {fields, errors, kpis, follower_basis: opts.follower_basis, mentions_basis: opts.mentions_basis};
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  let state = {};
  let last = {};
  const inputs = {};
  const hints = {};
  const choiceBoxes = {};
  const labelNodes = {};
  const radios = {};
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const results = h('div', {className: 'kurs-grid', 'data-results': ''});
  const summary = h('p', {className: 'kurs-notice', 'data-error-summary': '', hidden: true});
  const root = h('section', {className: 'kurs-exercise', 'aria-label': fmt(T.label, {title: data.title})});
  el.replaceChildren(root);

  function load() {
    state = safeState(model);
    if (!MENTION_BASES.includes(state.mentions_basis)) state.mentions_basis = data.mentions_basis;
  }

  const raw = () => Object.fromEntries(FIELDS.map((f) => [f, state[f]]));
  const options = () => ({follower_basis: data.follower_basis, mentions_basis: state.mentions_basis});
  const shown = (value) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

  function save() { saveState(model, state); }

  function syncInputs() {
    for (const field of FIELDS) inputs[field].value = shown(state[field]);
    for (const [basis, radio] of Object.entries(radios)) radio.checked = state.mentions_basis === basis;
  }

  function kpiCard(key, entry) {
    return h('div', {className: 'kurs-card', 'data-kpi': key},
      h('h4', {}, entry.title),
      entry.display ? h('p', {className: 'kurs-score', 'data-display': ''}, entry.display)
        : h('p', {className: 'kurs-notice', 'data-message': ''}, entry.message),
      h('p', {}, h('strong', {}, T.formula_label), ' ', entry.formula),
      entry.calculation ? h('p', {'data-calculation': ''}, h('strong', {}, T.calculation_label), ' ',
        entry.calculation) : null,
      h('p', {className: 'kurs-small'}, entry.note));
  }

  function lineOf(entry) { return `${entry.title}: ${entry.display || entry.message}`; }

  // Redraw hints and results; return what changed since the last call, for announcements.
  function update() {
    const view = describe(computeKpis(raw(), options()), T, raw());
    for (const field of FIELDS) {
      const {error, label, choices} = view.fields[field];
      labelNodes[field].textContent = label;
      hints[field].textContent = error || '';
      hints[field].hidden = !error;
      // "2,000": one button per reading; nothing is computed from the field until one is chosen
      choiceBoxes[field].hidden = !choices;
      choiceBoxes[field].replaceChildren(...(choices || []).map((reading) => h('button',
        {type: 'button', className: 'kurs-secondary', 'data-reading': reading,
          onclick: () => commit(field, reading)}, reading)));
      inputs[field].setAttribute('aria-invalid', error ? 'true' : 'false');
      if (error) inputs[field].setAttribute('aria-describedby', hints[field].id);
      else inputs[field].removeAttribute('aria-describedby');
    }
    const bad = FIELDS.filter((f) => view.errors[f]);
    summary.hidden = !bad.length;
    summary.textContent = bad.length ? fmt(T.errors_summary, {fields: bad.map((f) => view.fields[f].label).join(', ')}) : '';
    results.replaceChildren(...KPI_KEYS.map((key) => kpiCard(key, view.kpis[key])));
    const lines = {};
    for (const key of KPI_KEYS) lines[key] = lineOf(view.kpis[key]);
    const changed = KPI_KEYS.filter((key) => lines[key] !== last[key]).map((key) => lines[key]);
    last = lines;
    return {view, changed};
  }

  function say(prefix, view, lines) {
    const parts = prefix ? [prefix] : [];
    const bad = FIELDS.filter((f) => view.errors[f]);
    if (bad.length) parts.push(bad.map((f) => `${view.fields[f].label}: ${view.errors[f]}`).join(' '));
    parts.push(...lines);
    if (parts.length) announce(live, parts.join(' '));
  }

  // The field's typed value, or the reading chosen for an ambiguous "2,000" (then the field
  // shows it, is saved with it and keeps the focus).
  function commit(field, reading = null) {
    if (reading !== null) inputs[field].value = reading;
    state[field] = inputs[field].value;
    save();
    const {view, changed} = update();
    const own = view.errors[field] ? `${view.fields[field].label}: ${view.errors[field]}` : '';
    const lines = changed.slice();
    if (own) lines.unshift(own);
    if (reading !== null) {
      lines.unshift(fmt(T.ambiguous_chosen, {label: view.fields[field].label, value: reading}));
      inputs[field].focus();
    }
    if (lines.length) announce(live, lines.join(' '));
  }

  function calculate() {
    for (const field of FIELDS) state[field] = inputs[field].value;
    save();
    const {view} = update();
    say(T.results_heading, view, KPI_KEYS.map((key) => lineOf(view.kpis[key])));
  }

  function applyPreset(preset) {
    for (const field of FIELDS) {
      const value = preset.values[field];
      state[field] = value === null || value === undefined ? '' : num(value);
    }
    state.mentions_basis = preset.mentions_basis || data.mentions_basis;
    save();
    syncInputs();
    const {view} = update();
    say(fmt(T.preset_done, {label: preset.label}), view, KPI_KEYS.map((key) => lineOf(view.kpis[key])));
  }

  function clearAll() {
    state = {mentions_basis: data.mentions_basis};
    save();
    syncInputs();
    update();
    announce(live, T.cleared);
  }

  function field(name) {
    const id = uid(`kpi-${name}`);
    labelNodes[name] = h('label', {for: id});
    hints[name] = h('p', {className: 'kurs-notice', id: uid(`hint-${name}`), hidden: true,
      'data-hint-for': name});
    choiceBoxes[name] = h('div', {className: 'kurs-actions', role: 'group', hidden: true,
      'aria-labelledby': hints[name].id, 'data-choices-for': name});
    inputs[name] = h('input', {type: 'text', id, inputmode: 'decimal', autocomplete: 'off',
      spellcheck: 'false', 'data-field': name,
      onchange: () => commit(name),
      onkeydown: (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        calculate();
      }});
    return h('div', {className: 'kurs-field'}, h('div', {className: 'kurs-row'}, labelNodes[name],
      inputs[name]), hints[name], choiceBoxes[name]);
  }

  function group(legend, help, names, extra) {
    return h('fieldset', {className: 'kurs-question'}, h('legend', {}, legend),
      help ? h('p', {className: 'kurs-small'}, help) : null, extra || null, names.map(field));
  }

  function basisChoice() {
    const name = uid('sov-basis');
    const list = h('ul', {className: 'kurs-options'});
    for (const basis of MENTION_BASES) {
      const id = uid('basis');
      radios[basis] = h('input', {type: 'radio', name, id, value: basis, onchange: () => {
        state.mentions_basis = basis;
        save();
        const {view} = update();
        say('', view, [lineOf(view.kpis.share_of_voice)]);
      }});
      list.append(h('li', {}, radios[basis], h('label', {for: id}, T[`basis_${basis}`])));
    }
    return h('fieldset', {className: 'kurs-question'}, h('legend', {}, T.legend_mentions_basis), list);
  }

  function build() {
    load();
    const presets = (data.presets || []).map((preset) => h('button', {type: 'button',
      className: 'kurs-secondary', 'data-preset': preset.id, onclick: () => applyPreset(preset)},
    fmt(T.preset_button, {label: preset.label})));
    root.replaceChildren(...[
      data.intro ? h('p', {}, data.intro) : null,
      presets.length ? h('div', {className: 'kurs-presets'}, h('p', {}, h('strong', {}, T.presets_heading)),
        h('div', {className: 'kurs-actions'}, presets)) : null,
      h('p', {className: 'kurs-small'}, T.input_help),
      group(T.legend_reactions, null, ['likes', 'comments', 'shares']),
      group(T.legend_followers, fmt(T.followers_help, {basis: T[`basis_followers_${data.follower_basis}`]}),
        ['followers_start', 'followers_end']),
      group(T.legend_reach, T.reach_help, ['reach', 'impressions']),
      group(T.legend_mentions, T.sov_definition, ['mentions_own', 'mentions_other'], basisChoice()),
      summary,
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', className: 'kurs-check', onclick: calculate}, T.calculate),
        h('button', {type: 'button', className: 'kurs-secondary', onclick: clearAll}, T.clear)),
      h('h3', {}, T.results_heading),
      results,
      h('p', {className: 'kurs-small'}, T.rounding_note),
      live,
      h('p', {className: 'kurs-small'}, T.saved_note)].filter(Boolean));
    syncInputs();
    last = {};
    update();
  }

  build();
  const onExternal = () => {
    if (JSON.stringify(model.get('state')) === JSON.stringify(state)) return;
    load();
    syncInputs();
    update();
  };
  model.on('change:state', onExternal);
  return () => model.off('change:state', onExternal);
}

export default {render};
