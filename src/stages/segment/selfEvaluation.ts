/**
 * Self-evaluations (自评表 / 绩效自评表, issue 15): a table printed after the year, scoring what was done (全年执行数,
 * 实际完成值, 得分 …). It is never read as targets: a headed region whose tables carry a self-evaluation label, or
 * whose title names a 自评表, opens no project, even when its page is titled …绩效目标表. The regions skipped so are
 * kept on the draft (`skippedTables`), for a finding and for the refusal of a document holding nothing else.
 */
import type { FlowBlock, FlowTable } from '../../model/flow.js';
import type { DraftSkippedTable } from '../../model/draft.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { isSelfEvaluationLabel, isSelfEvaluationTitle } from '../../vocabulary/tableKinds.js';
import type { Heading } from './headings.js';
import { rowsToUnit } from './unitLines.js';

/** Whether a region (its title text and its tables) is a self-evaluation: a 自评表 title or a self-evaluation label. */
export function regionIsSelfEvaluation(titleText: string, tables: readonly Pick<FlowTable, 'rows'>[]): boolean {
  if (isSelfEvaluationTitle(titleText)) return true;
  return tables.some((table) =>
    table.rows.some((row) =>
      row.cells.some((cell) => isSelfEvaluationLabel(cell.text) || isSelfEvaluationTitle(cell.text)),
    ),
  );
}

function regionTables(blocks: readonly FlowBlock[], heading: Heading): FlowTable[] {
  return blocks
    .slice(heading.index, heading.endIndex)
    .filter((block): block is FlowTable => block.kind === 'table' && rowsToUnit(block.rows) === null);
}

function headingTitle(heading: Heading): string {
  return joinWrappedLines(heading.titleLines.map((line) => line.text.trim()));
}

/** The headings whose regions are self-evaluations, as skipped tables (title as printed, first page). */
export function headingsToSelfEvaluations(
  blocks: readonly FlowBlock[],
  headings: readonly Heading[],
): DraftSkippedTable[] {
  return headings
    .filter((heading) => regionIsSelfEvaluation(headingTitle(heading), regionTables(blocks, heading)))
    .map((heading) => ({
      kind: 'self_evaluation' as const,
      title: headingTitle(heading),
      pageNumber: heading.titleLines[0].pageNumber,
    }));
}
