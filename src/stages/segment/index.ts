/**
 * Segment: the flow into a draft of raw strings per field. Lines outside tables give the cover,
 * contents and part one; each numbered `…绩效目标表` heading followed by a table opens a project,
 * whose info table is read by LABELS and whose indicator table by its header row.
 */
import type { Cell } from '../../model/index.js';
import type { DocumentFlow, FlowBlock, FlowLine, FlowRow } from '../../model/flow.js';
import type {
  DocumentDraft,
  DraftIndicatorRow,
  DraftMeasure,
  DraftProject,
  DraftSubGoal,
  DraftTocEntry,
  IndicatorColumn,
  PositionedText,
  RawText,
} from '../../model/draft.js';
import { INDICATOR_UNIT_HEADERS, SECTION_WORDS, UNIT_LINE_LABELS, YUAN_PER_AMOUNT_UNIT, cellTextsToAmountUnit, indicatorColumnOf, infoLabelOf, isDocumentTitle, isPlaceholder, labelKey, monthOfHeader, type InfoLabel } from '../../vocabulary/index.js';
import { amountUnitRecovered } from '../ocr/repairs.js';
import { HEADER_GROUP_WORDS, headerBlockOf, isHeaderPartRow, isHeaderRow, overlapShare } from '../../vocabulary/tableRows.js';
import { joinWrappedLines } from '../../vocabulary/text.js';

/** Cover title lines are printed at least this share of the `…部门预算绩效文本` line's size (seed cover: one size). */
const COVER_TITLE_MIN_FONT_SHARE = 0.8;
/** A wrapped project heading continues over at most this many further lines (long titles wrap once). */
const HEADING_MAX_EXTRA_LINES = 2;

const ARABIC_ITEM = /^(\d{1,3})\s*[、.．]\s*(?!\d)(.*)$/u;
const CHINESE_ITEM = /^[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.*)$/u;
/** A project heading may start with a year: `1.2022 年…绩效目标表`. */
const PROJECT_HEADING = /^(\d{1,3})\s*[、.．]\s*(.+)$/u;
const SECTION_HEADING = /^([一二三四五六七八九十]+)\s*[、.．]\s*(.*)$/u;
const TOC_ENTRY = /^(\d{1,3})\s*[、.．]\s*(.+?)[\s.…·•_\-—]*(\d{1,4})$/u;
/**
 * Project headings and contents entries numbered in Chinese: `（一）…绩效目标表` or `一、…绩效目标表`
 * (variant fixture civil-2020). Such a number also opens part one's sections, so a contents entry
 * numbered this way counts only under 第二部分 or when its title is a `…绩效目标表`.
 */
const CHINESE_PROJECT_HEADING = /^(?:[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*[、.．])\s*(.+)$/u;
const CHINESE_TOC_ENTRY = /^(?:[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*[、.．])\s*(.+?)[\s.…·•_\-—]*(\d{1,4})$/u;
const TRAILING_PAGE_NUMBER = /[\s.…·•_\-—](\d{1,4})$/u;
const UNIT_LINE = /^(\d{6,})\s*([^\d\s].*)$/u;
/**
 * A unit line with a label before the code (`单位名称：308001 …`, WPS-style variant fixture), or a
 * labelled name without a code. The seed prints the bare `<code> <name>`.
 */
const LABELLED_UNIT_LINE = new RegExp(`^(?:${UNIT_LINE_LABELS.join('|')})\\s*[：:]\\s*(.+)$`, 'u');
/** `单位：万元` — the amount unit is a money word, so `预算单位：308001 …` is not taken for one. */
/**
 * `单位：万元`. The colon may be misread as one other glyph by OCR (eco-2023 scanned at 300 dpi:
 * `单位于万元`), so any single non-digit glyph stands for it.
 */
// Any one Han character before 元 is kept as printed (`干元` is 千元 read by OCR): the repair stage
// snaps OCR readings to the amount units, the normaliser refuses units it does not know.
const AMOUNT_UNIT = /单位\s*(?:[：:]|[^\s\d元千万亿])?\s*(\p{Script=Han}?元)/u;
const CHINESE_DIGITS = '一二三四五六七八九十';

export function flowToDraft(flow: DocumentFlow): DocumentDraft {
  const blocks = flow.blocks;
  const cover = blocksToCover(blocks);
  const toc = blocksToToc(blocks);
  const bodyStart = toc.endIndex;
  const headings = findProjectHeadings(blocks, bodyStart);
  const partOneEnd = Math.min(headings[0]?.index ?? blocks.length, partTwoHeadingIndex(blocks, bodyStart) ?? blocks.length);
  const partOne = blocksToPartOne(blocks, bodyStart, partOneEnd);
  const projects = numberDocumentWide(headingsToProjects(blocks, headings));
  return {
    cover,
    toc: numberDocumentWide(toc.entries),
    overallGoal: partOne.overallGoal,
    subGoals: partOne.subGoals,
    measures: partOne.measures,
    projects,
  };
}

/**
 * When the printed numbers restart (two budget units each numbering their tables 1..n), `seq`
 * becomes the document-wide ordinal and `printedSeq` keeps the printed number; otherwise the
 * items are returned as they are.
 */
export function numberDocumentWide<T extends { seq: number; printedSeq?: number }>(items: T[]): T[] {
  const restarts = items.some((item, index) => index > 0 && item.seq <= items[index - 1].seq);
  return restarts ? items.map((item, index) => ({ ...item, seq: index + 1, printedSeq: item.seq })) : items;
}

function lineText(line: FlowLine): RawText {
  return withConfidence({ text: line.text.trim(), lines: [line.text.trim()], pageNumber: line.pageNumber }, [line]);
}

/** Paragraph lines joined; `lines` holds the joined text, since reflowing a paragraph is reading, not repair. */
export function linesToParagraph(lines: FlowLine[], firstLineText?: string): RawText | null {
  const texts = lines.map((line) => line.text);
  if (firstLineText !== undefined && texts.length > 0) texts[0] = firstLineText;
  const text = joinWrappedLines(texts);
  if (text === '') return null;
  return withConfidence({ text, lines: [text], pageNumber: lines[0]?.pageNumber ?? null }, lines);
}

/**
 * The line opening part two: `第二部分`, unless its title (the rest of the line, or the next line)
 * is part one's (`部门整体绩效目标`): OCR reads 一 as 二 (one stroke apart), the title tells.
 */
export function partTwoHeadingIndex(blocks: FlowBlock[], from: number): number | null {
  for (let index = from; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.kind !== 'line') continue;
    const key = labelKey(block.text);
    if (!key.startsWith(SECTION_WORDS.partTwo)) continue;
    const next = blocks[index + 1];
    const title = key.slice(SECTION_WORDS.partTwo.length) || (next?.kind === 'line' ? labelKey(next.text) : '');
    if (title.startsWith(SECTION_WORDS.partOneTitle)) continue;
    return index;
  }
  return null;
}

function findLineIndex(blocks: FlowBlock[], from: number, test: (key: string, line: FlowLine) => boolean): number | null {
  for (let index = from; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.kind === 'line' && test(labelKey(block.text), block)) return index;
  }
  return null;
}

