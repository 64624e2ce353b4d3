/**
 * Text-layer text made safe at load: a font's ToUnicode map can send a glyph to any code point,
 * including ones no text holds — C0/C1 controls (U+0000, U+0001 …), Unicode noncharacters
 * (U+FFFE, U+FDD0 …) and lone surrogates. Left in, they reach the database and CSVs, make SVG and
 * HTML invalid XML, and fail native libraries that take C strings. Tab, line feed and carriage
 * return become a space; the others are removed (a lone surrogate becomes U+FFFD). Each run so
 * changed is logged as a `control_character` Repair.
 */
import type { Repair, TextRun } from '../../model/index.js';

/** C0 controls but tab/LF/CR, DEL, C1 controls, noncharacters, lone surrogates. */
const UNSAFE_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Whitespace controls, read as a space. */
const WHITESPACE_CONTROL = /[\t\n\r]/g;
const LONE_SURROGATE = /^[\uD800-\uDFFF]$/;
const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Most control_character repairs logged per page: a hostile font can map every glyph of a page to
 * U+0001; past this the text is still cleaned, only not logged run by run (the last repair says how many more).
 */
export const MAX_CONTROL_REPAIRS_PER_PAGE = 20;

/** A code point as `<U+FFFE>`: how a removed character is shown in a repair's `before`. */
export function codePointToVisible(char: string): string {
  return `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The text without unsafe characters; `visible` shows each removed one as <U+XXXX>. Null when nothing changed. */
export function textToSafeText(text: string): { text: string; visible: string } | null {
  UNSAFE_CHARACTER.lastIndex = 0;
  WHITESPACE_CONTROL.lastIndex = 0;
  if (!UNSAFE_CHARACTER.test(text) && !WHITESPACE_CONTROL.test(text)) return null;
  const replace = (char: string) => (LONE_SURROGATE.test(char) ? REPLACEMENT_CHARACTER : '');
  return {
    text: text.replace(UNSAFE_CHARACTER, replace).replace(WHITESPACE_CONTROL, ' '),
    visible: text.replace(UNSAFE_CHARACTER, codePointToVisible).replace(WHITESPACE_CONTROL, codePointToVisible),
  };
}

/** A page's runs with unsafe characters removed, and a control_character Repair per run changed. */
export function runsToSafeRuns(runs: TextRun[], pageNumber: number): { runs: TextRun[]; repairs: Repair[] } {
  const safeRuns: TextRun[] = [];
  const repairs: Repair[] = [];
  let unlogged = 0;
  for (const [index, run] of runs.entries()) {
    const safe = textToSafeText(run.text);
    if (!safe) {
      safeRuns.push(run);
      continue;
    }
    if (repairs.length < MAX_CONTROL_REPAIRS_PER_PAGE) {
      repairs.push({
        pageNumber,
        projectSeq: null,
        kind: 'control_character',
        field: `runs[${index}].text`,
        before: safe.visible,
        after: safe.text,
      });
    } else unlogged += 1;
    if (safe.text.trim() !== '') safeRuns.push({ ...run, text: safe.text });
  }
  if (unlogged > 0) {
    const last = repairs[repairs.length - 1];
    repairs[repairs.length - 1] = { ...last, field: `${last.field} (and ${unlogged} more runs on this page)` };
  }
  return { runs: safeRuns, repairs };
}
