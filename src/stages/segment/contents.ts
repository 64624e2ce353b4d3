/** The contents (目录): its numbered project entries, with their page numbers where readable. */
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { DraftTocEntry } from '../../model/draft.js';
import { SECTION_WORDS, labelKey } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { findLineIndex, sourcesToRaw } from './flowText.js';
import { ARABIC_ITEM, CHINESE_PROJECT_HEADING, chineseNumeralToNumber } from './numbering.js';

const TOC_ENTRY = /^(\d{1,3})\s*[、.．]\s*(.+?)[\s.…·•_\-—]*(\d{1,4})$/u;
const CHINESE_TOC_ENTRY =
  /^(?:[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*[、.．])\s*(.+?)[\s.…·•_\-—]*(\d{1,4})$/u;
const TRAILING_PAGE_NUMBER = /[\s.…·•_\-—](\d{1,4})$/u;

/**
 * The contents heading `目录`, also letter-spaced with what OCR makes of the spaces between its two
 * characters (`目 0000 录`: blank-glyph boxes read as 0, or stray punctuation), but no other Han.
 */
const CONTENTS_HEADING_SPACED = /^目[^\p{Script=Han}]{1,8}录$/u;
export function isContentsHeading(key: string): boolean {
  return key === SECTION_WORDS.contents || CONTENTS_HEADING_SPACED.test(key);
}

/** The contents' numbered entries (`N.title … page`) and the index of the first block after them. */
export function blocksToToc(blocks: FlowBlock[]): { entries: DraftTocEntry[]; endIndex: number } {
  const start = findLineIndex(blocks, 0, (key) => isContentsHeading(key));
  if (start === null) return { entries: [], endIndex: 0 };
  const entries: Array<DraftTocEntry & { underPartTwo: boolean }> = [];
  let sawPartTwo = false;
  let lastTocPage = (blocks[start] as FlowLine).pageNumber;
  let inPartTwo = false;
  let index = start + 1;
  for (; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.kind !== 'line') break;
    let text = block.text.trim();
    let consumed = 0;
    const following = blocks[index + 1];
    if (labelKey(text).startsWith(SECTION_WORDS.partTwo)) inPartTwo = sawPartTwo = true;
    const isNumbered = (line: string): boolean => ARABIC_ITEM.test(line) || CHINESE_PROJECT_HEADING.test(line);
    if (
      isNumbered(text) &&
      !TRAILING_PAGE_NUMBER.test(text) &&
      following?.kind === 'line' &&
      TRAILING_PAGE_NUMBER.test(following.text.trim()) &&
      !isNumbered(following.text.trim())
    ) {
      text = joinWrappedLines([text, following.text]);
      consumed = 1;
    }
    const previousSeq = entries[entries.length - 1]?.seq ?? 0;
    const entry =
      tocLineToEntry(text, inPartTwo) ??
      tocLineWithoutPageNumberToEntry(text, previousSeq, block.pageNumber === lastTocPage) ??
      (block.confidence !== undefined ? unpunctuatedTocLineToEntry(text, previousSeq) : null);
    if (entry) {
      entries.push({
        seq: entry.seq,
        // The entry's OCR provenance is its line's, and the wrapped line's it was joined with.
        title: sourcesToRaw(entry.title, block.pageNumber, consumed === 1 ? [block, following as FlowLine] : [block]),
        pageNumber: entry.pageNumber,
        underPartTwo: inPartTwo,
      });
      lastTocPage = block.pageNumber;
      index += consumed;
      continue;
    }
    const hasPageNumber = TRAILING_PAGE_NUMBER.test(text);
    if (entries.length > 0 && !hasPageNumber) break;
    if (block.pageNumber > lastTocPage && !hasPageNumber) break;
    if (hasPageNumber) lastTocPage = block.pageNumber;
  }
  // Part one's numbered items (`1.完善创新平台 … 3`) are no projects: where the contents print a
  // 第二部分 line, only entries under it or titled `…绩效目标表` count (reviewer's contents).
  const projectEntries = entries
    .filter(
      (entry) =>
        !sawPartTwo || entry.underPartTwo || labelKey(entry.title.text).endsWith(SECTION_WORDS.tableTitleSuffix),
    )
    .map(({ underPartTwo: _underPartTwo, ...entry }) => entry);
  return { entries: projectEntries, endIndex: index };
}

/**
 * A contents line `1.title … 5`, `（一）title … 5` or `一、title … 5` → its entry; Chinese numbers only under 第二部分 or for a
 * `…绩效目标表`.
 */
export function tocLineToEntry(
  text: string,
  inPartTwo: boolean,
): { seq: number; title: string; pageNumber: number } | null {
  const arabic = TOC_ENTRY.exec(text);
  if (arabic) return { seq: Number(arabic[1]), title: arabic[2].trim(), pageNumber: Number(arabic[3]) };
  const chinese = CHINESE_TOC_ENTRY.exec(text);
  if (!chinese) return null;
  const title = chinese[3].trim();
  if (!inPartTwo && !labelKey(title).endsWith(SECTION_WORDS.tableTitleSuffix)) return null;
  return { seq: chineseNumeralToNumber(chinese[1] ?? chinese[2]), title, pageNumber: Number(chinese[4]) };
}

/** `1 大气污染防治专项绩效目标表 4`: an OCR'd contents entry whose `.` or `、` after the number was lost. */
const TOC_TABLE_ENTRY_UNPUNCTUATED = /^(\d{1,3})\s+(?=\p{Script=Han})(.+?)[\s.…·•_\-—]*(\d{1,4})$/u;

/**
 * An OCR'd contents entry without the punctuation after its number: only a `…绩效目标表` title numbered right after the
 * entry before it.
 */
export function unpunctuatedTocLineToEntry(
  text: string,
  previousSeq: number,
): { seq: number; title: string; pageNumber: number } | null {
  const match = TOC_TABLE_ENTRY_UNPUNCTUATED.exec(text);
  if (!match || Number(match[1]) !== previousSeq + 1) return null;
  const title = match[2].trim();
  return labelKey(title).endsWith(SECTION_WORDS.tableTitleSuffix)
    ? { seq: previousSeq + 1, title, pageNumber: Number(match[3]) }
    : null;
}

/**
 * A contents line `N.…绩效目标表` whose page number is missing or unreadable (OCR: `5` read as `s`): an optional short token
 * of no Han.
 */
const TOC_TABLE_ENTRY_WITHOUT_PAGE = /^(\d{1,3})\s*[、.．]\s*(.+?)(?:[\s.…·•_\-—]+[^\s\p{Script=Han}]{1,3})?$/u;

/**
 * A contents entry whose page number cannot be read, kept with a null page: only an Arabic-numbered
 * `…绩效目标表` title, on the contents' page, numbered after the entry before it (so that the
 * body's first project heading after the contents is not taken for one).
 */
export function tocLineWithoutPageNumberToEntry(
  text: string,
  previousSeq: number,
  onContentsPage: boolean,
): { seq: number; title: string; pageNumber: null } | null {
  if (!onContentsPage) return null;
  const match = TOC_TABLE_ENTRY_WITHOUT_PAGE.exec(text);
  if (!match) return null;
  const seq = Number(match[1]);
  const title = match[2].trim();
  if (seq <= previousSeq || !labelKey(title).endsWith(SECTION_WORDS.tableTitleSuffix)) return null;
  return { seq, title, pageNumber: null };
}