export function blocksToCover(blocks: FlowBlock[]): DocumentDraft['cover'] {
  const titleIndex = findLineIndex(blocks, 0, (key) => isDocumentTitle(key));
  if (titleIndex === null) return { title: null, preparedBy: null };
  const titleLine = blocks[titleIndex] as FlowLine;
  const titleLines: FlowLine[] = [titleLine];
  for (let index = titleIndex - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block.kind !== 'line' || block.pageNumber !== titleLine.pageNumber) break;
    if (block.fontSizePt < titleLine.fontSizePt * COVER_TITLE_MIN_FONT_SHARE) break;
    titleLines.unshift(block);
  }
  let after = titleIndex + 1;
  const next = blocks[after];
  if (next?.kind === 'line' && /^[（(]\s*草\s*案\s*[)）]$/u.test(next.text.trim())) {
    titleLines.push(next);
    after++;
  }
  const preparedIndex = findLineIndex(blocks, after, (key, line) => line.pageNumber === titleLine.pageNumber && (key.endsWith('编制') || key.startsWith('编制单位')));
  return {
    title: linesToParagraph(titleLines),
    preparedBy: preparedIndex === null ? null : lineText(blocks[preparedIndex] as FlowLine),
  };
}

/** The contents' numbered entries (`N.title … page`) and the index of the first block after them. */
/**
 * The contents heading `目录`, also letter-spaced with what OCR makes of the spaces between its two
 * characters (`目 0000 录`: blank-glyph boxes read as 0, or stray punctuation), but no other Han.
 */
const CONTENTS_HEADING_SPACED = /^目[^\p{Script=Han}]{1,8}录$/u;
export function isContentsHeading(key: string): boolean {
  return key === SECTION_WORDS.contents || CONTENTS_HEADING_SPACED.test(key);
}

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
    if (isNumbered(text) && !TRAILING_PAGE_NUMBER.test(text) && following?.kind === 'line' && TRAILING_PAGE_NUMBER.test(following.text.trim()) && !isNumbered(following.text.trim())) {
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
        title: { text: entry.title, lines: [entry.title], pageNumber: block.pageNumber },
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
    .filter((entry) => !sawPartTwo || entry.underPartTwo || labelKey(entry.title.text).endsWith(SECTION_WORDS.tableTitleSuffix))
    .map(({ underPartTwo: _underPartTwo, ...entry }) => entry);
  return { entries: projectEntries, endIndex: index };
}

