// Mitmachen-Check: a self-assessment with a reasoned platform recommendation and a checklist.
// The named exports are the twin of exercises/activities/mitmachen_check/rules.py; shared vectors in
// tests/data/vectors-mitmachen-check.yml keep both sides equal.
import {announce, choiceGroup, fmt, h, isObject, joinNames, num, plural, printPart, safeState, saveState, storedText,
  textField, tickChoices, uid} from './kurs-common.js';
import {parseNumber, readNumber} from './kurs-numbers.js';

export {joinNames, parseNumber};

export const QUESTIONS = ['goals', 'audience', 'ages', 'industry', 'hours', 'guidelines', 'impressum',
  'criticism'];
const MULTIPLE = {goals: 'goals', ages: 'ages'};
const SINGLE = {audience: 'audiences', industry: 'industries', guidelines: 'guidelines',
  impressum: 'impressum', criticism: 'criticism'};


export function parseHours(raw, maximum) {
  return readNumber(raw, {maximum});
}

export function normalize(data, stateInput) {
  const state = isObject(stateInput) ? stateInput : {};
  const answers = {};
  for (const [key, options] of Object.entries(MULTIPLE)) {
    const chosen = Array.isArray(state[key]) ? state[key] : [];
    answers[key] = data[options].map((o) => o.id).filter((id) => chosen.includes(id));
  }
  for (const [key, options] of Object.entries(SINGLE)) {
    const value = state[key];
    answers[key] = data[options].some((o) => o.id === value) ? value : null;
  }
  const hours = parseHours(state.hours, data.hours.max);
  answers.hours = hours.value;
  answers.hours_error = hours.error;
  return answers;
}

