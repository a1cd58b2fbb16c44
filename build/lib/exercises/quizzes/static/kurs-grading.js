// Every decision of a quiz: grading, feedback details, the final test's draw, score and pass
// mark. The twin of exercises/quizzes/grading.py; the shared vectors
// (tests/data/grading-vectors.yml, tests/data/vectors-quiz.yml) run against both sides.
import {isObject, shuffled} from './kurs-common.js';
import {readNumber} from './kurs-numbers.js';

export const CORRECT = 'correct';
export const WRONG = 'wrong';
export const EMPTY = 'empty';
export const INVALID = 'invalid';
export const AMBIGUOUS = 'ambiguous';
export const TOO_LARGE = 'too_large';
// Results that leave a question open: nothing answered, or nothing that can be graded.
export const OPEN = [EMPTY, INVALID, AMBIGUOUS, TOO_LARGE];
// What a new attempt keeps: counts, the name, and a passed final test with its certificate.
export const KEPT_ON_RESTART = ['best', 'attempts', 'name', 'certificate', 'last_pass'];

const FOLDED = {'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss', '’': "'", '‘': "'", 'ʼ': "'", '´': "'",
  '`': "'", '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-'};
const ARTICLE = /^(?:der|die|das|ein|eine|einen) (?=\S)/;
const PERCENT = ['%', 'prozent', 'prozentpunkt', 'prozentpunkte', '%-punkte'];
const UNIT_NAMES = {'€': ['€', 'euro', 'eur'], stunden: ['stunden', 'stunde', 'std.', 'std', 'h']};

const isIndex = (value) => Number.isInteger(value);
const SHAPES = {
  single: isIndex,
  multiple: (a) => Array.isArray(a) && a.every(isIndex),
  'true-false': (a) => typeof a === 'boolean',
  numeric: (a) => typeof a === 'string' || typeof a === 'number',
  text: (a) => typeof a === 'string',
  matching: isObject,
  ordering: (a) => Array.isArray(a) && a.every(isIndex),
};

export function isEmpty(answer) {
  if (answer === null || answer === undefined || answer === '') return true;
  if (Array.isArray(answer)) return answer.length === 0;
  return typeof answer === 'object' && Object.keys(answer).length === 0;
}