/** A contents line `1.title … 5`, `（一）title … 5` or `一、title … 5` → its entry; Chinese numbers only under 第二部分 or for a `…绩效目标表`. */
export function tocLineToEntry(text: string, inPartTwo: boolean): { seq: number; title: string; pageNumber: number } | null {
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

/** An OCR'd contents entry without the punctuation after its number: only a `…绩效目标表` title numbered right after the entry before it. */
export function unpunctuatedTocLineToEntry(text: string, previousSeq: number): { seq: number; title: string; pageNumber: number } | null {
  const match = TOC_TABLE_ENTRY_UNPUNCTUATED.exec(text);
  if (!match || Number(match[1]) !== previousSeq + 1) return null;
  const title = match[2].trim();
  return labelKey(title).endsWith(SECTION_WORDS.tableTitleSuffix) ? { seq: previousSeq + 1, title, pageNumber: Number(match[3]) } : null;
}

/** A contents line `N.…绩效目标表` whose page number is missing or unreadable (OCR: `5` read as `s`): an optional short token of no Han. */
const TOC_TABLE_ENTRY_WITHOUT_PAGE = /^(\d{1,3})\s*[、.．]\s*(.+?)(?:[\s.…·•_\-—]+[^\s\p{Script=Han}]{1,3})?$/u;

/**
 * A contents entry whose page number cannot be read, kept with a null page: only an Arabic-numbered
 * `…绩效目标表` title, on the contents' page, numbered after the entry before it (so that the
 * body's first project heading after the contents is not taken for one).
 */
export function tocLineWithoutPageNumberToEntry(text: string, previousSeq: number, onContentsPage: boolean): { seq: number; title: string; pageNumber: null } | null {
  if (!onContentsPage) return null;
  const match = TOC_TABLE_ENTRY_WITHOUT_PAGE.exec(text);
  if (!match) return null;
  const seq = Number(match[1]);
  const title = match[2].trim();
  if (seq <= previousSeq || !labelKey(title).endsWith(SECTION_WORDS.tableTitleSuffix)) return null;
  return { seq, title, pageNumber: null };
}

/** A project heading `1.…`, `1、…`, `（一）…` or `一、…` → its number and the rest; null for any other line. */
export function lineToProjectHeading(text: string): { seq: number; rest: string } | null {
  const arabic = PROJECT_HEADING.exec(text);
  if (arabic) return { seq: Number(arabic[1]), rest: arabic[2] };
  const chinese = CHINESE_PROJECT_HEADING.exec(text);
  return chinese ? { seq: chineseNumeralToNumber(chinese[1] ?? chinese[2]), rest: chinese[3] } : null;
}

/** `<code> <name>`, `单位名称：<code> <name>` or `单位名称：<name>` → the unit; anything else → null. */
export function lineToUnit(text: string): { code: string | null; name: string } | null {
  const labelled = LABELLED_UNIT_LINE.exec(text.trim());
  const rest = labelled ? labelled[1].trim() : text.trim();
  const unit = UNIT_LINE.exec(rest);
  if (unit) return { code: unit[1], name: unit[2].trim() };
  return labelled && rest !== '' ? { code: null, name: rest } : null;
}

type Heading = { index: number; seq: number; unnumbered: boolean; titleLines: FlowLine[]; endIndex: number };

/**
 * A wrapped unnumbered heading's first line sits at most this share of its font size above the
 * `…绩效目标表` line (layoutBuilder and the seed: 6pt gaps at 12pt; a paragraph break is wider).
 */
const WRAPPED_HEADING_MAX_GAP_SHARE = 1;
/** A line ending so is a sentence, never the first half of a heading. */
const SENTENCE_END = /[。；;：:！!？?]$/u;

/** A line that names a project table without a number: `项目支出绩效目标表` (reviewer's unnumbered template). */
function isUnnumberedHeadingLine(text: string): boolean {
  const key = labelKey(text);
  return key.endsWith(SECTION_WORDS.tableTitleSuffix) && lineToProjectHeading(text.trim()) === null && !key.startsWith(SECTION_WORDS.partOne) && !key.startsWith(SECTION_WORDS.partTwo);
}

function isHeadingBreak(text: string): boolean {
  return PROJECT_HEADING.test(text) || SECTION_HEADING.test(text) || CHINESE_ITEM.test(text);
}

/** The line right above an unnumbered `…绩效目标表` line when it is the heading's first half (same page and size, close, not a sentence or unit). */
function wrappedHeadingStart(blocks: FlowBlock[], index: number, from: number): FlowLine | null {
  const line = blocks[index] as FlowLine;
  const above = blocks[index - 1];
  if (index - 1 < from || above?.kind !== 'line' || above.pageNumber !== line.pageNumber || above.fontSizePt !== line.fontSizePt) return null;
  const text = above.text.trim();
  if (line.top - above.bottom > line.fontSizePt * WRAPPED_HEADING_MAX_GAP_SHARE || SENTENCE_END.test(text) || isHeadingBreak(text)) return null;
  if (lineToUnit(text) !== null || AMOUNT_UNIT.test(text) || labelKey(text).startsWith(SECTION_WORDS.partTwo) || isUnnumberedHeadingLine(text)) return null;
  return above;
}

/**
 * Numbered lines whose next table comes before the next numbered line: the project headings. Where
 * the headings print no number (`项目支出绩效目标表` over each table), a `…绩效目标表` line followed
 * by a project table is a heading numbered in order; the second line of a wrapped heading is not.
 */
export function findProjectHeadings(blocks: FlowBlock[], from: number): Heading[] {
  const headings: Heading[] = [];
  const titleLineIndices = new Set<number>();
  for (let index = from; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.kind !== 'line' || titleLineIndices.has(index)) continue;
    const match = lineToProjectHeading(block.text.trim());
    const unnumbered = match === null && isUnnumberedHeadingLine(block.text);
    if (!match && !unnumbered) continue;
    const firstHalf = unnumbered ? wrappedHeadingStart(blocks, index, from) : null;
    const titleLines: FlowLine[] = firstHalf ? [firstHalf, block] : [block];
    const candidateTitleIndices: number[] = [];
    let tableFound = false;
    for (let next = index + 1; next < blocks.length; next++) {
      const candidate = blocks[next];
      if (candidate.kind === 'table') {
        // A one-row `单位名称 | <code> <name>` table may stand between heading and info table (variant fixture civil-2020).
        if (rowsToUnit(candidate.rows) !== null) continue;
        tableFound = isProjectTable(candidate.rows);
        break;
      }
      const text = candidate.text.trim();
      if (isHeadingBreak(text)) break;
      const isUnitOrAmount = lineToUnit(text) !== null || AMOUNT_UNIT.test(text);
      const titleOpen = !labelKey(titleLines.map((line) => line.text).join('')).endsWith(SECTION_WORDS.tableTitleSuffix);
      if (!isUnitOrAmount && titleOpen && titleLines.length <= HEADING_MAX_EXTRA_LINES && candidate.pageNumber === block.pageNumber) {
        titleLines.push(candidate);
        candidateTitleIndices.push(next);
      } else if (isUnnumberedHeadingLine(text)) {
        break; // the next unnumbered heading
      }
    }
    if (!tableFound) continue;
    candidateTitleIndices.forEach((titleIndex) => titleLineIndices.add(titleIndex));
    const seq = match ? match.seq : (headings[headings.length - 1]?.seq ?? 0) + 1;
    headings.push({ index: firstHalf ? index - 1 : index, seq, unnumbered, titleLines, endIndex: blocks.length });
  }
  for (let position = 0; position < headings.length; position++) {
    headings[position].endIndex = headings[position + 1]?.index ?? blocks.length;
  }
  return headings;
}

