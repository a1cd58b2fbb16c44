// Exercise "netzwerk-labor" in anywidget form: render({model, el}).
// Part 1: a small network the learner edits (connect / disconnect), degrees, people reachable
// in 1-3 steps and the expected reach of a post. Part 2: four network types whose figures
// Python computed with networkx when the payload was built; here they are only shown.
// The named exports are the logic twins of exercises/network_lab.py (same names in snake_case);
// tests/data/vectors-netzwerk-labor.yml keeps both sides equal.
import {announce, fmt, h, num, safeState, saveState, uid} from './kurs-common.js';

export const GROWTH_EPS = 0.005;

function indexOf(nodes) {
  return new Map(nodes.map((node, i) => [node, i]));
}

export function normalizeEdges(nodes, raw) {
  const index = indexOf(nodes);
  const items = Array.isArray(raw) ? raw : [];
  const seen = new Map();
  const dropped = [];
  for (const pair of items) {
    if (!(Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === 'string'))) {
      dropped.push({pair, reason: 'shape'});
      continue;
    }
    const [a, b] = pair;
    if (!index.has(a) || !index.has(b)) {
      dropped.push({pair, reason: 'unknown'});
    } else if (a === b) {
      dropped.push({pair, reason: 'self'});
    } else {
      const i = Math.min(index.get(a), index.get(b));
      const j = Math.max(index.get(a), index.get(b));
      const key = `${i},${j}`;
      if (seen.has(key)) dropped.push({pair, reason: 'duplicate'});
      else seen.set(key, [i, j]);
    }
  }
  const edges = [...seen.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .map(([i, j]) => [nodes[i], nodes[j]]);
  return {edges, dropped};
}

