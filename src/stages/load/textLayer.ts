/**
 * Is a page's text layer worth reading? 'none' without runs (scans), 'garbled' when the text decodes
 * to junk (fonts without a usable ToUnicode map), else 'usable'.
 */
import type { TextLayerState, TextRun } from '../../model/index.js';

/**
 * Share of non-space characters that are undecodable (U+FFFD, private use, control characters)
 * above which the layer is garbled. Real exports have none; a font without ToUnicode yields them
 * for most glyphs.
 */
export const GARBLED_BAD_CHAR_RATIO = 0.1;
/**
 * Share of Han characters outside GB2312 level 1 (the 3755 common characters) above which the
 * layer is garbled. The seed dump has 22 of 12 609 (0.2 %) outside; wrong CID→Unicode maps land
 * mostly in rare characters and CJK extension blocks.
 */
export const GARBLED_RARE_HAN_RATIO = 0.3;
/** Below this many Han characters the rare-character ratio says nothing (a cover page, a number). */
export const RARE_HAN_MIN_SAMPLE = 20;

let commonHan: Set<string> | null = null;

/** GB2312 level 1 (rows 16–55), decoded through the platform's GBK decoder. */
export function commonHanSet(): Set<string> {
  if (commonHan) return commonHan;
  const decoder = new TextDecoder('gbk');
  const set = new Set<string>();
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = decoder.decode(Uint8Array.of(row, cell));
      if (ch.length === 1 && ch !== '\ufffd') set.add(ch);
    }
  }
  commonHan = set;
  return set;
}

const HAN = /\p{Script=Han}/u;

export function isBadChar(code: number): boolean {
  return (
    code === 0xfffd ||
    (code >= 0xe000 && code <= 0xf8ff) || // private use
    (code >= 0xf0000 && code <= 0x10ffff) || // supplementary private use
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    (code >= 0x7f && code < 0xa0)
  );
}

export type TextLayerMeasure = { chars: number; badChars: number; hanChars: number; rareHanChars: number };

export function measureTextLayer(runs: TextRun[]): TextLayerMeasure {
  const common = commonHanSet();
  let chars = 0;
  let badChars = 0;
  let hanChars = 0;
  let rareHanChars = 0;
  for (const run of runs) {
    for (const ch of run.text) {
      if (ch === ' ' || ch === '\u3000') continue;
      chars++;
      const code = ch.codePointAt(0) ?? 0;
      if (isBadChar(code)) badChars++;
      else if (HAN.test(ch)) {
        hanChars++;
        if (!common.has(ch)) rareHanChars++;
      }
    }
  }
  return { chars, badChars, hanChars, rareHanChars };
}

export function runsToTextLayerState(runs: TextRun[]): TextLayerState {
  const m = measureTextLayer(runs);
  if (m.chars === 0) return 'none';
  if (m.badChars / m.chars > GARBLED_BAD_CHAR_RATIO) return 'garbled';
  if (m.hanChars >= RARE_HAN_MIN_SAMPLE && m.rareHanChars / m.hanChars > GARBLED_RARE_HAN_RATIO) return 'garbled';
  return 'usable';
}