/** Unit tables hold at most this many rows (`单位名称 | <code> <name>`, variant fixture civil-2020: one). */
const UNIT_TABLE_MAX_ROWS = 2;

/** A small table whose row starts with a unit label (`单位名称 | 512001 …`) → the unit; any other table → null. */
export function rowsToUnit(rows: FlowRow[]): { code: string | null; name: string; pageNumber: number } | null {
  if (rows.length === 0 || rows.length > UNIT_TABLE_MAX_ROWS) return null;
  for (const row of rows) {
    const filled = row.cells.filter((cell) => cell.text.trim() !== '');
    const [label, ...values] = filled;
    if (!label || values.length === 0 || !UNIT_LINE_LABELS.includes(labelKey(label.text).replace(/[：:]$/u, ''))) continue;
    const unit = lineToUnit(`${labelKey(label.text).replace(/[：:]$/u, '')}：${joinWrappedLines(values.map((cell) => cell.text))}`);
    if (unit) return { ...unit, pageNumber: label.pageNumber };
  }
  return null;
}

/** A project's table starts with info labels (项目编码, 项目名称, 预算数 …) or the indicator header. */
export function isProjectTable(rows: FlowRow[]): boolean {
  return rows.some((row) => isHeaderRow(row) || row.cells.some((cell) => {
    const label = infoLabelOf(cell.text);
    return label === 'code' || label === 'name' || label === 'budgetTotal';
  }));
}

/**
 * Words naming part one's sections (checked in this order, so `分项绩效目标` is no overall goal):
 * the seed prints 一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施; other departments print
 * 部门整体绩效目标, 年度绩效目标, 保障措施 (reviewer's variants).
 */
const PART_ONE_SECTION_WORDS = {
  subGoals: ['分项绩效目标', '分项目标'],
  measures: ['工作保障措施', '保障措施'],
  overallGoal: ['部门整体绩效目标', '整体绩效目标', '总体绩效目标', '年度绩效目标'],
} as const;
type PartOneSection = keyof typeof PART_ONE_SECTION_WORDS;

/** A section heading of part one: `一、title` or `（一）title`, with the style it is numbered in. */
function lineToSectionHeading(text: string): { style: 'chinese' | 'bracketed'; rest: string } | null {
  const plain = SECTION_HEADING.exec(text.trim());
  if (plain) return { style: 'chinese', rest: plain[2] };
  const bracketed = CHINESE_ITEM.exec(text.trim());
  if (bracketed) return { style: 'bracketed', rest: bracketed[2] };
  // OCR drops the small 、 (`三工作保障措施`): without it, only a part-one section title counts.
  const unseparated = SECTION_HEADING_WITHOUT_SEPARATOR.exec(text.trim());
  return unseparated && sectionTitleToPartOneSection(unseparated[2]) !== null && labelKey(unseparated[2]).length <= SECTION_TITLE_MAX_CHARS ? { style: 'chinese', rest: unseparated[2] } : null;
}

/** `三工作保障措施`: a Chinese section number run straight into its title. */
const SECTION_HEADING_WITHOUT_SEPARATOR = /^([一二三四五六七八九十])\s*(\p{Script=Han}.*)$/u;
/** A section heading's title is short (`工作保障措施`); a longer line starting with 一 is prose. */
const SECTION_TITLE_MAX_CHARS = 12;

/** The part-one section a heading's title names, or null for another section (`四、其他说明`). */
export function sectionTitleToPartOneSection(title: string): PartOneSection | null {
  const key = labelKey(title);
  for (const [section, words] of Object.entries(PART_ONE_SECTION_WORDS) as [PartOneSection, readonly string[]][]) {
    if (words.some((word) => key.includes(word))) return section;
  }
  return null;
}

/**
 * 总体绩效目标 (paragraph), 分项绩效目标 (titled items), 工作保障措施 (numbered items), found by
 * their keywords in `一、` or `（一）` headings. A section ends at the next heading numbered in the
 * style of the first section found (`四、其他说明` too) or at a 第一部分/第二部分 line, so its items
 * may be numbered in the other style.
 */
