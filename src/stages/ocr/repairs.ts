/**
 * OCR-specific repairs as pure functions: each returns the repaired text, or null when it changes
 * nothing, so the repair stage can log a Repair { kind, before, after } (wiring: see report).
 */

/** Full-width digits, Latin letters, ％ and ． as printed by some producers, read as ASCII. */
export function fullWidthToAscii(text: string): string | null {
  const out = text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return out === text ? null : out;
}

/** ≥/≤ misread in a target cell: `>=`, `＞＝`, `>＝` → ≥; `<=` … → ≤. A bare leading `2` is left alone (250 is a number). */
export function targetComparatorRecovered(text: string): string | null {
  const out = text.replace(/^\s*[>＞]\s*[=＝]/u, '≥').replace(/^\s*[<＜]\s*[=＝]/u, '≤');
  return out === text ? null : out;
}

const CHECK_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Characters tesseract confuses in codes, both ways (DESIGN.md §3). */
const CODE_CONFUSIONS: Record<string, string[]> = { O: ['0'], '0': ['O', 'D'], D: ['0'], I: ['1'], l: ['1'], '1': ['I'], S: ['5'], '5': ['S'], B: ['8'], '8': ['B'], Z: ['2'], '2': ['Z'] };
/** At most this many characters of a code are changed: more would let the check pass by chance. */
const CODE_MAX_SUBSTITUTIONS = 2;

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

/** Among readings of an OCRed 21-character code that differ by confusable characters, the one whose check passes (fewest changes first). */
export function codeByCheckChar(code: string): string | null {
  const compact = code.replace(/\s+/g, '');
  if (compact.length !== 21 || codePassesCheck(compact)) return null;
  const positions = [...compact].map((ch, i) => ({ i, options: CODE_CONFUSIONS[ch] ?? [] })).filter((p) => p.options.length > 0);
  let frontier: string[] = [compact];
  for (let depth = 1; depth <= CODE_MAX_SUBSTITUTIONS; depth++) {
    const next: string[] = [];
    const found = new Set<string>();
    for (const reading of frontier) {
      for (const { i, options } of positions) {
        if (reading[i] !== compact[i]) continue;
        for (const option of options) {
          const candidate = reading.slice(0, i) + option + reading.slice(i + 1);
          if (codePassesCheck(candidate)) found.add(candidate);
          next.push(candidate);
        }
      }
    }
    // Two different readings passing at the same depth: the evidence does not decide.
    if (found.size === 1) return [...found][0];
    if (found.size > 1) return null;
    frontier = next;
  }
  return null;
}

function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let previous = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const current = [i];
    for (let j = 1; j <= B.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[B.length];
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

/** Money read from digits only: O→0, I/l→1, full-width digits, ，or 。 as decimal point; null unless the result is a decimal. */
export function moneyDigitsOnly(text: string): string | null {
  const out = (fullWidthToAscii(text) ?? text).replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/[，,。]/g, '.').replace(/\s+/g, '');
  if (out === text || !/^\d+(\.\d+)?$/.test(out)) return null;
  return out;
}