export function unanswered(answers, question) {
  const value = answers[question];
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

export function matches(when, answers) {
  for (const [key, wanted] of Object.entries(isObject(when) ? when : {})) {
    const hours = answers.hours === undefined ? null : answers.hours;
    let ok;
    if (key === 'goals_any' || key === 'ages_any') {
      const chosen = answers[key.slice(0, -4)] || [];
      ok = wanted.some((item) => chosen.includes(item));
    } else if (key in SINGLE) {
      ok = wanted.includes(answers[key] === undefined ? null : answers[key]);
    } else if (key === 'hours_below') {
      ok = hours !== null && hours < wanted;
    } else if (key === 'hours_at_least') {
      ok = hours !== null && hours >= wanted;
    } else if (key === 'unanswered') {
      ok = wanted.some((question) => unanswered(answers, question));
    } else {
      ok = false;
    }
    if (!ok) return false;
  }
  return true;
}

export function maxPlatforms(hours, limits) {
  if (hours === null || hours === undefined) return 1;
  if (hours <= 0) return 0;
  const count = Math.floor(hours / limits.per_platform);
  return Math.max(1, Math.min(limits.max_platforms, count));
}

// Which capacity sentence fits: unknown, none (no time), tight (less than one platform needs),
// one or many platforms.
export function capacityCase(hours, count, perPlatform) {
  if (hours === null || hours === undefined) return 'unknown';
  if (count === 0) return 'none';
  if (hours < perPlatform) return 'tight';
  return count === 1 ? 'one' : 'many';
}

export function scorePlatforms(data, answers) {
  const ranking = data.platforms.map((platform) => {
    const reasons = data.scoring
      .filter((rule) => rule.platform === platform.id && matches(rule.when, answers))
      .map((rule) => ({points: rule.points, text: rule.reason}));
    const score = (platform.base || 0) + reasons.reduce((sum, r) => sum + r.points, 0);
    return {id: platform.id, score, reasons};
  });
  return ranking.sort((a, b) => b.score - a.score);
}

export function assess(data, state) {
  const answers = normalize(data, state);
  const limit = maxPlatforms(answers.hours, data.hours);
  const ranking = scorePlatforms(data, answers);
  const recommended = ranking.filter((e) => e.score > 0).map((e) => e.id).slice(0, limit);
  for (const entry of ranking) entry.recommended = recommended.includes(entry.id);
  const missing = QUESTIONS.filter((q) => unanswered(answers, q)
    && !(q === 'hours' && answers.hours_error));
  const preparations = data.preparations.filter((p) => matches(p.when, answers)).map((p) => p.id);
  return {answers, missing, max_platforms: limit, ranking, recommended, preparations};
}

export function formatNumber(value, digits = 0) { return num(value, digits); }

export function fill(template, values) { return fmt(template, values); }

// What the learner sees; the twin of readiness.describe (Python reads it as w.results).
export function describe(result, data, T) {
  const answers = result.answers;
  const names = Object.fromEntries(data.platforms.map((p) => [p.id, p.name]));
  const facts = Object.fromEntries(data.platforms.map((p) => [p.id, p.facts || []]));
  const chosen = result.recommended.map((id) => names[id]);
  const platforms = chosen.length ? joinNames(chosen, T.and_word) : T.one_platform;
  const hours = answers.hours;
  const values = {hours: hours === null ? '?' : num(hours, 1),
    max_platforms: String(result.max_platforms), platforms};
  const errors = {};
  if (answers.hours_error) {
    errors.hours = fmt(T[`err_hours_${answers.hours_error}`], {max: num(data.hours.max)});
  }
  const missing = result.missing.map((q) => T[`q_${q}`]);
  const kind = capacityCase(hours, result.max_platforms, data.hours.per_platform);
  const perPlatform = num(data.hours.per_platform, 1);
  let recommendation = chosen.length ? fmt(T.recommend, {platforms}) : T.recommend_none;
  if (kind === 'none') recommendation = fmt(T.recommend_no_time, {per_platform: perPlatform});
  const capacity = fmt(T[`capacity_${kind}`], {hours: values.hours,
    count: String(result.max_platforms), per_platform: perPlatform});
  const ranking = result.ranking.map((entry) => ({
    id: entry.id, platform: names[entry.id], score: entry.score, recommended: entry.recommended,
    reasons: entry.reasons.map((r) => fmt(r.points > 0 ? T.pro : T.contra, {text: r.text})),
    facts: facts[entry.id].map((f) => fmt(T.fact, Object.fromEntries(
      Object.entries(f).map(([k, v]) => [k, String(v)])))),
  }));
  const byId = Object.fromEntries(data.preparations.map((p) => [p.id, p]));
  const preparations = result.preparations.map((id) => fmt(byId[id].text, values));
  const industry = data.industries.find((i) => i.id === answers.industry);
  const labels = Object.fromEntries(data.goals.map((o) => [o.id, o.label]));
  const goals = answers.goals.map((g) => labels[g]).join(', ');
  const summary = [
    fmt(T.summary_platforms, {platforms: chosen.join(', ') || T.open}),
    fmt(T.summary_goals, {goals: goals || T.open}),
    hours !== null ? fmt(T.summary_hours, {hours: values.hours}) : T.summary_hours_open,
  ];
  return {
    errors, missing, recommendation, capacity, recommended: chosen, ranking,
    industry_note: industry?.note ? industry.note : null,
    preparations,
    checklist: {title: data.checklist.title, summary, items: [...preparations, ...data.checklist.always]},
  };
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  let state = {};
  let lastSpoken = '';
  const controls = {};
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const out = h('div', {className: 'kurs-results', 'data-results': ''});
  const root = h('section', {className: 'kurs-exercise', 'aria-label': fmt(T.label, {title: data.title})});
  el.replaceChildren(root);

  function load() { state = safeState(model); }
  function save() { saveState(model, state); }

  function choices(key, options, multiple, legend) {
    const group = choiceGroup({key, options, multiple, legend, prefix: 'mc'}, (answer) => {
      state[key] = answer;
      changed();
    });
    controls[key] = group.inputs;
    return group.fieldset;
  }

  function industrySelect() {
    const id = uid('mc-industry');
    const select = h('select', {id, 'data-question': 'industry', onchange: () => {
      state.industry = select.value || null;
      if (!state.industry) delete state.industry;
      changed();
    }}, h('option', {value: ''}, T.choose),
    data.industries.map((i) => h('option', {value: i.id}, i.label)));
    controls.industry = select;
    return h('div', {className: 'kurs-field'}, h('div', {className: 'kurs-row'},
      h('label', {for: id}, T.label_industry), select));
  }

  let showHoursHint;
  function hoursField() {
    const hours = textField({key: 'hours', label: T.label_hours, help: T.hours_help, prefix: 'mc',
      attrs: {inputmode: 'decimal', spellcheck: 'false'}}, (value) => {
      state.hours = value;
      changed(true);
    });
    controls.hours = hours.input;
    showHoursHint = hours.showHint;
    return hours.field;
  }

  function syncControls() {
    for (const key of ['goals', 'ages']) tickChoices(controls[key], state[key], true);
    for (const key of ['audience', 'guidelines', 'impressum', 'criticism']) {
      tickChoices(controls[key], state[key], false);
    }
    controls.industry.value = data.industries.some((i) => i.id === state.industry) ? state.industry : '';
    controls.hours.value = storedText(state.hours);
  }

  function checklistBlock(view) {
    const sheet = h('div', {className: 'kurs-card kurs-checklist', 'data-checklist': ''},
      h('h4', {}, view.checklist.title),
      h('ul', {}, view.checklist.summary.map((line) => h('li', {}, line))),
      h('ul', {style: 'list-style: none; padding-left: 0'}, view.checklist.items.map((item) =>
        h('li', {style: 'margin: .35rem 0'}, h('span', {'aria-hidden': 'true'}, '☐'), ' ', item))));
    const button = h('button', {type: 'button', className: 'kurs-secondary kurs-no-print',
      'data-print': '', onclick: () => printPart(sheet)}, T.checklist_print);
    return [sheet, h('p', {}, button)];
  }

  function draw() {
    const view = describe(assess(data, state), data, T);
    showHoursHint(view.errors.hours);
    const ranking = h('ol', {className: 'kurs-ranking'}, view.ranking.map((entry) => h('li',
      {'data-platform': entry.id, 'data-recommended': String(entry.recommended)},
      h('p', {}, h('strong', {}, entry.platform), ` – ${fmt(T.points, {score: entry.score})}`,
        entry.recommended ? h('strong', {className: 'kurs-good'}, ` – ✓ ${T.recommended_mark}`) : null),
      h('ul', {}, entry.reasons.length ? entry.reasons.map((r) => h('li', {}, r))
        : h('li', {}, T.no_reasons)),
      entry.facts.length ? h('p', {className: 'kurs-small'}, `${T.facts_label} ${entry.facts.join(' · ')}`)
        : null)));
    out.replaceChildren(...[
      view.missing.length ? h('p', {className: 'kurs-notice', 'data-missing': ''},
        fmt(T.missing, {questions: view.missing.join(', ')})) : null,
      h('p', {className: 'kurs-score', 'data-recommendation': ''}, view.recommendation),
      h('p', {'data-capacity': ''}, view.capacity),
      view.industry_note ? h('p', {'data-industry': ''}, h('strong', {}, T.industry_label), ' ',
        view.industry_note) : null,
      h('h4', {}, T.ranking_heading),
      ranking,
      data.note ? h('p', {className: 'kurs-small'}, data.note) : null,
      h('h4', {}, T.prepare_heading),
      h('ol', {'data-preparations': ''}, view.preparations.map((p) => h('li', {}, p))),
      ...checklistBlock(view)].filter(Boolean));
    return view;
  }

  function changed(withHours) {
    save();
    const view = draw();
    const parts = [];
    if (withHours && view.errors.hours) parts.push(view.errors.hours);
    const spoken = fmt(plural(view.preparations.length, T.announce_one, T.announce_other),
      {recommendation: view.recommendation, count: view.preparations.length});
    if (spoken !== lastSpoken || parts.length) parts.push(spoken);
    lastSpoken = spoken;
    if (parts.length) announce(live, parts.join(' '));
  }

  function reset() {
    state = {};
    save();
    syncControls();
    lastSpoken = '';
    draw();
    announce(live, T.cleared);
  }

  function build() {
    load();
    root.replaceChildren(...[
      data.intro ? h('p', {}, data.intro) : null,
      choices('goals', data.goals, true, T.legend_goals),
      h('fieldset', {className: 'kurs-question'}, h('legend', {}, T.legend_audience),
        choices('audience', data.audiences, false, T.legend_audience).querySelector('ul'),
        choices('ages', data.ages, true, T.legend_ages)),
      industrySelect(),
      hoursField(),
      choices('guidelines', data.guidelines, false, T.legend_guidelines),
      choices('impressum', data.impressum, false, T.legend_impressum),
      choices('criticism', data.criticism, false, T.legend_criticism),
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', className: 'kurs-secondary', onclick: reset}, T.reset)),
      h('h3', {}, T.results_heading),
      out,
      live,
      h('p', {className: 'kurs-small'}, T.saved_note)].filter(Boolean));
    syncControls();
    const view = draw();
    lastSpoken = fmt(plural(view.preparations.length, T.announce_one, T.announce_other),
      {recommendation: view.recommendation, count: view.preparations.length});
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
