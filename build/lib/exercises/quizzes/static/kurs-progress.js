// Progress overview for the start page: every chapter quiz (answered and right) and every
// exercise (open, started, done), and a reset button. progressRows is the twin of
// exercises/quizzes/progress.py (shared vectors in tests/data/vectors-quiz.yml); the forms of
// an exercise's done_when conditions are described there.
import {announce, fmt, h, isObject} from './kurs-common.js';
import {CORRECT, isEmpty, storedCount} from './kurs-grading.js';
import {readNumber} from './kurs-numbers.js';

const CLOSING = ['?', '!', ':', '.', '…'];

// "Das Profil" → "Das Profil:"; a title that ends in "?" or "!" keeps its own mark.
export function labelLead(title) {
  const text = String(title).trim();
  return CLOSING.some((mark) => text.endsWith(mark)) ? text : `${text}:`;
}

const MISSING = Symbol('missing');

function valueAt(item, path) {
  let value = item;
  for (const key of String(path).split('.')) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return MISSING;
    value = value[key];
  }
  return value;
}

function filled(value) {
  if (value === MISSING || isEmpty(value)) return false;
  return !(typeof value === 'string' && value.trim() === '');
}

function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length
      && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  }
  return a === b;
}

// Does one done_when condition hold for the stored state item? Unknown forms: no.
export function conditionHolds(item, condition) {
  const values = isObject(item) ? item : {};
  if (typeof condition === 'string') return filled(valueAt(values, condition));
  if (!isObject(condition)) return false;
  if (Array.isArray(condition.any)) return condition.any.some((part) => conditionHolds(values, part));
  if (Array.isArray(condition.all)) {
    return condition.all.length > 0 && condition.all.every((part) => conditionHolds(values, part));
  }
  if (typeof condition.number === 'string') {
    const value = valueAt(values, condition.number);
    if (!filled(value)) return false;
    const reading = readNumber(value, {whole: Boolean(condition.whole), maximum: condition.max ?? null});
    return reading.error === null && reading.value !== null;
  }
  if (typeof condition.changed === 'string') {
    const value = valueAt(values, condition.changed);
    return filled(value) && !same(value, condition.from ?? null);
  }
  return false;
}

export function exerciseStatus(item, doneWhen = null) {
  const values = isObject(item) ? item : {};
  if (!Object.values(values).some((value) => !isEmpty(value))) return 'open';
  if (Array.isArray(doneWhen) && doneWhen.length && doneWhen.every((c) => conditionHolds(values, c))) {
    return 'done';
  }
  return 'started';
}

// One row per quiz and per exercise, and whether anything was done at all.
export function progressRows(data, items) {
  const stored = isObject(items) ? items : {};
  const entry = (key) => (isObject(stored[key]) ? stored[key] : {});
  const quizzes = (data.quizzes || []).map((quiz) => {
    const item = entry(`quiz:${quiz.id}`);
    const answers = isObject(item.answers) ? Object.values(item.answers) : [];
    const results = isObject(item.results) ? Object.values(item.results) : [];
    const lastPass = quiz.final && isObject(item.last_pass) ? item.last_pass : null;
    return {
      id: quiz.id,
      lead: labelLead(quiz.title),
      answered: Math.min(answers.filter((value) => !isEmpty(value)).length, quiz.total),
      right: Math.min(results.filter((value) => value === CORRECT).length, quiz.total),
      total: quiz.total,
      passed: lastPass !== null,
      // What a new attempt keeps (KEPT_ON_RESTART in kurs-grading.js): checks so far, the best.
      attempts: storedCount(item.attempts),
      best: Math.min(storedCount(item.best), quiz.total),
      pass_percent: lastPass ? storedCount(lastPass.percent) : 0,
    };
  });
  const exercises = (data.exercises || []).map((exercise) => ({
    id: exercise.id,
    lead: labelLead(exercise.title),
    status: exerciseStatus(stored[`exercise:${exercise.id}`], exercise.done_when || null),
  }));
  const started = quizzes.some((q) => q.answered > 0 || q.attempts > 0 || q.passed)
    || exercises.some((e) => e.status !== 'open');
  return {quizzes, exercises, started};
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const empty = h('p', {className: 'kurs-small'}, T.none);
  const quizList = h('ul', {className: 'kurs-progress-list'});
  const exerciseList = h('ul', {className: 'kurs-progress-exercises'});
  const exercisePart = h('div', {}, h('h3', {}, T.exercises_heading), exerciseList);
  const resetButton = h('button', {type: 'button', className: 'kurs-secondary', onclick: () => {
    if (!window.confirm(T.reset_confirm)) return;
    model.set('state', {});
    model.save_changes();
    draw();
    announce(live, T.reset_done);
  }}, T.reset);

  function draw() {
    const rows = progressRows(data, model.get('state'));
    empty.hidden = rows.started;
    quizList.replaceChildren(...rows.quizzes.map((row) => {
      const id = `kurs-progress-${row.id}`;
      // After a check the best result stays in view; a passed final test says so first.
      const template = row.passed ? T.bar_label_passed : row.attempts > 0 ? T.bar_label_best : T.bar_label;
      const label = fmt(template, row);
      return h('li', {'data-progress-for': row.id},
        h('label', {for: id}, label),
        h('progress', {id, max: row.total, value: row.answered}, `${row.answered}/${row.total}`));
    }));
    exercisePart.hidden = rows.exercises.length === 0;
    exerciseList.replaceChildren(...rows.exercises.map((row) => h('li',
      {'data-progress-for': `exercise:${row.id}`, 'data-status': row.status},
      fmt(T[`exercise_${row.status}`], row))));
  }

  draw();
  el.replaceChildren(h('section', {className: 'kurs-progress', 'aria-label': T.heading}, empty,
    h('h3', {}, T.quizzes_heading), quizList, exercisePart, h('p', {}, resetButton), live));
  model.on('change:state', draw);
  return () => model.off('change:state', draw);
}

export default {render};
