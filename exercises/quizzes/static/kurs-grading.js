// Grading of every question type; the twin of exercises/grading.py.
// Shared vectors (tests/data/grading-vectors.yml) run against both.
import {parseNumber} from './kurs-numbers.js';

export const CORRECT = 'correct';
export const WRONG = 'wrong';
export const EMPTY = 'empty';
export const INVALID = 'invalid';

const UMLAUTS = {'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss'};

export function normalizeText(value) {
  let text = String(value).normalize('NFC').trim().toLowerCase();
  text = text.replace(/[äöüß]/g, (c) => UMLAUTS[c]).replace(/\s+/g, ' ');
  return text.replace(/[.!?;,:]+$/, '').trim();
}


function isEmpty(answer) {
  if (answer === null || answer === undefined || answer === '') return true;
  if (Array.isArray(answer)) return answer.length === 0;
  return typeof answer === 'object' && Object.keys(answer).length === 0;
}

export function grade(question, answer) {
  if (isEmpty(answer)) return EMPTY;
  const kind = question.type;
  const right = (question.options || []).map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
  if (kind === 'single') return right.length === 1 && answer === right[0] ? CORRECT : WRONG;
  if (kind === 'multiple') {
    const given = [...new Set(answer)].sort((a, b) => a - b);
    return given.length === right.length && given.every((v, i) => v === right[i]) ? CORRECT : WRONG;
  }
  if (kind === 'true-false') return answer === question.answer ? CORRECT : WRONG;
  if (kind === 'numeric') {
    const number = parseNumber(answer);
    if (number === null) return INVALID;
    return Math.abs(number - question.answer) <= (question.tolerance || 0) + 1e-9 ? CORRECT : WRONG;
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
  if (kind === 'ordering') {
    return answer.length === question.items.length && answer.every((v, i) => v === i)
      ? CORRECT : WRONG;
  }
  throw new Error(`unknown question type ${kind}`);
}