export function normalizeText(value) {
  let text = String(value).normalize('NFC').trim().toLowerCase();
  text = text.replace(/[äöüß’‘ʼ´`‐‑‒–—]/g, (c) => FOLDED[c]).replace(/\s+/g, ' ');
  return text.replace(/[.!?;,:]+$/, '').trim().replace(ARTICLE, '');
}

export function unitSpellings(unit) {
  const name = String(unit || '').trim().toLowerCase();
  if (!name) return ['%'];
  if (PERCENT.includes(name)) return PERCENT.slice();
  return (UNIT_NAMES[name] || [name]).slice();
}

export function stripUnit(text, unit) {
  const value = String(text).trim();
  const lower = value.toLowerCase();
  const spellings = unitSpellings(unit).sort((a, b) => b.length - a.length);
  for (const spelling of spellings) {
    if (lower.endsWith(spelling)) return value.slice(0, value.length - spelling.length).trim();
    if (lower.startsWith(spelling)) return value.slice(spelling.length).trim();
  }
  return value;
}

// Does the question ask for a whole number? Then "2,000" is ambiguous.
export function wholeField(question) {
  if (question.decimals !== undefined && question.decimals !== null) return question.decimals === 0;
  return Number.isInteger(Number(question.answer)) && !question.tolerance;
}

// The allowed distance; a prompt that asks for rounding allows no more than half a unit.
export function tolerance(question) {
  let allowed = question.tolerance || 0;
  if (question.decimals !== undefined && question.decimals !== null) {
    allowed = Math.min(allowed, 0.5 * 10 ** -question.decimals);
  }
  return allowed;
}

export function numericReading(question, answer) {
  let raw = answer;
  if (typeof raw === 'string') {
    raw = stripUnit(raw, question.unit);
    if (raw === '') return {value: null, error: 'not_a_number'};
  }
  return readNumber(raw, {minimum: null, thousandsComma: wholeField(question)});
}

export function grade(question, answer) {
  const kind = question.type;
  if (!(kind in SHAPES)) throw new Error(`unknown question type ${kind}`);
  if (isEmpty(answer) || !SHAPES[kind](answer)) return EMPTY;
  const right = (question.options || []).map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
  if (kind === 'single') return right.length === 1 && answer === right[0] ? CORRECT : WRONG;
  if (kind === 'multiple') {
    const given = [...new Set(answer)].sort((a, b) => a - b);
    return given.length === right.length && given.every((v, i) => v === right[i]) ? CORRECT : WRONG;
  }
  if (kind === 'true-false') return answer === question.answer ? CORRECT : WRONG;
  if (kind === 'numeric') {
    const reading = numericReading(question, answer);
    if (reading.error === AMBIGUOUS || reading.error === TOO_LARGE) return reading.error;
    if (reading.value === null) return INVALID;
    return Math.abs(reading.value - question.answer) <= tolerance(question) + 1e-9 ? CORRECT : WRONG;
  }
  if (kind === 'text') {
    const given = normalizeText(answer);
    if (!given) return EMPTY;
    return question.accepted.some((a) => normalizeText(a) === given) ? CORRECT : WRONG;
  }
  if (kind === 'matching') {
    if (question.terms.some((t) => !answer[t.id])) return EMPTY;
    return question.terms.every((t) => answer[t.id] === t.match) ? CORRECT : WRONG;
  }
  return answer.length === question.items.length && answer.every((v, i) => v === i) ? CORRECT : WRONG;
}

// Which options of a single or multiple choice were found, missed or wrongly chosen.
export function choiceDetails(question, answer) {
  const chosen = new Set((Array.isArray(answer) ? answer : [answer]).filter(isIndex));
  const right = new Set(question.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0));
  const sorted = (items) => [...items].sort((a, b) => a - b);
  return {
    found: sorted([...right].filter((i) => chosen.has(i))),
    missed: sorted([...right].filter((i) => !chosen.has(i))),
    wrong: sorted([...chosen].filter((i) => !right.has(i))),
  };
}

export function percent(right, total) {
  return total ? Math.round((100 * right) / total) : 0;
}

export function passed(right, total, passMark) {
  return total > 0 && right / total >= passMark - 1e-9;
}

// Everything "Prüfen" shows: each result, counts, numbers of wrong and open questions.
export function summary(questions, answers, passMark = null) {
  const given = isObject(answers) ? answers : {};
  const results = {};
  for (const q of questions) results[q.id] = grade(q, given[q.id]);
  const right = questions.filter((q) => results[q.id] === CORRECT).length;
  const numbersOf = (kinds) => questions.map((q, i) => (kinds.includes(results[q.id]) ? i + 1 : 0))
    .filter(Boolean);
  return {
    results,
    right,
    total: questions.length,
    percent: percent(right, questions.length),
    wrong_numbers: numbersOf([WRONG]),
    open_numbers: numbersOf(OPEN),
    passed: passMark === null || passMark === undefined ? null : passed(right, questions.length, passMark),
  };
}

export function score(questions, answers) {
  const result = summary(questions, answers);
  return [result.right, result.total];
}

// A stored count, or 0 when storage holds something else (twin of grading._count).
export function storedCount(value) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(Math.trunc(value), 0) : 0;
}

function copyOf(value) {
  return isObject(value) ? {...value} : {};
}

// The state after the learner answers one question: its old result goes, "checked" too.
export function answerState(state, questionId, value) {
  const answers = copyOf(state.answers);
  if (isEmpty(value)) delete answers[questionId];
  else answers[questionId] = value;
  const results = copyOf(state.results);
  delete results[questionId];
  return {...state, answers, results, checked: false};
}

// Why "Prüfen" grades nothing: no question has a gradable answer, or the final test has open ones.
export const NOTHING_ANSWERED = 'nothing_answered';
export const OPEN_LEFT = 'open_left';

// null if "Prüfen" may grade; else NOTHING_ANSWERED (no question answered gradably, e.g. an
// accidental click) or OPEN_LEFT (the final test is graded only with every question answered).
export function checkProblem(questions, answers, final = false) {
  const result = summary(questions, answers);
  if (Object.values(result.results).every((r) => OPEN.includes(r))) return NOTHING_ANSWERED;
  if (final && result.open_numbers.length) return OPEN_LEFT;
  return null;
}

// The state after "Prüfen": results, counts, attempts; a passed final test is remembered.
// A check that checkProblem refuses (the final test: passMark given) changes nothing and counts
// no attempt.
export function recordCheck(state, questions, passMark = null) {
  const answers = copyOf(state.answers);
  const final = passMark !== null && passMark !== undefined;
  if (checkProblem(questions, answers, final)) return {...state};
  const result = summary(questions, answers, passMark);
  const next = {...state, results: result.results, checked: true, right: result.right,
    total: result.total, best: Math.max(storedCount(state.best), result.right),
    attempts: storedCount(state.attempts) + 1};
  if (final) {
    next.passed = result.passed;
    if (result.passed) next.last_pass = {right: result.right, total: result.total, percent: result.percent};
  }
  return next;
}

// A new attempt: answers, results and order go; a passed test and its certificate stay.
export function restartState(state, final) {
  const next = {answers: {}, results: {}, order: {}, checked: false};
  for (const key of KEPT_ON_RESTART) if (key in state) next[key] = state[key];
  if (final) next.drawn = null;
  return next;
}

// A stored draw fits the final test: known ids, each once, as many per bank as it says.
export function drawIsValid(final, questions, drawn) {
  if (!Array.isArray(drawn) || drawn.length === 0) return false;
  const bankOf = new Map(questions.map((q) => [q.id, q.bank]));
  if (drawn.some((id) => typeof id !== 'string' || !bankOf.has(id))) return false;
  if (new Set(drawn).size !== drawn.length) return false;
  const wanted = new Map();
  for (const d of final.draw) wanted.set(d.bank, (wanted.get(d.bank) || 0) + d.count);
  const got = new Map();
  for (const id of drawn) got.set(bankOf.get(id), (got.get(bankOf.get(id)) || 0) + 1);
  return got.size === wanted.size && [...wanted].every(([bank, count]) => got.get(bank) === count);
}

// The ids of the questions in play, or null: the final test has to draw anew.
export function activeIds(data, state) {
  if (!data.final) return data.questions.map((q) => q.id);
  const drawn = isObject(state) ? state.drawn : null;
  return drawIsValid(data.final, data.questions, drawn) ? drawn.slice() : null;
}

// A new draw for the final test: `count` questions at random from each bank.
export function drawQuestions(data, shuffle = shuffled) {
  const drawn = [];
  for (const d of data.final.draw) {
    const ids = data.questions.filter((q) => q.bank === d.bank && !drawn.includes(q.id)).map((q) => q.id);
    drawn.push(...shuffle(ids).slice(0, d.count));
  }
  return drawn;
}
