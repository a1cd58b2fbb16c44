// Progress overview for the start page: one bar per chapter quiz, and a reset button.
import {announce, fmt, h, isObject} from './kurs-common.js';

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const list = h('ul', {className: 'kurs-progress-list'});
  const empty = h('p', {className: 'kurs-small'}, T.none);
  const resetButton = h('button', {type: 'button', className: 'kurs-secondary', onclick: () => {
    if (!window.confirm(T.reset_confirm)) return;
    model.set('state', {});
    model.save_changes();
    draw();
    announce(live, T.reset_done);
  }}, T.reset);

  function draw() {
    const items = isObject(model.get('state')) ? model.get('state') : {};
    empty.hidden = data.quizzes.some((quiz) => isObject(items[`quiz:${quiz.id}`])
      && Number(items[`quiz:${quiz.id}`].best) > 0);
    list.replaceChildren(...data.quizzes.map((quiz) => {
      const item = isObject(items[`quiz:${quiz.id}`]) ? items[`quiz:${quiz.id}`] : {};
      const done = Math.min(Math.max(Number(item.best) || 0, 0), quiz.total);
      const label = fmt(T.bar_label, {title: quiz.title, done, total: quiz.total});
      const id = `kurs-progress-${quiz.id}`;
      return h('li', {'data-progress-for': quiz.id},
        h('label', {for: id}, label),
        h('progress', {id, max: quiz.total, value: done}, `${done}/${quiz.total}`));
    }));
  }

  draw();
  el.replaceChildren(h('section', {className: 'kurs-progress', 'aria-label': T.heading}, empty, list,
    h('p', {}, resetButton), live));
  model.on('change:state', draw);
  return () => model.off('change:state', draw);
}

export default {render};