function hasEdge(edges, a, b) {
  return edges.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

export function connect(nodes, edges, a, b) {
  const index = indexOf(nodes);
  if (!index.has(a) || !index.has(b)) return {edges, error: 'choose'};
  if (a === b) return {edges, error: 'same'};
  if (hasEdge(edges, a, b)) return {edges, error: 'exists'};
  return {edges: normalizeEdges(nodes, [...edges, [a, b]]).edges, error: null};
}

export function disconnect(nodes, edges, a, b) {
  const index = indexOf(nodes);
  if (!index.has(a) || !index.has(b)) return {edges, error: 'choose'};
  if (a === b) return {edges, error: 'same'};
  if (!hasEdge(edges, a, b)) return {edges, error: 'missing'};
  const kept = edges.filter(([x, y]) => !((x === a && y === b) || (x === b && y === a)));
  return {edges: normalizeEdges(nodes, kept).edges, error: null};
}

function neighbours(nodes, edges) {
  const index = indexOf(nodes);
  const adjacency = nodes.map(() => new Set());
  for (const [a, b] of edges) {
    adjacency[index.get(a)].add(index.get(b));
    adjacency[index.get(b)].add(index.get(a));
  }
  return adjacency.map((set) => [...set].sort((x, y) => x - y));
}

export function degrees(nodes, edges) {
  const adjacency = neighbours(nodes, edges);
  return Object.fromEntries(nodes.map((node, i) => [node, adjacency[i].length]));
}

export function bfsLayers(nodes, edges, source, maxDepth = 3) {
  const adjacency = neighbours(nodes, edges);
  const start = indexOf(nodes).get(source);
  const seen = new Set([start]);
  let frontier = [start];
  const layers = [];
  for (let depth = 0; depth < maxDepth; depth += 1) {
    const next = new Set();
    for (const i of frontier) for (const j of adjacency[i]) if (!seen.has(j)) next.add(j);
    const following = [...next].sort((x, y) => x - y);
    for (const j of following) seen.add(j);
    layers.push(following.map((j) => nodes[j]));
    frontier = following;
  }
  return layers;
}

// Expected reach, layer by layer along shortest paths, exactly as network_lab.reach_by_step.
export function reachByStep(nodes, edges, source, p, maxSteps = 6) {
  const adjacency = neighbours(nodes, edges);
  const s = indexOf(nodes).get(source);
  const q = new Array(nodes.length).fill(0);
  q[s] = 1;
  let layer = [s];
  const seen = new Set([s]);
  const steps = [];
  let total = 0;
  for (let step = 1; step <= maxSteps; step += 1) {
    const next = new Set();
    for (const i of layer) for (const j of adjacency[i]) if (!seen.has(j)) next.add(j);
    const following = [...next].sort((x, y) => x - y);
    const previous = new Set(layer);
    let added = 0;
    for (const v of following) {
      let miss = 1;
      for (const j of adjacency[v]) {
        if (previous.has(j)) {
          const share = j === s ? 1 : p;
          miss *= 1 - share * q[j];
        }
      }
      q[v] = 1 - miss;
      added += q[v];
    }
    if (step > 1 && added < GROWTH_EPS) break;
    for (const v of following) seen.add(v);
    layer = following;
    total += added;
    steps.push({step, new: added, total});
  }
  return steps;
}

function validPercent(value) {
  return Number.isInteger(value) && value >= 0 && value <= 100;
}

const SVG = 'http://www.w3.org/2000/svg';
const VIEW_BOTTOM = 440;  // the network drawing's height in drawing units
const RADIUS = 27;  // a person's circle
// Layout only (kurs.css breaks words anywhere, which splits short table words at 360 px).
const NOWRAP = 'overflow-wrap: normal';
const CARD_GRID = 'grid-template-columns: repeat(auto-fit, minmax(min(100%, 8.5rem), 1fr))';

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function render({model, el}) {
  const data = model.get('data');
  const T = data.texts;
  const people = data.people;
  const ids = people.map((p) => p.id);
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id) => byId.get(id).name;
  const names = (list) => (list.length ? list.map(name).join(', ') : T.nobody);
  let state = {};

  const live = h('div', {className: 'kurs-live', role: 'status', 'aria-live': 'polite'});
  const root = h('section', {className: 'kurs-ex-netzwerk', 'aria-label': fmt(T.label, {title: data.title})});
  el.replaceChildren(root);

  function fromModel() {
    const raw = safeState(model);
    return {
      edges: 'edges' in raw ? normalizeEdges(ids, raw.edges).edges : data.start_edges.map((e) => e.slice()),
      person: ids.includes(raw.person) ? raw.person : data.start_person,
      percent: validPercent(raw.percent) ? raw.percent : data.default_percent,
    };
  }

  function save() { saveState(model, state); }

  // --- part 1: drawing, table, reachability, reach ----------------------------------------
  const drawing = h('div', {className: 'kurs-netz-drawing'});
  const contactsBody = h('tbody', {});
  const layersList = h('ul', {className: 'kurs-netz-layers'});
  const reachBody = h('tbody', {});
  const reachSummary = h('p', {className: 'kurs-netz-summary'});
  const reachHeading = h('h4', {});
  const hint = h('p', {className: 'kurs-notice', id: uid('netz-hint'), hidden: true});

  // The drawing is 740 units wide; on a phone it shrinks to about 300 px, which would make its
  // 27-unit names about 11 px. So its texts grow in drawing units until they are as large on
  // screen as the text around them; textScale is that growth (1 = none). Circles keep their size.
  let textScale = 1;

  const apart = (a, b) => a.x + a.width <= b.x || b.x + b.width <= a.x
    || a.y + a.height <= b.y || b.y + b.height <= a.y;

  function boxAt(label, y) {
    label.setAttribute('y', y.toFixed(1));
    try {
      const b = label.getBBox();
      return {x: b.x, y: b.y, width: b.width, height: b.height};
    } catch {
      return {x: 0, y: 0, width: 0, height: 0};  // not laid out (e.g. a hidden notebook output)
    }
  }

  // Each name goes under its circle, or above it where under it would touch another circle or
  // name or leave the drawing (and above does not).
  function placeTexts(svg) {
    const k = textScale;
    const nameSize = 27 * k;
    const circles = people.map((p) => ({id: p.id, x: p.x - RADIUS, y: p.y - RADIUS,
      width: 2 * RADIUS, height: 2 * RADIUS}));
    const placed = [];
    for (const group of svg.querySelectorAll('g[data-person]')) {
      const person = byId.get(group.getAttribute('data-person'));
      const [, degree, label] = group.children;
      degree.setAttribute('font-size', (26 * k).toFixed(1));
      degree.setAttribute('y', (person.y + 9 * k).toFixed(1));
      label.setAttribute('font-size', nameSize.toFixed(1));
      label.setAttribute('stroke-width', (7 * k).toFixed(1));
      const others = [...circles.filter((c) => c.id !== person.id), ...placed];
      const free = (box) => !box.width || (box.y >= 0 && box.y + box.height <= VIEW_BOTTOM
        && others.every((other) => apart(box, other)));
      const below = person.y + RADIUS + 1.07 * nameSize;
      let box = boxAt(label, below);
      if (!free(box)) {
        const above = boxAt(label, person.y - RADIUS - 0.3 * nameSize);
        box = free(above) ? above : boxAt(label, below);
      }
      placed.push(box);
    }
  }

  function fitTexts(force) {
    const svg = drawing.querySelector('svg');
    const ctm = svg ? svg.getScreenCTM() : null;
    const unit = ctm ? Math.abs(ctm.a) : 0;  // px per drawing unit; 0 while not laid out
    const textPx = parseFloat(getComputedStyle(drawing).fontSize) || 16;
    const k = unit ? Math.max(1, textPx / (27 * unit)) : textScale;
    if (force !== true && Math.abs(k - textScale) < 0.01) return;
    textScale = k;
    placeTexts(svg);
  }

  function networkSvg() {
    const deg = degrees(ids, state.edges);
    const label = fmt(T.svg_label, {people: ids.length, edges: state.edges.length});
    const svg = s('svg', {viewBox: `-40 0 740 ${VIEW_BOTTOM}`, role: 'img', 'aria-label': label,
      class: 'kurs-svg kurs-netz-svg', focusable: 'false'}, s('title', {}, label));
    for (const [a, b] of state.edges) {
      const p = byId.get(a);
      const q = byId.get(b);
      svg.append(s('line', {x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: '#595959',
        'stroke-width': 2.5}));
    }
    for (const person of people) {
      const chosen = person.id === state.person;
      svg.append(s('g', {'data-person': person.id},
        s('circle', {cx: person.x, cy: person.y, r: RADIUS, fill: chosen ? '#0b4f8a' : '#fff',
          stroke: '#0b4f8a', 'stroke-width': chosen ? 7 : 3}),
        s('text', {x: person.x, 'text-anchor': 'middle', 'font-weight': 700,
          fill: chosen ? '#fff' : '#1a1a1a'}, String(deg[person.id])),
        s('text', {x: person.x, 'text-anchor': 'middle', 'font-weight': chosen ? 700 : 400,
          fill: '#1a1a1a', stroke: '#fff', 'stroke-linejoin': 'round', 'paint-order': 'stroke'},
        // The marker is smaller than the name, so that a chosen name stays clear of its neighbours.
        chosen ? s('tspan', {'font-size': '70%'}, '▶ ') : null, person.name)));
    }
    return svg;
  }

  function contactsRows() {
    const deg = degrees(ids, state.edges);
    const adjacency = neighbours(ids, state.edges);
    return people.map((person, i) => h('tr', {'data-person': person.id},
      h('th', {scope: 'row'}, person.name, h('br', {}),
        h('span', {className: 'kurs-small kurs-netz-role', style: 'font-weight: 400'}, person.role)),
      h('td', {}, names(adjacency[i].map((j) => ids[j]))), h('td', {}, String(deg[person.id]))));
  }

  function layerItems() {
    const layers = bfsLayers(ids, state.edges, state.person, data.depth);
    const within = new Set([state.person, ...layers.flat()]);
    const rest = ids.filter((id) => !within.has(id));
    const items = layers.map((layer, i) => h('li', {'data-step': i + 1},
      h('strong', {}, i === 0 ? T.layer_1 : fmt(T.layer_n, {n: i + 1})), ' ', names(layer)));
    items.push(h('li', {'data-step': 'rest'}, h('strong', {}, fmt(T.layer_rest, {n: data.depth})),
      ' ', names(rest)));
    return items;
  }

  function reachSteps() {
    return reachByStep(ids, state.edges, state.person, state.percent / 100, data.max_steps);
  }

  function summaryText(steps) {
    return fmt(T.reach_summary, {name: name(state.person), percent: state.percent,
      total: num(steps[steps.length - 1].total, 1), others: ids.length - 1, steps: steps.length});
  }

  function updateReach() {
    const steps = reachSteps();
    reachBody.replaceChildren(...steps.map((row) => h('tr', {},
      h('th', {scope: 'row'}, String(row.step)), h('td', {}, num(row.new, 2)),
      h('td', {}, num(row.total, 2)))));
    reachSummary.textContent = summaryText(steps);
    reachHeading.textContent = fmt(T.reach_heading, {name: name(state.person)});
    return steps;
  }

  function updateAll() {
    drawing.replaceChildren(networkSvg(), h('p', {className: 'kurs-small'}, T.svg_legend));
    fitTexts(true);
    contactsBody.replaceChildren(...contactsRows());
    layersList.replaceChildren(...layerItems());
    return updateReach();
  }

  function clearHint(selects) {
    hint.hidden = true;
    hint.textContent = '';
    for (const select of selects) select.removeAttribute('aria-invalid');
  }

  function editFieldset() {
    const idA = uid('netz-a');
    const idB = uid('netz-b');
    const options = () => [h('option', {value: ''}, T.choose),
      ...people.map((p) => h('option', {value: p.id}, p.name))];
    const selA = h('select', {id: idA, 'data-key': 'a', 'aria-describedby': hint.id}, options());
    const selB = h('select', {id: idB, 'data-key': 'b', 'aria-describedby': hint.id}, options());
    const selects = [selA, selB];
    for (const select of selects) select.addEventListener('change', () => clearHint(selects));
    const act = (fn, doneKey) => () => {
      const a = selA.value;
      const b = selB.value;
      const outcome = fn(ids, state.edges, a, b);
      if (outcome.error) {
        const text = fmt(T[`hint_${outcome.error}`], {a: a ? name(a) : '', b: b ? name(b) : ''});
        hint.textContent = text;
        hint.hidden = false;
        const bad = outcome.error === 'choose' ? selects.filter((x) => !x.value) : selects;
        for (const select of selects) {
          if (bad.includes(select)) select.setAttribute('aria-invalid', 'true');
          else select.removeAttribute('aria-invalid');
        }
        announce(live, text);
        return;
      }
      clearHint(selects);
      state.edges = outcome.edges;
      save();
      const steps = updateAll();
      const deg = degrees(ids, state.edges);
      announce(live, `${fmt(T[doneKey], {a: name(a), b: name(b), da: deg[a], db: deg[b]})} ${summaryText(steps)}`);
    };
    const restore = () => {
      clearHint(selects);
      state.edges = data.start_edges.map((e) => e.slice());
      save();
      updateAll();
      announce(live, T.restored);
    };
    return h('fieldset', {className: 'kurs-question kurs-netz-edit'},
      h('legend', {}, T.edit_legend),
      h('div', {className: 'kurs-row'}, h('label', {for: idA}, T.person_a), selA),
      h('div', {className: 'kurs-row'}, h('label', {for: idB}, T.person_b), selB),
      hint,
      h('div', {className: 'kurs-actions'},
        h('button', {type: 'button', 'data-key': 'connect', onclick: act(connect, 'done_connect')},
          T.connect),
        h('button', {type: 'button', 'data-key': 'disconnect',
          onclick: act(disconnect, 'done_disconnect')}, T.disconnect),
        h('button', {type: 'button', className: 'kurs-secondary', 'data-key': 'restore',
          onclick: restore}, T.restore)));
  }

  function personRow() {
    const id = uid('netz-person');
    const select = h('select', {id, 'data-key': 'person', onchange: (event) => {
      state.person = event.target.value;
      save();
      const steps = updateAll();
      const layers = bfsLayers(ids, state.edges, state.person, data.depth);
      announce(live, `${fmt(T.person_done, {name: name(state.person), direct: names(layers[0])})} ${summaryText(steps)}`);
    }}, people.map((p) => {
      const option = h('option', {value: p.id}, `${p.name} (${p.role})`);
      option.selected = p.id === state.person;
      return option;
    }));
    return h('div', {className: 'kurs-row'}, h('label', {for: id}, T.person_label), select);
  }

  function sliderRow() {
    const id = uid('netz-share');
    const text = (value) => fmt(T.percent, {percent: value});
    const output = h('output', {for: id, className: 'kurs-netz-percent'}, text(state.percent));
    const input = h('input', {type: 'range', id, min: 0, max: 100, step: 5, value: state.percent,
      'data-key': 'percent', 'aria-valuetext': text(state.percent)});
    input.addEventListener('input', () => {
      state.percent = Number(input.value);
      output.textContent = text(state.percent);
      input.setAttribute('aria-valuetext', text(state.percent));
      updateReach();
    });
    input.addEventListener('change', () => {
      state.percent = Number(input.value);
      save();
      announce(live, summaryText(updateReach()));
    });
    return h('div', {className: 'kurs-row'}, h('label', {for: id}, T.share_label), input, output);
  }

  // --- part 2: network types -----------------------------------------------------------------
  function typeSvg(row) {
    const label = fmt(T.cmp_svg_label, {label: row.label, n: row.n, edges: row.edges.length,
      max: row.max_degree});
    const deg = new Array(row.n).fill(0);
    for (const [a, b] of row.edges) { deg[a] += 1; deg[b] += 1; }
    const at = (i) => {
      const angle = (2 * Math.PI * i) / row.n - Math.PI / 2;
      return [100 + 84 * Math.cos(angle), 100 + 84 * Math.sin(angle)];
    };
    const svg = s('svg', {viewBox: '0 0 200 200', role: 'img', 'aria-label': label,
      class: 'kurs-svg kurs-netz-type', focusable: 'false'}, s('title', {}, label));
    for (const [a, b] of row.edges) {
      const [x1, y1] = at(a);
      const [x2, y2] = at(b);
      svg.append(s('line', {x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1),
        y2: y2.toFixed(1), stroke: '#767676', 'stroke-width': 0.9}));
    }
    deg.forEach((d, i) => {
      const [x, y] = at(i);
      svg.append(s('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: (2 + 0.45 * d).toFixed(1),
        fill: '#0b4f8a', stroke: '#fff', 'stroke-width': 0.8}));
    });
    return svg;
  }

  function comparisonPart() {
    const rows = data.comparison;
    const n = rows.length ? rows[0].n : 0;
    const cards = rows.map((row) => h('figure', {className: 'kurs-card kurs-netz-card',
      'data-type': row.type, style: 'margin: 0'}, typeSvg(row),
    h('figcaption', {}, h('strong', {}, row.label), h('br', {}),
      `${T.col_max_degree}: ${row.max_degree}`)));
    const table = h('table', {className: 'kurs-table kurs-netz-compare',
      style: `${NOWRAP}; font-size: .92em`},
      h('caption', {}, T.cmp_caption),
      h('thead', {}, h('tr', {}, [T.col_type, T.col_path, T.col_clustering]
        .map((text) => h('th', {scope: 'col'}, text)))),
      h('tbody', {}, rows.map((row) => h('tr', {'data-type': row.type},
        h('th', {scope: 'row'}, row.label), h('td', {}, num(row.path_length, 2)),
        h('td', {}, num(row.clustering, 2))))));
    const meanings = h('ul', {className: 'kurs-netz-meanings'}, rows.map((row) => h('li',
      {'data-type': row.type}, h('strong', {}, `${row.label}:`), ' ', row.interpretation)));
    return [
      h('h3', {}, T.part2),
      h('p', {}, fmt(T.part2_intro, {n})),
      h('p', {}, T.cmp_terms),
      h('div', {className: 'kurs-grid kurs-netz-types', style: CARD_GRID}, cards),
      h('div', {className: 'kurs-scroll'}, table),
      h('h4', {}, T.col_meaning),
      meanings,
      h('p', {className: 'kurs-small'}, T.cmp_reference),
    ];
  }

  function build() {
    const focused = root.contains(document.activeElement)
      ? document.activeElement.getAttribute('data-key') : null;
    state = fromModel();
    const contactsTable = h('table', {className: 'kurs-table kurs-netz-contacts', style: NOWRAP},
      h('caption', {}, T.table_caption),
      h('thead', {}, h('tr', {}, [`${T.col_person} (${T.col_role})`, T.col_contacts, T.col_degree]
        .map((text) => h('th', {scope: 'col'}, text)))),
      contactsBody);
    const reachTable = h('table', {className: 'kurs-table kurs-netz-reach', style: NOWRAP},
      h('caption', {}, T.reach_caption),
      h('thead', {}, h('tr', {}, [T.col_step, T.col_new, T.col_total]
        .map((text) => h('th', {scope: 'col'}, text)))),
      reachBody);
    root.replaceChildren(
      h('p', {className: 'kurs-intro', html: data.intro}),
      h('h3', {}, T.part1),
      drawing,
      editFieldset(),
      h('div', {className: 'kurs-scroll'}, contactsTable),
      h('h4', {}, T.layers_heading),
      personRow(),
      layersList,
      reachHeading,
      sliderRow(),
      h('p', {}, fmt(T.reach_explain, {max: data.max_steps})),
      h('div', {className: 'kurs-scroll'}, reachTable),
      reachSummary,
      ...comparisonPart(),
      live,
      h('p', {className: 'kurs-small'}, T.saved_note));
    updateAll();
    if (focused) {
      const target = root.querySelector(`[data-key="${focused}"]`);
      if (target) target.focus();
    }
  }

  build();
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(fitTexts) : null;
  if (resized) resized.observe(drawing);
  const onExternal = () => {
    if (JSON.stringify(fromModel()) !== JSON.stringify(state)) build();
  };
  model.on('change:state', onExternal);
  return () => {
    model.off('change:state', onExternal);
    if (resized) resized.disconnect();
  };
}

export default {render};
