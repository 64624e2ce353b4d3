/**
 * OCR readings of closed-vocabulary cells (level names, month headers) named by the vocabulary, as
 * pure functions: a near miss snapped to its word, or a cell no reading names named by the cells
 * around it. Each returns the repaired value, or null when it changes nothing.
 */
import { LEVEL2_BY_LEVEL1, editDistance, labelKey } from '../../vocabulary/index.js';
import { SPEND_PLAN_MONTHS } from '../../vocabulary/spendPlan.js';

/**
 * Edits allowed per character of a vocabulary word when snapping OCR text to it (one misread in 4-character labels).
 */
const VOCABULARY_MAX_EDITS_PER_CHAR = 0.25;

/**
 * The vocabulary word (column header, label, level names, 无/没有 …) the OCR text is a near-miss of, if exactly one is
 * nearest.
 */
export function snapToVocabulary(text: string, vocabulary: readonly string[]): string | null {
  if (vocabulary.includes(text)) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const word of vocabulary) {
    const allowed = Math.floor([...word].length * VOCABULARY_MAX_EDITS_PER_CHAR);
    const distance = editDistance(text, word);
    if (distance > allowed || distance === 0) continue;
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) tie = true;
  }
  return tie ? null : best;
}

/** A vocabulary word's opening an OCR reading must share with it, at least: this many characters and half the word. */
const VOCABULARY_PREFIX_MIN_CHARS = 4;

/**
 * A closed-vocabulary cell (level-1 and level-2 names) whose reading opens with a word and then
 * trails noise, or opens with the first half of exactly one word and then goes wrong (a wrapped
 * `服务对象⏎满意度指标` whose second line was misread: `服务对象人人`): that word. Null when no
 * word, or more than one, fits.
 */
export function snapToVocabularyByPrefix(text: string, vocabulary: readonly string[]): string | null {
  if (vocabulary.includes(text)) return null;
  const chars = [...text];
  const whole = vocabulary.filter((word) => text.startsWith(word)).sort((a, b) => [...b].length - [...a].length);
  if (whole.length > 0) return whole.length === 1 || [...whole[0]].length > [...whole[1]].length ? whole[0] : null;
  const sharedPrefix = (word: string) => {
    const letters = [...word];
    let n = 0;
    while (n < letters.length && n < chars.length && letters[n] === chars[n]) n++;
    return n;
  };
  const fitting = vocabulary.filter((word) => {
    const length = [...word].length;
    const shared = sharedPrefix(word);
    return shared >= VOCABULARY_PREFIX_MIN_CHARS && shared >= Math.floor(length / 2) && chars.length <= length + 1;
  });
  return fitting.length === 1 ? fitting[0] : null;
}

/**
 * A level-1 cell OCR read as no level-1 name (noise: the WPS writer prints a level-1 name centred on a
 * span that a page break cuts, across the rule above its cell, transport-2021 wps scan): the level-1
 * name that owns every level-2 name of the rows it covers, when each of them has exactly one owner
 * and it is the same. Null when the cell reads as a level-1 name or the level-2 names do not decide.
 */
export function level1FromLevel2s(level1: string, level2s: readonly string[]): string | null {
  if (Object.hasOwn(LEVEL2_BY_LEVEL1, labelKey(level1)) || level2s.length === 0) return null;
  const owners = new Set<string>();
  for (const level2 of level2s) {
    const owning = Object.entries(LEVEL2_BY_LEVEL1)
      .filter(([, names]) => names.includes(labelKey(level2)))
      .map(([name]) => name);
    if (owning.length !== 1) return null;
    owners.add(owning[0]);
  }
  return owners.size === 1 ? [...owners][0] : null;
}

/**
 * Spend-plan month headers OCR could not read (`6月底` read as `明底`, `3月底` as `月底`): a run of
 * unread headers between read ones (or the row's ends) is named when exactly as many checkpoint
 * months lie between its neighbours, in order. Null when nothing is missing or the order does not decide.
 */
export function spendPlanHeadersCompleted(months: Array<number | null>): Array<number | null> | null {
  if (!months.includes(null)) return null;
  const out = [...months];
  let start = 0;
  while (start < months.length) {
    if (months[start] !== null) {
      start++;
      continue;
    }
    let end = start;
    while (end < months.length && months[end] === null) end++;
    const before =
      months
        .slice(0, start)
        .filter((month): month is number => month !== null)
        .at(-1) ?? 0;
    const after = months.slice(end).find((month): month is number => month !== null) ?? 13;
    const between = SPEND_PLAN_MONTHS.filter((month) => month > before && month < after);
    if (between.length !== end - start) return null;
    between.forEach((month, offset) => {
      out[start + offset] = month;
    });
    start = end;
  }
  return out;
}
