/**
 * Which part of a project code stays across years (docs/history.md). Every 21-character code of the fixtures and the
 * seed prints the fiscal year's last two digits (characters 7–8 there) and ends in a check character over the first
 * 20 (docs/design.md §3), so a continuing project's code changes in the year digits and the check character only.
 * The position of the year is not assumed: a code's keys mask each place where its document's year is printed, and
 * two codes of two documents are the same project when they share a key.
 */
import { codeHasCheckedShape } from '../vocabulary/projectCode.js';

/** The mask put where a year was printed. */
const YEAR_MASK_CHAR = '#';

/** The code without its check character (a 21-character code of the check alphabet) and without spaces. */
function codeToBody(code: string): string {
  const compact = code.replace(/\s+/g, '');
  return codeHasCheckedShape(compact) ? compact.slice(0, -1) : compact;
}

/**
 * A code's keys in a document of `fiscalYear`: the code itself (without its check character) and, for each place
 * where the year is printed (four digits, or its last two), the code with that place masked. Two documents' codes
 * share a key when they are equal, or equal but for each document's year printed at the same place.
 */
export function codeToKeys(code: string, fiscalYear: number | null): string[] {
  const body = codeToBody(code);
  if (body.length === 0) return [];
  const keys = new Set<string>([`=${body}`]);
  if (fiscalYear !== null) {
    for (const printed of [String(fiscalYear), String(fiscalYear % 100).padStart(2, '0')]) {
      for (let at = body.indexOf(printed); at >= 0; at = body.indexOf(printed, at + 1)) {
        keys.add(`${body.slice(0, at)}${YEAR_MASK_CHAR.repeat(printed.length)}${body.slice(at + printed.length)}`);
      }
    }
  }
  return [...keys];
}
