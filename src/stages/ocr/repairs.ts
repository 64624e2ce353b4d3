/**
 * OCR-specific repairs as pure functions: each returns the repaired text, or null when it changes
 * nothing, so the repair stage can log a Repair { kind, before, after } (wiring: see report).
 */
import { LEVEL2_BY_LEVEL1, editDistance, labelKey } from '../../vocabulary/index.js';

/** Full-width digits, Latin letters, ％ and ． as printed by some producers, read as ASCII. */
export function fullWidthToAscii(text: string): string | null {
  const out = text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return out === text ? null : out;
}

/**
 * ≥/≤ misread in a target cell: `>=`, `＞＝`, `>＝` → ≥; `<=` … → ≤; a leading `二` or `=` before a number
 * (the two bars of ≥ without its angle, seed scans: `二 90%`) → ≥. A bare leading `2` is left alone (250 is a number).
 */
export function targetComparatorRecovered(text: string): string | null {
  const out = text
    .replace(/^\s*[>＞]\s*[=＝]\s*/u, '≥')
    .replace(/^\s*[<＜]\s*[=＝]\s*/u, '≤')
    .replace(/^\s*[二=＝]\s*(?=\d)/u, '≥');
  return out === text ? null : out;
}

const CHECK_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/**
 * Letters of the alphabet that OCR reads for a digit. Only letter → digit: a code is mostly digits, and
 * trying digit → letter at every 0 and 8 lets a truly failing code pass by chance (1 in 31 per try).
 */
const CODE_CONFUSIONS: Record<string, string[]> = { B: ['8'], D: ['0'] };

/** The check character of DESIGN.md §3 over a code's first 20 characters; null if a character is outside the alphabet. */
export function codeCheckChar(code: string): string | null {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 20; i++) {
    const value = CHECK_ALPHABET.indexOf(code[i]);
    if (value < 0) return null;
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return CHECK_ALPHABET[(30 - (sum % 31)) % 31];
}

export function codePassesCheck(code: string): boolean {
  return code.length === 21 && codeCheckChar(code) === code[20];
}

/** Characters outside the check alphabet that OCR reads for a code character: one reading each (DESIGN.md §3; `]` is a serif J). */
const CODE_OUTSIDE_ALPHABET: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1', S: '5', s: '5', Z: '2', z: '2', ']': 'J' };

/** Whether an OCR reading, spaces removed and characters outside the alphabet mapped to their confusable, is a whole code: 21 characters of the alphabet. */
export function isWholeCodeReading(text: string): boolean {
  const forced = [...text.replace(/\s+/g, '')].map((ch) => CODE_OUTSIDE_ALPHABET[ch] ?? ch);
  return forced.length === 21 && forced.every((ch) => CHECK_ALPHABET.includes(ch));
}

/**
 * The reading of an OCRed code (spaces and line breaks removed) that the check character supports:
 * characters that cannot be in a code (O, I, S, Z) become their confusable (0, 1, 5, 2); if the check
 * still fails, one confusable swap inside the alphabet (B/8, D/0, 0/O…) is taken when exactly one
 * passes. A code that fails with no such swap is left as read (a finding, not a guess). Null: no change.
 */
export function codeByCheckChar(code: string): string | null {
  const compact = code.replace(/\s+/g, '');
  const forced = [...compact].map((ch) => CODE_OUTSIDE_ALPHABET[ch] ?? ch).join('');
  if (forced.length !== 21 || codePassesCheck(forced)) return forced === compact ? null : forced;
  const passing = new Set<string>();
  [...forced].forEach((ch, i) => {
    for (const option of CODE_CONFUSIONS[ch] ?? []) {
      const candidate = forced.slice(0, i) + option + forced.slice(i + 1);
      if (codePassesCheck(candidate)) passing.add(candidate);
    }
  });
  // Two different readings passing: the evidence does not decide.
  if (passing.size === 1) return [...passing][0];
  return forced === compact ? null : forced;
}

/** Edits allowed per character of a vocabulary word when snapping OCR text to it (one misread in 4-character labels). */
export const VOCABULARY_MAX_EDITS_PER_CHAR = 0.25;

/** The vocabulary word (column header, label, level names, 无/没有 …) the OCR text is a near-miss of, if exactly one is nearest. */
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
    const owning = Object.entries(LEVEL2_BY_LEVEL1).filter(([, names]) => names.includes(labelKey(level2))).map(([name]) => name);
    if (owning.length !== 1) return null;
    owners.add(owning[0]);
  }
  return owners.size === 1 ? [...owners][0] : null;
}

/** Money read from digits only: O→0, I/l→1, full-width digits, ，or 。 as decimal point; null unless the result is a decimal. */
export function moneyDigitsOnly(text: string): string | null {
  const digits = (fullWidthToAscii(text) ?? text).replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/\s+/g, '');
  // Thousands separators (`3,865,200.00`) stay for the normaliser; any other ，, or 。 is the decimal point.
  const out = THOUSANDS_GROUPED.test(digits.replace(/，/g, ',')) ? digits.replace(/，/g, ',') : digits.replace(/[，,。]/g, '.');
  if (out === text || !/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(out)) return null;
  return out;
}

const THOUSANDS_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Month headers of the spend plan (`N月底`/`N月末`) whose last character was misread: `6月咸` → `6月底`. Null: no change. */
export function monthHeaderRecovered(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*月\s*([^\d\s])?\s*$/u.exec(text);
  if (!match || match[2] === '底' || match[2] === '末') return null;
  return `${match[1]}月底`;
}

/** A cumulative percentage read with its `%` as a trailing 9 (`10%` → `109`): over 100 cannot be a share. Null: no change. */
export function percentRecovered(text: string): string | null {
  // `10%` read as `109` or `109%` (eco-2023 scanned at 300 dpi): the % sign's upper loop read as a 9.
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*9\s*[%％]?\s*$/u.exec(text);
  if (!match || Number(`${match[1]}9`) <= 100 || Number(match[1]) > 100) return null;
  return `${match[1]}%`;
}

/**
 * Han characters OCR reads for the first character of an amount unit (千元 → 干元/于元/二元, 万元 →
 * 为元/方元/力元/天元): the unit they stand for.
 */
const AMOUNT_UNIT_CONFUSIONS: Record<string, string> = { 干: '千', 于: '千', 二: '千', 为: '万', 方: '万', 力: '万', 天: '万' };

/** An OCR-read amount unit that is no unit (`干元`) → the unit its confusable gives (`千元`); null when known already or not explained. */
export function amountUnitRecovered(unit: string, knownUnits: readonly string[]): string | null {
  if (knownUnits.includes(unit)) return null;
  const match = /^(\p{Script=Han})元$/u.exec(unit);
  const recovered = match ? `${AMOUNT_UNIT_CONFUSIONS[match[1]] ?? ''}元` : null;
  return recovered !== null && recovered !== '元' && knownUnits.includes(recovered) ? recovered : null;
}

/** The spend-plan checkpoints the documents print (3, 6, 10 and 12月底). */
const SPEND_PLAN_MONTHS = [3, 6, 10, 12] as const;

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
    const before = months.slice(0, start).filter((month): month is number => month !== null).at(-1) ?? 0;
    const after = months.slice(end).find((month): month is number => month !== null) ?? 13;
    const between = SPEND_PLAN_MONTHS.filter((month) => month > before && month < after);
    if (between.length !== end - start) return null;
    between.forEach((month, offset) => (out[start + offset] = month));
    start = end;
  }
  return out;
}
