/** Part one (第一部分): the department's overall goal, sub-goals and measures, up to the 第二部分 line. */
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { DraftMeasure, DraftSubGoal, RawText } from '../../model/draft.js';
import { SECTION_WORDS, labelKey } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { linesToParagraph, sourcesToRaw } from './flowText.js';
import { ARABIC_ITEM, CHINESE_ITEM, SECTION_HEADING, chineseNumeralToNumber } from './numbering.js';

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
  return unseparated &&
    sectionTitleToPartOneSection(unseparated[2]) !== null &&
    labelKey(unseparated[2]).length <= SECTION_TITLE_MAX_CHARS
    ? { style: 'chinese', rest: unseparated[2] }
    : null;
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
export function blocksToPartOne(
  blocks: FlowBlock[],
  from: number,
  to: number,
): { overallGoal: RawText | null; subGoals: DraftSubGoal[]; measures: DraftMeasure[] } {
  const lines = blocks.slice(from, to).filter((block): block is FlowLine => block.kind === 'line');
  const headings = lines.map((line) => lineToSectionHeading(line.text));
  const style = headings.find(
    (heading) => heading !== null && sectionTitleToPartOneSection(heading.rest) !== null,
  )?.style;
  const isBoundary = (index: number): boolean => {
    const key = labelKey(lines[index].text);
    return (
      headings[index]?.style === style || key.startsWith(SECTION_WORDS.partOne) || key.startsWith(SECTION_WORDS.partTwo)
    );
  };
  const sectionLines = (section: PartOneSection): FlowLine[] => {
    const start = headings.findIndex(
      (heading) =>
        heading !== null && heading.style === style && sectionTitleToPartOneSection(heading.rest) === section,
    );
    if (start < 0) return [];
    let end = start + 1;
    while (end < lines.length && !isBoundary(end)) end++;
    return lines.slice(start + 1, end);
  };
  return {
    overallGoal: linesToParagraph(sectionLines('overallGoal')),
    subGoals: linesToSubGoals(sectionLines('subGoals')),
    measures: linesToItems(sectionLines('measures')).map((item) => ({
      seq: item.seq,
      body: linesToParagraph(item.lines, item.firstText) ?? emptyText(item.lines[0]),
    })),
  };
}

function emptyText(line: FlowLine | undefined): RawText {
  return { text: '', lines: [], pageNumber: line?.pageNumber ?? null };
}

type Item = { seq: number; firstText: string; lines: FlowLine[] };

/** `1 加强组织领导。…`: an OCR'd item number whose `.` or `、` was lost, before Han text. */
const ARABIC_ITEM_UNPUNCTUATED = /^(\d{1,3})\s+(?=\p{Script=Han})(.*)$/u;

/**
 * Lines split at item numbers `1、` `1.` `（一）`; numbers must follow on (1, 2, 3 …) so a wrapped `2.` inside a body is
 * not an item.
 * An OCR line opening with a number whose punctuation was lost (`1 加强…`) is an item only where it
 * fills a gap between punctuated items (the one before or after it is there, itself is not), so a
 * wrapped `5 万元的事项…` is not taken for item 5 when item 5 is printed.
 */
export function linesToItems(lines: FlowLine[]): Item[] {
  const items: Item[] = [];
  const punctuated = new Set(
    lines.flatMap((line) => {
      const match = ARABIC_ITEM.exec(line.text.trim());
      return match ? [Number(match[1])] : [];
    }),
  );
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
    if (bodyTexts.length > 0)
      bodyTexts[0] = bodyTexts[0].replace(GOAL_BODY_PREFIX, '').replace(GOAL_BODY_PREFIX_UNCOLONED, '');
    const bodyText = joinWrappedLines(bodyTexts);
    return {
      seq: item.seq,
      title: sourcesToRaw(titleText, item.lines[0].pageNumber, item.lines.slice(0, bodyAt)),
      body: sourcesToRaw(
        bodyText,
        item.lines[bodyAt]?.pageNumber ?? item.lines[0].pageNumber,
        // An item of one line has no body: '' then, read from no line.
        item.lines.slice(bodyAt),
      ),
    };
  });
}
