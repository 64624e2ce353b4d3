/** Project headings: numbered (`1.…绩效目标表`, `（一）…`) or not, wrapped over lines, each followed by its project table. */
import type { FlowBlock, FlowLine, FlowRow } from '../../model/flow.js';
import { SECTION_WORDS, endsAsTableTitle, infoLabelOf, labelKey } from '../../vocabulary/index.js';
import { isHeaderRow } from '../../vocabulary/tableRows.js';
import { CHINESE_ITEM, CHINESE_PROJECT_HEADING, SECTION_HEADING, chineseNumeralToNumber } from './numbering.js';
import { AMOUNT_UNIT, lineToUnit, rowsToUnit } from './unitLines.js';

/** A wrapped project heading continues over at most this many further lines (long titles wrap once). */
const HEADING_MAX_EXTRA_LINES = 2;
/** A project heading may start with a year: `1.2022 年…绩效目标表`. */
const PROJECT_HEADING = /^(\d{1,3})\s*[、.．]\s*(.+)$/u;

/** A project heading `1.…`, `1、…`, `（一）…` or `一、…` → its number and the rest; null for any other line. */
export function lineToProjectHeading(text: string): { seq: number; rest: string } | null {
  const arabic = PROJECT_HEADING.exec(text);
  if (arabic) return { seq: Number(arabic[1]), rest: arabic[2] };
  const chinese = CHINESE_PROJECT_HEADING.exec(text);
  return chinese ? { seq: chineseNumeralToNumber(chinese[1] ?? chinese[2]), rest: chinese[3] } : null;
}

export type Heading = { index: number; seq: number; unnumbered: boolean; titleLines: FlowLine[]; endIndex: number };

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
  return (
    endsAsTableTitle(key) &&
    lineToProjectHeading(text.trim()) === null &&
    !key.startsWith(SECTION_WORDS.partOne) &&
    !key.startsWith(SECTION_WORDS.partTwo)
  );
}

function isHeadingBreak(text: string): boolean {
  return PROJECT_HEADING.test(text) || SECTION_HEADING.test(text) || CHINESE_ITEM.test(text);
}

/**
 * The line right above an unnumbered `…绩效目标表` line when it is the heading's first half (same page and size, close, not
 * a sentence or unit).
 */
function wrappedHeadingStart(blocks: FlowBlock[], index: number, from: number): FlowLine | null {
  const line = blocks[index] as FlowLine;
  const above = blocks[index - 1];
  if (
    index - 1 < from ||
    above?.kind !== 'line' ||
    above.pageNumber !== line.pageNumber ||
    above.fontSizePt !== line.fontSizePt
  )
    return null;
  const text = above.text.trim();
  if (
    line.top - above.bottom > line.fontSizePt * WRAPPED_HEADING_MAX_GAP_SHARE ||
    SENTENCE_END.test(text) ||
    isHeadingBreak(text)
  )
    return null;
  if (
    lineToUnit(text) !== null ||
    AMOUNT_UNIT.test(text) ||
    labelKey(text).startsWith(SECTION_WORDS.partTwo) ||
    isUnnumberedHeadingLine(text)
  )
    return null;
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
        // An unnumbered title repeated on the page where the previous project's table continues (central
        // template: `项目绩效目标表（2023年度）` on every page) opens no project: a project's table names it.
        tableFound =
          isProjectTable(candidate.rows) && (!unnumbered || headings.length === 0 || namesProject(candidate.rows));
        break;
      }
      const text = candidate.text.trim();
      if (isHeadingBreak(text)) break;
      const isUnitOrAmount = lineToUnit(text) !== null || AMOUNT_UNIT.test(text);
      const titleOpen = !endsAsTableTitle(titleLines.map((line) => line.text).join(''));
      if (
        !isUnitOrAmount &&
        titleOpen &&
        titleLines.length <= HEADING_MAX_EXTRA_LINES &&
        candidate.pageNumber === block.pageNumber
      ) {
        titleLines.push(candidate);
        candidateTitleIndices.push(next);
      } else if (isUnnumberedHeadingLine(text)) {
        break; // the next unnumbered heading
      }
    }
    if (!tableFound) continue;
    candidateTitleIndices.forEach((titleIndex) => {
      titleLineIndices.add(titleIndex);
    });
    const seq = match ? match.seq : (headings[headings.length - 1]?.seq ?? 0) + 1;
    headings.push({ index: firstHalf ? index - 1 : index, seq, unnumbered, titleLines, endIndex: blocks.length });
  }
  for (let position = 0; position < headings.length; position++) {
    headings[position].endIndex = headings[position + 1]?.index ?? blocks.length;
  }
  return headings;
}

/**
 * A project's table starts with info labels naming the project (项目编码, 项目名称) or the indicator header. A
 * 预算数 column alone does not make one: a 收支总表 after a numbered heading (`一、收支总表`) prints 预算数 too.
 */
export function isProjectTable(rows: FlowRow[]): boolean {
  return rows.some((row) => isHeaderRow(row)) || namesProject(rows);
}

/**
 * Whether a table prints a label naming its project (项目编码, 项目名称) or, a 部门整体 table's, its department
 * (部门（单位）名称: such a table after a project's opens a heading of its own, deptTargets.ts).
 */
function namesProject(rows: FlowRow[]): boolean {
  return rows.some((row) =>
    row.cells.some((cell) => {
      const label = infoLabelOf(cell.text);
      return label === 'code' || label === 'name' || label === 'deptName';
    }),
  );
}
