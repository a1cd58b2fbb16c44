// Progress overview for the start page: every chapter quiz (answered and right) and every
// exercise (open, started, done), and a reset button. progressRows is the twin of
// exercises/quizzes/progress.py (shared vectors in tests/data/vectors-quiz.yml).
import {announce, fmt, h, isObject} from './kurs-common.js';
import {CORRECT, isEmpty} from './kurs-grading.js';

const CLOSING = ['?', '!', ':', '.', '…'];

// "Das Profil" → "Das Profil:"; a title that ends in "?" or "!" keeps its own mark.
export function labelLead(title) {
  const text = String(title).trim();
  return CLOSING.some((mark) => text.endsWith(mark)) ? text : `${text}:`;
}

export function exerciseStatus(item, doneWhen = null) {
  const values = isObject(item) ? item : {};
  if (!Object.values(values).some((value) => !isEmpty(value))) return 'open';
  if (Array.isArray(doneWhen) && doneWhen.length && doneWhen.every((key) => !isEmpty(values[key]))) {
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
    return {
      id: quiz.id,
      lead: labelLead(quiz.title),
      answered: Math.min(answers.filter((value) => !isEmpty(value)).length, quiz.total),
      right: Math.min(results.filter((value) => value === CORRECT).length, quiz.total),
      total: quiz.total,
      passed: Boolean(quiz.final) && isObject(item.last_pass),
    };
  });
  const exercises = (data.exercises || []).map((exercise) => ({
    id: exercise.id,
    lead: labelLead(exercise.title),
    status: exerciseStatus(stored[`exercise:${exercise.id}`], exercise.done_when || null),
  }));
  const started = quizzes.some((q) => q.answered > 0) || exercises.some((e) => e.status !== 'open');
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
      const label = fmt(row.passed ? T.bar_label_passed : T.bar_label, row);
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
