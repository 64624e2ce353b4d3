/**
 * Which headed table regions are projects (issue 15, "refuse what is not ours"): a region is a project table only
 * when its tables hold an indicator header (一级指标 / 二级指标 / 三级指标 …) or it carries a title of the national
 * family (PROJECT_TABLE_TITLE_ENDINGS: `…绩效目标表`, `…申报表`, `…审批表` …), printed as the heading line above the
 * table or inside the ruled grid, in the table's first row. An ordinary budget table (收支总表, 项目支出表 listing
 * project names and amounts, 三公经费支出表) after a numbered heading is neither, and opens no project. A
 * self-evaluation (自评表: 实际完成值, 得分 … selfEvaluation.ts) is never one, whatever its title.
 */
import type { FlowBlock, FlowRow, FlowTable } from '../../model/flow.js';
import { PROJECT_TABLE_TITLE_ENDINGS, labelKey } from '../../vocabulary/index.js';
import { headerBlockOf } from '../../vocabulary/tableRows.js';
import type { Heading } from './headings.js';
import { regionIsSelfEvaluation } from './selfEvaluation.js';
import { rowsToUnit } from './unitLines.js';

/** A trailing bracket after a title: the year `（2023年度）`, `（2023 年度）`, `(2026年度)`. */
const TITLE_TRAILING_BRACKET = /（[^（）]*）$/u;

/** Whether a title (heading line or grid cell; numbering and whitespace ignored) names a project table. */
export function isProjectTableTitle(text: string): boolean {
  let key = labelKey(text).replace(/：+$/u, '');
  while (TITLE_TRAILING_BRACKET.test(key)) key = key.replace(TITLE_TRAILING_BRACKET, '');
  return PROJECT_TABLE_TITLE_ENDINGS.some((ending) => key.endsWith(ending));
}

/**
 * The rule on a region's title text and its tables (unit tables left out): no self-evaluation, and an indicator
 * header or a family title.
 */
export function regionIsProjectTable(titleText: string, tables: readonly Pick<FlowTable, 'rows'>[]): boolean {
  if (regionIsSelfEvaluation(titleText, tables)) return false;
  const rows: FlowRow[] = tables.flatMap((table) => table.rows);
  if (headerBlockOf(rows) !== null) return true;
  if (isProjectTableTitle(titleText)) return true;
  return tables.some((table) => table.rows[0]?.cells.some((cell) => isProjectTableTitle(cell.text)) ?? false);
}

/**
 * The headings whose regions are project tables, each keeping the end it was found with: a dropped heading's
 * ordinary table never runs into the project before it.
 */
export function headingsToProjectHeadings(blocks: readonly FlowBlock[], headings: readonly Heading[]): Heading[] {
  return headings.filter((heading) => {
    const tables = blocks
      .slice(heading.index, heading.endIndex)
      .filter((block): block is FlowTable => block.kind === 'table' && rowsToUnit(block.rows) === null);
    return regionIsProjectTable(heading.titleLines.map((line) => line.text).join(''), tables);
  });
}