export function blocksToPartOne(blocks: FlowBlock[], from: number, to: number): { overallGoal: RawText | null; subGoals: DraftSubGoal[]; measures: DraftMeasure[] } {
  const lines = blocks.slice(from, to).filter((block): block is FlowLine => block.kind === 'line');
  const headings = lines.map((line) => lineToSectionHeading(line.text));
  const style = headings.find((heading) => heading !== null && sectionTitleToPartOneSection(heading.rest) !== null)?.style;
  const isBoundary = (index: number): boolean => {
    const key = labelKey(lines[index].text);
    return headings[index]?.style === style || key.startsWith(SECTION_WORDS.partOne) || key.startsWith(SECTION_WORDS.partTwo);
  };
  const sectionLines = (section: PartOneSection): FlowLine[] => {
    const start = headings.findIndex((heading) => heading !== null && heading.style === style && sectionTitleToPartOneSection(heading.rest) === section);
    if (start < 0) return [];
    let end = start + 1;
    while (end < lines.length && !isBoundary(end)) end++;
    return lines.slice(start + 1, end);
  };
  return {
    overallGoal: linesToParagraph(sectionLines('overallGoal')),
    subGoals: linesToSubGoals(sectionLines('subGoals')),
    measures: linesToItems(sectionLines('measures')).map((item) => ({ seq: item.seq, body: linesToParagraph(item.lines, item.firstText) ?? emptyText(item.lines[0]) })),
  };
}

function emptyText(line: FlowLine | undefined): RawText {
  return { text: '', lines: [], pageNumber: line?.pageNumber ?? null };
}

type Item = { seq: number; firstText: string; lines: FlowLine[] };

function chineseNumeralToNumber(numeral: string): number {
  if (numeral === '十') return 10;
  if (numeral.startsWith('十')) return 10 + CHINESE_DIGITS.indexOf(numeral[1]) + 1;
  if (numeral.endsWith('十')) return (CHINESE_DIGITS.indexOf(numeral[0]) + 1) * 10;
  if (numeral.length === 3) return (CHINESE_DIGITS.indexOf(numeral[0]) + 1) * 10 + CHINESE_DIGITS.indexOf(numeral[2]) + 1;
  return CHINESE_DIGITS.indexOf(numeral) + 1;
}

/** `1 加强组织领导。…`: an OCR'd item number whose `.` or `、` was lost, before Han text. */
const ARABIC_ITEM_UNPUNCTUATED = /^(\d{1,3})\s+(?=\p{Script=Han})(.*)$/u;

/**
 * Lines split at item numbers `1、` `1.` `（一）`; numbers must follow on (1, 2, 3 …) so a wrapped `2.` inside a body is not an item.
 * An OCR line opening with a number whose punctuation was lost (`1 加强…`) is an item only where it
 * fills a gap between punctuated items (the one before or after it is there, itself is not), so a
 * wrapped `5 万元的事项…` is not taken for item 5 when item 5 is printed.
 */
export function linesToItems(lines: FlowLine[]): Item[] {
  const items: Item[] = [];
  const punctuated = new Set(lines.flatMap((line) => {
    const match = ARABIC_ITEM.exec(line.text.trim());
    return match ? [Number(match[1])] : [];
  }));
  const fillsGap = (seq: number) => !punctuated.has(seq) && (punctuated.has(seq + 1) || punctuated.has(seq - 1));
  for (const line of lines) {
    const text = line.text.trim();
    const unpunctuated = line.confidence !== undefined ? ARABIC_ITEM_UNPUNCTUATED.exec(text) : null;
    const arabic = ARABIC_ITEM.exec(text) ?? (unpunctuated && fillsGap(Number(unpunctuated[1])) ? unpunctuated : null);
    // OCR drops a bracket's small closing half (`（三加强执行监控`): taken only as the next number.
    const chinese = CHINESE_ITEM.exec(text) ?? CHINESE_ITEM_UNCLOSED.exec(text);
    const seq = arabic ? Number(arabic[1]) : chinese ? chineseNumeralToNumber(chinese[1]) : null;
    const rest = arabic ? arabic[2] : chinese ? chinese[2] : '';
    const expected = items.length + 1;
    if (seq !== null && seq === expected) {
      items.push({ seq, firstText: rest, lines: [line] });
    } else if (items.length > 0) {
      items[items.length - 1].lines.push(line);
    }
  }
  return items;
}

