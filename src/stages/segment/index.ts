/**
 * Segment: the flow into a draft of raw strings per field. Lines outside tables give the cover,
 * contents and part one; each numbered `…绩效目标表` heading followed by a table opens a project,
 * whose info table is read by LABELS and whose indicator table by its header row. A heading whose
 * region is no project table (an ordinary 收支总表 after `2.收支总表`: projectTables.ts) opens none; a heading titled
 * 部门整体支出绩效目标表 opens a department's table, not a project (deptTargets.ts). A self-evaluation
 * (自评表: selfEvaluation.ts) opens none and is listed in `skippedTables`. A project printing two indicator tables
 * (长期指标 + 年度指标) gives each row its period (indicatorPeriods.ts).
 */
import type { DocumentFlow, FlowBlock, FlowTable } from '../../model/flow.js';
import type { DocumentDraft, DraftProject } from '../../model/draft.js';
import { cellTextsToAmountUnit } from '../../vocabulary/index.js';
import { blocksToCover } from './cover.js';
import { blocksToToc } from './contents.js';
import { findProjectHeadings, type Heading } from './headings.js';
import { headingToTitle, headingToUnitFields } from './headingFields.js';
import { rowsToPeriodIndicators, rowsWithoutPeriodMarkers } from './indicatorPeriods.js';
import { rowsToInfo } from './infoTable.js';
import { rowsToHeaderLabels } from './tableLabels.js';
import { blocksToPartOne, partTwoHeadingIndex } from './partOne.js';
import { blocksToGridTitlesLifted } from './gridTitles.js';
import { headingsToProjectHeadings } from './projectTables.js';
import { headingsToDeptTargets, headingsToKinds } from './deptTargets.js';
import { headingsToSelfEvaluations, regionToSelfEvaluationCut } from './selfEvaluation.js';
import { rowsToUnit, type UnitFields } from './unitLines.js';

export function flowToDraft(flow: DocumentFlow): DocumentDraft {
  const blocks = blocksToGridTitlesLifted(flow.blocks);
  const cover = blocksToCover(blocks);
  const toc = blocksToToc(blocks);
  const bodyStart = toc.endIndex;
  const headings = findProjectHeadings(blocks, bodyStart);
  const partOneEnd = Math.min(
    headings[0]?.index ?? blocks.length,
    partTwoHeadingIndex(blocks, bodyStart) ?? blocks.length,
  );
  const partOne = blocksToPartOne(blocks, bodyStart, partOneEnd);
  // A 部门整体支出绩效目标表 is the department's, never a project's (deptTargets.ts).
  const kinds = headingsToKinds(blocks, headingsToProjectHeadings(blocks, headings));
  const projects = numberDocumentWide(headingsToProjects(blocks, kinds.projectHeadings));
  const deptTargets = headingsToDeptTargets(blocks, kinds.deptHeadings);
  const skippedTables = headingsToSelfEvaluations(blocks, headings);
  return {
    cover,
    toc: numberDocumentWide(toc.entries),
    overallGoal: partOne.overallGoal,
    subGoals: partOne.subGoals,
    measures: partOne.measures,
    projects,
    ...(deptTargets.length > 0 ? { deptTargets } : {}),
    ...(skippedTables.length > 0 ? { skippedTables } : {}),
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

function headingsToProjects(blocks: FlowBlock[], headings: Heading[]): DraftProject[] {
  const projects: DraftProject[] = [];
  let unitFields: UnitFields = { unitCode: null, unitName: null, amountUnit: null };
  for (const heading of headings) {
    const whole = blocks.slice(heading.index, heading.endIndex);
    // A self-evaluation table after the targets (selfEvaluation.ts) ends the project's region.
    const region = whole.slice(0, regionToSelfEvaluationCut(whole) ?? whole.length);
    unitFields = headingToUnitFields(blocks, heading, unitFields);
    const rows = region.flatMap((block) =>
      block.kind === 'table' && rowsToUnit(block.rows) === null ? block.rows : [],
    );
    const pages = region.flatMap((block) =>
      block.kind === 'table' ? [block.pageFirst, block.pageLast] : [block.pageNumber],
    );
    projects.push({
      seq: heading.seq,
      ...(heading.unnumbered ? { unnumbered: true } : {}),
      tableTitle: headingToTitle(heading),
      ...unitFields,
      // A unit printed in the table (`预算数（万元）`, a `单位：万元` cell) is this table's own (review item 1).
      amountUnit:
        cellTextsToAmountUnit(rows.flatMap((row) => row.cells.map((cell) => cell.text))) ?? unitFields.amountUnit,
      ...infoWithHeaderLabels(rowsWithoutPeriodMarkers(rows)),
      indicators: rowsToPeriodIndicators(rows),
      pageFirst: Math.min(...pages),
      pageLast: Math.max(...pages),
    });
  }
  return projects;
}

/** The info table's fields, with the labels it and the indicator header matched or did not know. */
function infoWithHeaderLabels(rows: FlowTable['rows']) {
  const info = rowsToInfo(rows);
  const header = rowsToHeaderLabels(rows);
  const labelsSeen = [...new Set([...(info.labelsSeen ?? []), ...header.labelsSeen])];
  const unknownLabels = [...(info.unknownLabels ?? []), ...header.unknownLabels];
  return {
    ...info,
    ...(labelsSeen.length > 0 ? { labelsSeen } : {}),
    ...(unknownLabels.length > 0 ? { unknownLabels } : {}),
    ...(header.indicatorHeaders.length > 0 ? { indicatorHeaders: header.indicatorHeaders } : {}),
  };
}
