/** Character classes and line joining shared by the text stages. */

/**
 * Han characters, radicals, strokes, CJK symbols, enclosed and full-width forms, vertical forms,
 * and the curly quotes/dash/ellipsis/middle dot Chinese text sets full-width. The one class used
 * by layout (joining glyphs and cell lines) and by repair (removing layout spaces).
 */
const CJK_OR_FULLWIDTH =
  /[\p{Script=Han}\u2e80-\u2fff\u3000-\u303f\u31c0-\u31ef\u3200-\u32ff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]/u;

export function isCjkOrFullWidth(char: string | undefined): boolean {
  return char !== undefined && CJK_OR_FULLWIDTH.test(char);
}

/** A line ending in one of these was cut inside a token (`5120-` / `2021`, `元/` / `公里`). */
const WRAP_JOINING_END = /[-/–]/u;
/** A line starting with one of these continues the token before it (`…2021` / `)`). */
const WRAP_CLOSING_START = /[)\].,;:%]/u;
/**
 * A line starting with a joining mark directly followed by a letter or digit continues the token before it (`（2021` /
 * `-2023年）`): a writer wrapping at a space leaves the space after a free-standing dash (`- 2023`).
 */
const WRAP_JOINING_START = /^[-/–][0-9A-Za-z]/u;

/**
 * Joins wrapped lines: no separator where either side is CJK/full-width or both are digits, one space between ASCII
 * words.
 */
export function joinWrappedLines(lines: readonly string[]): string {
  let joined = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (joined === '') {
      joined = line;
      continue;
    }
    const last = joined[joined.length - 1];
    const first = line[0];
    // Chinese text wraps anywhere, so a number cut by the wrap (`2` / `023年`) joins without a space,
    // and so does a token cut after or before a joining mark (`JTG 5120-` / `2021`, `（2021` / `-2023年）`, variant
    // fixtures) or before closing punctuation.
    const glued =
      isCjkOrFullWidth(last) ||
      isCjkOrFullWidth(first) ||
      (/\d/.test(last) && /\d/.test(first)) ||
      (WRAP_JOINING_END.test(last) && /[0-9A-Za-z]/.test(first)) ||
      (/[0-9A-Za-z]/.test(last) && WRAP_JOINING_START.test(line)) ||
      WRAP_CLOSING_START.test(first);
    joined += glued ? line : ` ${line}`;
  }
  return joined;
}

/**
 * Removes runs of whitespace that touch a CJK character or full-width punctuation; keeps one space between ASCII
 * tokens.
 */
export function removeCjkSpaces(text: string): string {
  return text
    .replace(/(\S)\s+(?=\S)/gu, (whole, before: string, offset: number, all: string) => {
      const after = all[offset + whole.length];
      return isCjkOrFullWidth(before) || isCjkOrFullWidth(after) ? before : `${before} `;
    })
    .trim();
}

/** Whitespace removed entirely (codes, amounts, labels). */
export function removeAllSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Removes a space the layout left between a number and the ASCII punctuation after it (`2 .依托`, `50 %`). */
export function removePunctuationSpaces(text: string): string {
  return text.replace(/(\d)\s+(?=[.%])/gu, '$1');
}

/** ASCII parentheses around Chinese text (`(草案)`) in full-width, as the documents' own text sets them. */
export function fullWidthParens(text: string): string {
  return text.replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '（$1）');
}

/** A full-width form (U+FF01..U+FF5E) is its ASCII character (U+0021..U+007E) plus this offset. */
const FULL_WIDTH_TO_ASCII_OFFSET = 0xfee0;
/** Full-width digits, ％, ．, ＋ and －: the characters of a printed number. */
const FULL_WIDTH_NUMBER_CHARS = /[\uff10-\uff19\uff05\uff0e\uff0b\uff0d]/gu;
/** Full-width digits, Latin letters, ％ and ．: what some producers print in codes, amounts and targets. */
const FULL_WIDTH_ALPHANUMERICS = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/gu;

function fullWidthCharsToAscii(text: string, chars: RegExp): string {
  return text.replace(chars, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_TO_ASCII_OFFSET));
}

/** Full-width digits, ％, ．, ＋ and － as ASCII (`９０％` → `90%`, `－５` → `-5`); letters and other text unchanged. */
export function fullWidthNumberCharsToAscii(text: string): string {
  return fullWidthCharsToAscii(text, FULL_WIDTH_NUMBER_CHARS);
}

/**
 * Full-width digits, Latin letters, ％ and ． as ASCII (`≥９０％` → `≥90%`, `Ｐ００７` → `P007`); ＋, － and other text unchanged.
 */
export function fullWidthAlphanumericsToAscii(text: string): string {
  return fullWidthCharsToAscii(text, FULL_WIDTH_ALPHANUMERICS);
}
