/**
 * Repairs of characters OCR misreads, as pure functions: each returns the repaired text, or null
 * when it changes nothing, so the repair stage can log a Repair { kind, before, after }.
 */
import {
  CHECKED_CODE_LENGTH,
  CODE_CONFUSIONS_IN_ALPHABET,
  codePassesCheck,
  codeReadingToAlphabet,
} from '../../vocabulary/projectCode.js';
import { fullWidthAlphanumericsToAscii } from '../../vocabulary/text.js';

/**
 * ≥/≤ misread in a target cell: `>=`, `＞＝`, `>＝` → ≥; `<=` … → ≤; a leading `二` or `=` (not `＝`) before a number
 * (the two bars of ≥ without its angle, seed scans: `二 90%`) → ≥. A bare leading `2` is left alone (250 is a number).
 */
export function targetComparatorRecovered(text: string): string | null {
  const out = text
    .replace(/^\s*[>＞]\s*[=＝]\s*/u, '≥')
    .replace(/^\s*[<＜]\s*[=＝]\s*/u, '≤')
    // A full-width ＝ is what the OCR stage gives when the image showed no chevron (comparatorLine.ts): left as read.
    .replace(/^\s*[二=]\s*(?=\d)/u, '≥');
  return out === text ? null : out;
}

/**
 * The reading of an OCRed code (spaces and line breaks removed) that the check character supports:
 * characters that cannot be in a code (O, I, S, Z) become their confusable (0, 1, 5, 2); if the check
 * still fails, one confusable swap inside the alphabet (B/8, D/0, 0/O…) is taken when exactly one
 * passes. A code that fails with no such swap is left as read (a finding, not a guess). Null: no change.
 */
export function codeByCheckChar(code: string): string | null {
  const compact = code.replace(/\s+/g, '');
  const forced = codeReadingToAlphabet(code);
  if (forced.length !== CHECKED_CODE_LENGTH || codePassesCheck(forced)) return forced === compact ? null : forced;
  const passing = new Set<string>();
  [...forced].forEach((ch, i) => {
    for (const option of CODE_CONFUSIONS_IN_ALPHABET[ch] ?? []) {
      const candidate = forced.slice(0, i) + option + forced.slice(i + 1);
      if (codePassesCheck(candidate)) passing.add(candidate);
    }
  });
  // Two different readings passing: the evidence does not decide.
  if (passing.size === 1) return [...passing][0];
  return forced === compact ? null : forced;
}

const THOUSANDS_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Money read from digits only: O→0, I/l→1, full-width digits, ，or 。 as decimal point; null unless the result is a
 * decimal.
 */
export function moneyDigitsOnly(text: string): string | null {
  const digits = fullWidthAlphanumericsToAscii(text).replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/\s+/g, '');
  // Thousands separators (`3,865,200.00`) stay for the normaliser; any other ，, or 。 is the decimal point.
  const out = THOUSANDS_GROUPED.test(digits.replace(/，/g, ','))
    ? digits.replace(/，/g, ',')
    : digits.replace(/[，,。]/g, '.');
  if (out === text || !/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(out)) return null;
  return out;
}

/** Month headers of the spend plan (`N月底`/`N月末`) whose last character was misread: `6月咸` → `6月底`. Null: no change. */
export function monthHeaderRecovered(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*月\s*([^\d\s])?\s*$/u.exec(text);
  if (!match || match[2] === '底' || match[2] === '末') return null;
  return `${match[1]}月底`;
}

/**
 * A cumulative percentage read with its `%` as a trailing 9 (`10%` → `109`): over 100 cannot be a share. Null: no
 * change.
 */
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
const AMOUNT_UNIT_CONFUSIONS: Record<string, string> = {
  干: '千',
  于: '千',
  二: '千',
  为: '万',
  方: '万',
  力: '万',
  天: '万',
};

/**
 * An OCR-read amount unit that is no unit (`干元`) → the unit its confusable gives (`千元`); null when known already or not
 * explained.
 */
export function amountUnitRecovered(unit: string, knownUnits: readonly string[]): string | null {
  if (knownUnits.includes(unit)) return null;
  const match = /^(\p{Script=Han})元$/u.exec(unit);
  const recovered = match ? `${AMOUNT_UNIT_CONFUSIONS[match[1]] ?? ''}元` : null;
  return recovered !== null && recovered !== '元' && knownUnits.includes(recovered) ? recovered : null;
}