const GOAL_BODY_PREFIX = /^\s*绩\s*效\s*目\s*标\s*[：:]\s*/u;
/** The same label with its colon lost by OCR (`绩效目标落实…`): only after a sub-goal's title line, never as the title. */
const GOAL_BODY_PREFIX_UNCOLONED = /^\s*绩\s*效\s*目\s*标\s*/u;
/** `（三加强…`: a bracketed Chinese number whose closing bracket OCR lost, run into Han text. */
const CHINESE_ITEM_UNCLOSED = /^[（(]\s*([一二三四五六七八九十]+)\s*(?=\p{Script=Han})(?![一二三四五六七八九十])(.*)$/u;

export function linesToSubGoals(lines: FlowLine[]): DraftSubGoal[] {
  return linesToItems(lines).map((item) => {
    const texts = item.lines.map((line, index) => (index === 0 ? item.firstText : line.text));
    let bodyAt = texts.findIndex((text) => GOAL_BODY_PREFIX.test(text));
    if (bodyAt < 0) bodyAt = texts.findIndex((text, index) => index > 0 && GOAL_BODY_PREFIX_UNCOLONED.test(text));
    if (bodyAt < 0) bodyAt = 1;
    const titleText = joinWrappedLines(texts.slice(0, bodyAt));
    const bodyTexts = texts.slice(bodyAt);
    if (bodyTexts.length > 0) bodyTexts[0] = bodyTexts[0].replace(GOAL_BODY_PREFIX, '').replace(GOAL_BODY_PREFIX_UNCOLONED, '');
    const bodyText = joinWrappedLines(bodyTexts);
    return {
      seq: item.seq,
      title: { text: titleText, lines: [titleText], pageNumber: item.lines[0].pageNumber },
      body: { text: bodyText, lines: [bodyText], pageNumber: item.lines[bodyAt]?.pageNumber ?? item.lines[0].pageNumber },
    };
  });
}

/** The lowest OCR confidence among the sources (cells or lines), as an optional field: absent for the text layer. */
function withConfidence<T extends RawText>(raw: T, sources: ReadonlyArray<{ confidence?: number }>): T {
  const known = sources.map((source) => source.confidence).filter((confidence): confidence is number => confidence !== undefined);
  return known.length === 0 ? raw : { ...raw, confidence: Math.min(...known) };
}

function cellToRaw(cell: Cell): RawText {
  return withConfidence({ text: cell.text, lines: cell.lines.length > 0 ? [...cell.lines] : cell.text === '' ? [] : [cell.text], pageNumber: cell.pageNumber }, [cell]);
}

function cellsToRaw(cells: Cell[]): RawText | null {
  const filled = cells.filter((cell) => cell.text.trim() !== '');
  if (filled.length === 0) return null;
  if (filled.length === 1) return cellToRaw(filled[0]);
  const raw = {
    text: joinWrappedLines(filled.map((cell) => cell.text)),
    lines: filled.flatMap((cell) => cellToRaw(cell).lines),
    pageNumber: filled[0].pageNumber,
  };
  return withConfidence(raw, filled);
}

type UnitFields = Pick<DraftProject, 'unitCode' | 'unitName' | 'amountUnit'>;

/**
 * A unit as printed (`万元`) or as OCR misreads one the repair stage recovers (`干元`); any other
 * `X元` is left unread, so the project takes the unit printed above it or by the project before.
 */
function isReadableAmountUnit(unit: string): boolean {
  const units = Object.keys(YUAN_PER_AMOUNT_UNIT);
  return units.includes(unit) || amountUnitRecovered(unit, units) !== null;
}

/** The unit (`<code> <name>`, a unit table) and amount unit (`单位：万元`) read from these blocks; null where none. */
function blocksToUnitFields(blocks: FlowBlock[]): { unit: Pick<UnitFields, 'unitCode' | 'unitName'> | null; amountUnit: string | null } {
  let unit: Pick<UnitFields, 'unitCode' | 'unitName'> | null = null;
  let amountUnit: string | null = null;
  for (const block of blocks) {
    if (block.kind === 'table') {
      const fromTable = rowsToUnit(block.rows);
      if (fromTable && unit === null) unit = { unitCode: fromTable.code, unitName: { text: fromTable.name, lines: [fromTable.name], pageNumber: fromTable.pageNumber } };
      continue;
    }
    const text = block.text.trim();
    const fromLine = lineToUnit(text.replace(AMOUNT_UNIT, '').trim());
    if (fromLine && unit === null) unit = { unitCode: fromLine.code, unitName: { text: fromLine.name, lines: [fromLine.name], pageNumber: block.pageNumber } };
    const amount = AMOUNT_UNIT.exec(text);
    if (amount && amountUnit === null && isReadableAmountUnit(amount[1])) amountUnit = amount[1];
  }
  return { unit, amountUnit };
}

/**
 * Each heading's unit and amount unit: from the blocks between the heading and its first project
 * table; failing that, from the lines right above the heading (a unit line and `单位：万元` printed
 * above each heading, reviewer's case), never from the next project's; failing that, the previous
 * project's (one unit line for several tables).
 */
function headingToUnitFields(blocks: FlowBlock[], heading: Heading, previous: UnitFields): UnitFields {
  let firstTable = heading.index + 1;
  while (firstTable < heading.endIndex) {
    const block = blocks[firstTable];
    if (block.kind === 'table' && rowsToUnit(block.rows) === null) break;
    firstTable++;
  }
  const below = blocksToUnitFields(blocks.slice(heading.index + 1, firstTable).filter((block) => !(block.kind === 'line' && heading.titleLines.includes(block))));
  let aboveStart = heading.index;
  while (aboveStart > 0 && blocks[aboveStart - 1].kind === 'line' && lineToProjectHeading((blocks[aboveStart - 1] as FlowLine).text.trim()) === null) aboveStart--;
  const above = blocksToUnitFields(blocks.slice(aboveStart, heading.index));
  const unit = below.unit ?? above.unit;
  return {
    unitCode: unit ? unit.unitCode : previous.unitCode,
    unitName: unit ? unit.unitName : previous.unitName,
    amountUnit: below.amountUnit ?? above.amountUnit ?? previous.amountUnit,
  };
}

function headingsToProjects(blocks: FlowBlock[], headings: Heading[]): DraftProject[] {
  const projects: DraftProject[] = [];
  let unitFields: UnitFields = { unitCode: null, unitName: null, amountUnit: null };
  for (const heading of headings) {
    const region = blocks.slice(heading.index, heading.endIndex);
    unitFields = headingToUnitFields(blocks, heading, unitFields);
    const rows = region.flatMap((block) => (block.kind === 'table' && rowsToUnit(block.rows) === null ? block.rows : []));
    const pages = region.flatMap((block) => (block.kind === 'table' ? [block.pageFirst, block.pageLast] : [block.pageNumber]));
    const titleText = joinWrappedLines(heading.titleLines.map((line, index) => (index === 0 && !heading.unnumbered ? lineToProjectHeading(line.text.trim())?.rest ?? line.text.trim() : line.text)));
    projects.push({
      seq: heading.seq,
      ...(heading.unnumbered ? { unnumbered: true } : {}),
      tableTitle: { text: titleText, lines: [titleText], pageNumber: heading.titleLines[0].pageNumber },
      ...unitFields,
      // A unit printed in the table (`预算数（万元）`, a `单位：万元` cell) is this table's own (review item 1).
      amountUnit: cellTextsToAmountUnit(rows.flatMap((row) => row.cells.map((cell) => cell.text))) ?? unitFields.amountUnit,
      ...rowsToInfo(rows),
      indicators: rowsToIndicators(rows),
      pageFirst: Math.min(...pages),
      pageLast: Math.max(...pages),
    });
  }
  return projects;
}

type Info = Pick<DraftProject, 'code' | 'name' | 'budgetTotal' | 'budgetFiscal' | 'budgetOther' | 'fundUse' | 'spendPlanHeaders' | 'spendPlanValues' | 'goal'>;

const VALUE_LABELS: Partial<Record<InfoLabel, keyof Info>> = {
  code: 'code',
  name: 'name',
  budgetTotal: 'budgetTotal',
  budgetFiscal: 'budgetFiscal',
  budgetOther: 'budgetOther',
  fundUse: 'fundUse',
  goal: 'goal',
};

/**
 * The spend plan's month-header row: two month headers or more, or one beside the row's own
 * `资金支出计划` label (OCR that read only `10月底` of `3月底 6月底 10月底`: the others stay for the
 * repair stage to name).
 */
function isMonthHeaderRow(row: FlowRow): boolean {
  const months = row.cells.filter((cell) => monthOfHeader(cell.text) !== null).length;
  return months >= 2 || (months === 1 && row.cells.some((cell) => infoLabelOf(cell.text) === 'spendPlan'));
}

function toPositioned(cell: Cell): PositionedText {
  return { ...cellToRaw(cell), x0: cell.x0, x1: cell.x1 };
}

/** The info table (rows above the indicator header), read by its labels. */
export function rowsToInfo(rows: FlowRow[]): Info {
  const info: Info = {
    code: null, name: null, budgetTotal: null, budgetFiscal: null, budgetOther: null,
    fundUse: null, spendPlanHeaders: [], spendPlanValues: [], goal: null,
  };
  const header = headerBlockOf(rows);
  const infoRows = header === null ? rows : rows.slice(0, header.first);
  let afterBudgetRow = false;
  for (let index = 0; index < infoRows.length; index++) {
    const row = infoRows[index];
    const labels = row.cells.map((cell) => infoLabelOf(cell.text));
    if (isMonthHeaderRow(row)) {
      // Every cell of the row but its label: a header OCR could not read (`明底`) keeps its place for the repair stage.
      info.spendPlanHeaders = row.cells.filter((cell, cellIndex) => monthOfHeader(cell.text) !== null || (cell.text.trim() !== '' && labels[cellIndex] === null)).map(toPositioned);
      const valueRow = infoRows[index + 1];
      if (valueRow && !isMonthHeaderRow(valueRow) && valueRow.cells.every((cell) => infoLabelOf(cell.text) === null)) {
        info.spendPlanValues = valueRow.cells.filter((cell) => cell.text.trim() !== '').map(toPositioned);
        index++;
      }
      afterBudgetRow = false;
      continue;
    }
    const hasValueLabel = labels.some((label) => label !== null && label !== 'budgetBlock' && label !== 'spendPlan');
    if (!hasValueLabel && afterBudgetRow && info.fundUse === null) {
      info.fundUse = cellsToRaw(row.cells.filter((_, cellIndex) => labels[cellIndex] === null));
      afterBudgetRow = false;
      continue;
    }
    afterBudgetRow = labels.includes('budgetTotal');
    labels.forEach((label, cellIndex) => {
      const field = label ? VALUE_LABELS[label] : undefined;
      if (!field) return;
      let end = cellIndex + 1;
      while (end < row.cells.length && labels[end] === null) end++;
      const value = cellsToRaw(row.cells.slice(cellIndex + 1, end));
      if (value && info[field] === null) (info as Record<string, unknown>)[field] = value;
    });
  }
  return info;
}

type Column = { key: IndicatorColumn | string; x0: number; x1: number };

/** A merged cell's span reaches the next row when its bottom is within this of the row's top (cell and row edges come from one grid; renderings differ < 1pt). */
const SPAN_EDGE_TOLERANCE_PT = 1;
/** Columns whose merged cells are filled down over the rows they span (level 1 always; level 2 when merged, reviewer's 数量指标 over 3 rows). */
const FILL_DOWN_COLUMNS = ['level1', 'level2'] as const;

/**
 * The indicator columns from every header row (a two-row header: `绩效指标` over 一级/二级/三级 in
 * the lower row, 指标值 and 指标值确定依据 spanning both): each named header cell gives a column;
 * a group word (`绩效指标`) gives none.
 */
export function headerRowsToColumns(headerRows: FlowRow[]): Column[] {
  const columns: Column[] = [];
  for (const row of headerRows) {
    for (const cell of row.cells) {
      const key = labelKey(cell.text);
      if (key === '' || HEADER_GROUP_WORDS.includes(key)) continue;
      const column = { key: indicatorColumnOf(cell.text) ?? key, x0: cell.x0, x1: cell.x1 };
      if (!columns.some((other) => other.key === column.key)) columns.push(column);
    }
  }
  return columns.sort((a, b) => a.x0 - b.x0);
}

type Span = { raw: RawText; pageNumber: number; bottom: number; reachesPageEnd: boolean };

/**
 * Indicator rows under the header rows, cells mapped to header columns by x-overlap. Level 1 is
 * filled down from the last one printed; level 2 over the rows its merged cell spans, also where
 * a page break cuts the merged cell (the next page's first rows show an empty cell).
 */
export function rowsToIndicators(rows: FlowRow[]): DraftIndicatorRow[] {
  const header = headerBlockOf(rows);
  if (header === null) return [];
  const columns = headerRowsToColumns(rows.slice(header.first, header.last + 1));
  const dataRows = rows.slice(header.last + 1).filter((row) => !isHeaderRow(row) && !isHeaderPartRow(row));
  const pageBottoms = new Map<number, number>();
  for (const row of dataRows) pageBottoms.set(row.pageNumber, Math.max(pageBottoms.get(row.pageNumber) ?? -Infinity, row.bottom));
  const indicators: DraftIndicatorRow[] = [];
  const spans = new Map<string, Span>();
  for (const row of dataRows) {
    const indicator: DraftIndicatorRow = {
      pageNumber: row.pageNumber, level1: null, level2: null, level3: null,
      description: null, target: null, basis: null, extra: {},
    };
    const assigned = new Map<string, { raw: RawText; share: number; cell: Cell }>();
    const emptyCells = new Map<string, Cell>();
    for (const cell of row.cells) {
      let best: Column | null = null;
      let bestShare = 0;
      for (const column of columns) {
        const share = overlapShare(cell, column);
        if (share > bestShare) {
          best = column;
          bestShare = share;
        }
      }
      if (!best) continue;
      if (cell.text.trim() === '') {
        emptyCells.set(best.key, cell);
        continue;
      }
      const existing = assigned.get(best.key);
      // Two cells under one column (a row with a cell too many): keep the one that fits the column better.
      if (!existing || bestShare > existing.share) assigned.set(best.key, { raw: cellToRaw(cell), share: bestShare, cell });
    }
    if (assigned.size === 0) continue;
    for (const [key, { raw }] of assigned) {
      if (key in indicator && key !== 'extra' && key !== 'pageNumber') (indicator as Record<string, unknown>)[key] = raw;
      else indicator.extra[key] = raw;
    }
    for (const key of FILL_DOWN_COLUMNS) {
      const printed = assigned.get(key);
      const span = spans.get(key);
      const pageEnd = (pageNumber: number, bottom: number): boolean => bottom >= (pageBottoms.get(pageNumber) ?? Infinity) - SPAN_EDGE_TOLERANCE_PT;
      if (printed) {
        spans.set(key, { raw: printed.raw, pageNumber: printed.cell.pageNumber, bottom: printed.cell.bottom, reachesPageEnd: pageEnd(printed.cell.pageNumber, printed.cell.bottom) });
        continue;
      }
      if (!span) continue;
      const empty = emptyCells.get(key);
      const coveredOnPage = span.pageNumber === row.pageNumber && empty === undefined && row.top < span.bottom - SPAN_EDGE_TOLERANCE_PT;
      // A merged cell cut by a page break goes on as an empty cell at the top of the next page.
      const carriedOver = span.reachesPageEnd && row.pageNumber > span.pageNumber && empty !== undefined;
      if (key === 'level1' || coveredOnPage || carriedOver) {
        indicator[key] = span.raw;
        if (carriedOver && empty) spans.set(key, { ...span, pageNumber: empty.pageNumber, bottom: empty.bottom, reachesPageEnd: pageEnd(empty.pageNumber, empty.bottom) });
      }
    }
    indicators.push(indicator);
  }
  return indicators;
}

/**
 * The unit the extra columns of an extended indicator table (一级 | 二级 | 三级 | 指标方向 | 计量单位 |
 * 年度指标值 | 分值 | 指标值确定依据, fixtures/variants/README.md) give a target: its 计量单位. Normalise
 * is to use it only where the 年度指标值 itself prints no unit; target_text stays the 年度指标值 as
 * printed. Null where the table has no such column or it holds a placeholder.
 */
export function indicatorRowToTargetHints(row: DraftIndicatorRow): { unit: string | null } {
  for (const key of INDICATOR_UNIT_HEADERS) {
    const text = row.extra[key]?.text.replace(/\s+/g, '') ?? '';
    if (!isPlaceholder(text)) return { unit: text };
  }
  return { unit: null };
}
