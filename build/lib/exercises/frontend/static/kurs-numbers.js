// Numbers as German-speaking learners type them, and the one German number format.
// The twin of exercises/core/numbers.py; shared vectors in tests/data/vectors-numbers.yml.

export const MAX_DIGITS = 15;

const GERMAN = /^(-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?)$/;
const SWISS = /^-?[0-9]{1,3}(['\u2019\u02bc][0-9]{3})+([.,][0-9]+)?$/;
const THOUSANDS = /^-?[0-9]{1,3}(\.[0-9]{3})+$/;
const PLAIN = /^-?[0-9]+(\.[0-9]+)?$/;
const COMMA_THREE = /^(-?)([0-9]{1,3}),([0-9]{3})$/;

function compact(value) {
  return String(value).trim().replace(/[\u00a0\u202f\u2009 ]/g, '').replace(/\u2212/g, '-');
}

// The typed number as digits with "." as the decimal mark ("-1234.5"), or null.
function plainNumber(value) {
  let text = compact(value).replace(/%$/, '');
  if (SWISS.test(text)) text = text.replace(/['\u2019\u02bc]/g, '').replace(',', '.');
  else if (text.includes(',')) {
    if (!GERMAN.test(text)) return null;
    text = text.replace(/\./g, '').replace(',', '.');
  } else if (THOUSANDS.test(text)) text = text.replace(/\./g, '');
  return PLAIN.test(text) ? text : null;
}

export function parseNumber(value) {
  const text = plainNumber(value);
  return text === null ? null : Number(text);
}

// "2,000" could be two thousand (English) or 2,0 (German): both readings, else null.
export function ambiguousChoices(value) {
  const match = COMMA_THREE.exec(compact(value));
  if (!match) return null;
  const [, sign, whole, fraction] = match;
  return [`${sign}${whole}${fraction}`, `${sign}${whole},${fraction.replace(/0+$/, '') || '0'}`];
}

// {value, error}: error is 'not_a_number', 'negative', 'ambiguous' (then also {choices}),
// 'too_high', 'too_large' or 'not_whole', in that order of precedence.
export function readNumber(raw, {whole = false, maximum = null, minimum = 0, thousandsComma = null} = {}) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return {value: null, error: null};
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return {value: null, error: 'not_a_number'};
  let number;
  let digits;
  if (typeof raw === 'string') {
    const text = plainNumber(raw);
    if (text === null) return {value: null, error: 'not_a_number'};
    number = Number(text);
    digits = text.replace(/^-/, '').split('.')[0].replace(/^0+/, '').length;
  } else {
    number = raw;
    digits = Number.isFinite(number) && Math.abs(number) >= 10 ** MAX_DIGITS ? MAX_DIGITS + 1 : 0;
  }
  if (!Number.isFinite(number)) return {value: null, error: 'not_a_number'};
  if (minimum !== null && minimum !== undefined && number < minimum) return {value: null, error: 'negative'};
  const comma = thousandsComma === null || thousandsComma === undefined ? whole : thousandsComma;
  let choices = comma && typeof raw === 'string' ? ambiguousChoices(raw) : null;
  if (choices) {
    // Only a field for whole numbers asks: it offers whole readings, "2,000" is 2000 or 2,
    // "2,500" only 2500.
    const decimal = choices[1].replace(',', '.');
    choices = Number.isInteger(Number(decimal)) ? [choices[0], decimal.split('.')[0]] : [choices[0]];
  }
  if (choices) return {value: null, error: 'ambiguous', choices};
  if (maximum !== null && maximum !== undefined && number > maximum) return {value: null, error: 'too_high'};
  if (digits > MAX_DIGITS) return {value: null, error: 'too_large'};
  if (whole && number !== Math.floor(number)) return {value: null, error: 'not_whole'};
  return {value: number, error: null};
}

// German number format: 1.234,5; at most `digits` decimals, no trailing zeros, no "-0".
export function formatDe(value, digits = 0) {
  const text = new Intl.NumberFormat('de-DE', {maximumFractionDigits: digits,
    minimumFractionDigits: 0}).format(value);
  return text === '-0' ? '0' : text;
}
