// Numbers as German learners type them; the twin of exercises/learner_numbers.py.

export function parseNumber(value) {
  let text = String(value).trim().replace(/[\u00a0\u202f ]/g, '').replace(/\u2212/g, '-')
    .replace(/%$/, '');
  if (text.includes(',')) text = text.replace(/\./g, '').replace(/,/g, '.');
  else if (/^-?[0-9]{1,3}(\.[0-9]{3})+$/.test(text)) text = text.replace(/\./g, '');
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return null;
  return Number(text);
}

// {value, error}: error is 'not_a_number', 'negative', 'not_whole' or 'too_high'.
export function readNumber(raw, {whole = false, maximum = null} = {}) {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return {value: null, error: null};
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return {value: null, error: 'not_a_number'};
  const number = typeof raw === 'string' ? parseNumber(raw) : raw;
  if (number === null || !Number.isFinite(number)) return {value: null, error: 'not_a_number'};
  if (number < 0) return {value: null, error: 'negative'};
  if (whole && number !== Math.floor(number)) return {value: null, error: 'not_whole'};
  if (maximum !== null && maximum !== undefined && number > maximum) {
    return {value: null, error: 'too_high'};
  }
  return {value: number, error: null};
}
