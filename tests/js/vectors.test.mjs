// The page's logic modules against the shared vectors, in Node's own test runner (no browser):
//   node --test tests/js/
// Runs every vector file tests/data/*vectors*.yml (shape {description, function, args, expected})
// against the ES modules its `js_modules` names, imported straight from exercises/**/static/:
// a new exercise's vector file runs here without new test code. Every case must give its
// expected value, as the Python twins do (tests/test_grading.py, test_numbers.py, test_ex_*.py).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {register} from 'node:module';
import {describe, test} from 'node:test';
import {load} from 'js-yaml';

register('./static-modules.mjs', import.meta.url);

const REPO = new URL('../../', import.meta.url);
const DATA = new URL('tests/data/', REPO);
// The same rule as tests/exercise_vectors.py vector_files().
const FILES = readdirSync(DATA).filter((name) => /vectors.*\.yml$/.test(name)).sort();

const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

// Equal, with numbers compared to 1e-6 (as tests/exercise_vectors.py close()).
function close(got, expected) {
  if (typeof got === 'number' && typeof expected === 'number') return Math.abs(got - expected) <= 1e-6;
  if (Array.isArray(got) && Array.isArray(expected)) {
    return got.length === expected.length && got.every((value, i) => close(value, expected[i]));
  }
  if (got && expected && typeof got === 'object' && typeof expected === 'object'
      && !Array.isArray(got) && !Array.isArray(expected)) {
    const keys = Object.keys(got).sort();
    return keys.join() === Object.keys(expected).sort().join() && keys.every((k) => close(got[k], expected[k]));
  }
  return got === expected;
}

const loaded = [];
for (const name of FILES) {
  const vectors = load(readFileSync(new URL(name, DATA), 'utf8'));
  const modules = await Promise.all(vectors.js_modules.map((path) => import(new URL(path, REPO).href)));
  loaded.push({name, vectors, modules});
}

function twin(modules, name) {
  const found = modules.find((module) => typeof module[camel(name)] === 'function');
  return found ? found[camel(name)] : null;
}

for (const {name, vectors, modules} of loaded) {
  describe(name, () => {
    for (const vector of vectors.cases) {
      test(`${vector.function}: ${vector.description}`, () => {
        const fn = twin(modules, vector.function);
        assert.ok(fn, `${camel(vector.function)} fehlt in ${vectors.js_modules.join(', ')}`);
        const args = structuredClone(vector.args);
        if ((vectors.options_last || []).includes(vector.function)) {
          args[args.length - 1] = Object.fromEntries(Object.entries(args[args.length - 1])
            .map(([key, value]) => [camel(key), value]));
        }
        const before = JSON.stringify(args);
        const got = JSON.parse(JSON.stringify(fn(...args)) ?? 'null');
        assert.equal(JSON.stringify(args), before, 'the function changed its arguments');
        assert.ok(close(got, vector.expected),
          `${vector.description}\n  got:      ${JSON.stringify(got)}\n  expected: ${JSON.stringify(vector.expected)}`);
      });
    }
  });
}

test('a new draw for the final test is always valid', () => {
  const {vectors, modules} = loaded.find((entry) => entry.name === 'vectors-quiz.yml');
  const data = vectors.data.final_data;
  const draw = twin(modules, 'draw_questions');
  const valid = twin(modules, 'draw_is_valid');
  const seen = new Set();
  for (let i = 0; i < 30; i += 1) {
    const drawn = draw(data);
    assert.ok(valid(data.final, data.questions, drawn), JSON.stringify(drawn));
    seen.add(drawn.join());
  }
  assert.ok(seen.size > 5, 'the draw should be random');
});
