/**
 * Self-evaluations (自评表 / 绩效自评表, issue 15): a table printed after the year, scoring what was done (全年执行数,
 * 实际完成值, 得分 …). It is never read as targets:
 *
 * - a headed region whose title names a 自评表, or whose first table carrying a self-evaluation label comes before any
 *   indicator header, is a self-evaluation and opens no project, even when its page is titled …绩效目标表;
 * - a self-evaluation table inside a project's region (an appendix whose heading was not found) ends the project's
 *   region: its rows never join the targets above it.
 *
 * Both are kept on the draft (`skippedTables`), for a finding and for the refusal of a document holding nothing else.
 */
import type { FlowBlock, FlowTable } from '../../model/flow.js';
import type { DraftSkippedTable } from '../../model/draft.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { isSelfEvaluationLabel, isSelfEvaluationTitle } from '../../vocabulary/tableKinds.js';
import { headerBlockOf } from '../../vocabulary/tableRows.js';
import type { Heading } from './headings.js';
import { rowsToUnit } from './unitLines.js';

/** Whether a table prints a cell only self-evaluations print, or a 自评表 title in its grid (its first row). */
export function isSelfEvaluationTable(table: Pick<FlowTable, 'rows'>): boolean {
  if (table.rows[0]?.cells.some((cell) => isSelfEvaluationTitle(cell.text))) return true;
  return table.rows.some((row) => row.cells.some((cell) => isSelfEvaluationLabel(cell.text)));
}

/**
 * Whether a region (its title text and its tables, unit tables left out) is a self-evaluation: a 自评表 title, or a
 * self-evaluation table with no indicator header in the tables before it.
 */
export function regionIsSelfEvaluation(titleText: string, tables: readonly Pick<FlowTable, 'rows'>[]): boolean {
  if (isSelfEvaluationTitle(titleText)) return true;
  const at = tables.findIndex(isSelfEvaluationTable);
  return at >= 0 && headerBlockOf(tables.slice(0, at).flatMap((table) => table.rows)) === null;
}

function isRegionTable(block: FlowBlock): block is FlowTable {
  return block.kind === 'table' && rowsToUnit(block.rows) === null;
}

function headingTitle(heading: Heading): string {
  return joinWrappedLines(heading.titleLines.map((line) => line.text.trim()));
}

/** The index (in `region`) of a self-evaluation table that follows a project's targets, or null. */
function selfEvaluationTableIndex(region: readonly FlowBlock[]): number | null {
  const tables = region.filter(isRegionTable);
  const at = tables.findIndex(isSelfEvaluationTable);
  if (at < 0 || headerBlockOf(tables.slice(0, at).flatMap((table) => table.rows)) === null) return null;
  return region.indexOf(tables[at]);
}

/**
 * Where a project's region ends because a self-evaluation table follows its targets: at the table, or at the line
 * right above it on its page (its title, `…绩效自评表`); null when no self-evaluation follows.
 */
export function regionToSelfEvaluationCut(region: readonly FlowBlock[]): number | null {
  const at = selfEvaluationTableIndex(region);
  if (at === null) return null;
  const above = region[at - 1];
  return above?.kind === 'line' && above.pageNumber === (region[at] as FlowTable).pageFirst ? at - 1 : at;
}

/** A skipped table's title: the line printed right above it in the region, else its first cell. */
function cutTitle(region: readonly FlowBlock[], cut: number): string {
  const first = region[cut];
  if (first.kind === 'line') return first.text.trim();
  return first.rows[0]?.cells[0]?.text.trim() ?? '';
}

/** The self-evaluations among the headed regions: whole regions, and tables that ended a project's region. */
export function headingsToSelfEvaluations(
  blocks: readonly FlowBlock[],
  headings: readonly Heading[],
): DraftSkippedTable[] {
  return headings.flatMap((heading): DraftSkippedTable[] => {
    const region = blocks.slice(heading.index, heading.endIndex);
    if (regionIsSelfEvaluation(headingTitle(heading), region.filter(isRegionTable)))
      return [{ kind: 'self_evaluation', title: headingTitle(heading), pageNumber: heading.titleLines[0].pageNumber }];
    const cut = regionToSelfEvaluationCut(region);
    if (cut === null) return [];
    const first = region[cut];
    const pageNumber = first.kind === 'line' ? first.pageNumber : first.pageFirst;
    return [{ kind: 'self_evaluation', title: cutTitle(region, cut), pageNumber }];
  });
}
