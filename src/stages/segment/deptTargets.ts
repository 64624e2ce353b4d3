/**
 * The 部门整体支出绩效目标表 (TEMPLATES.md "Kinds of table"): one per department, no project. A headed region is the
 * department's when its title (the heading line, or the title printed in the grid's first row) names one
 * (vocabulary/deptTargets.ts DEPT_TARGET_TITLE_WORDS); it is then read as a DraftDeptTarget — its labels by the
 * project tables' info reader (infoTable.ts), its indicator rows by theirs (indicatorTable.ts), its 年度主要任务 block
 * here — and never opens a project.
 */
import type { FlowBlock, FlowRow, FlowTable } from '../../model/flow.js';
import type { DraftDeptTarget, DraftDeptTask } from '../../model/draft.js';
import { cellTextsToAmountUnit, infoLabelOf, labelCore, labelKey } from '../../vocabulary/index.js';
import { DEPT_TARGET_TITLE_WORDS, DEPT_TASK_BLOCK_LABELS, DEPT_TASK_HEADERS } from '../../vocabulary/deptTargets.js';
import { headerBlockOf, overlapShare } from '../../vocabulary/tableRows.js';
import { cellsToRaw } from './flowText.js';
import type { Heading } from './headings.js';
import { headingToTitle, headingToUnitFields } from './headingFields.js';
import { rowsToIndicators } from './indicatorTable.js';
import { rowsToInfo } from './infoTable.js';
import { isProjectTableTitle } from './projectTables.js';
import { rowsToHeaderLabels } from './tableLabels.js';
import { rowsToUnit, type UnitFields } from './unitLines.js';

/** Whether a title (heading line or grid cell; numbering, whitespace and a year bracket ignored) names a department's table. */
export function isDeptTargetTitle(text: string): boolean {
  const key = labelKey(text);
  return isProjectTableTitle(text) && DEPT_TARGET_TITLE_WORDS.some((word) => key.includes(word));
}

/** The tables of a heading's region, unit tables (`单位名称 | …`) left out. */
function regionTables(blocks: readonly FlowBlock[], heading: Heading): FlowTable[] {
  return blocks
    .slice(heading.index, heading.endIndex)
    .filter((block): block is FlowTable => block.kind === 'table' && rowsToUnit(block.rows) === null);
}

/** Whether a heading's region is a department's table: by the heading's title, or a title in its first grid row. */
function headingIsDeptTarget(blocks: readonly FlowBlock[], heading: Heading): boolean {
  if (isDeptTargetTitle(heading.titleLines.map((line) => line.text).join(''))) return true;
  const first = regionTables(blocks, heading)[0];
  return first?.rows[0]?.cells.some((cell) => isDeptTargetTitle(cell.text)) ?? false;
}

/**
 * The headings of project tables and those of department tables. An unnumbered heading is numbered in the order of
 * all headings (headings.ts); a project's keeps its place among the projects only: the department tables before it
 * are not counted.
 */
export function headingsToKinds(
  blocks: readonly FlowBlock[],
  headings: readonly Heading[],
): { projectHeadings: Heading[]; deptHeadings: Heading[] } {
  const projectHeadings: Heading[] = [];
  const deptHeadings: Heading[] = [];
  let unnumberedDeptBefore = 0;
  for (const heading of headings) {
    if (headingIsDeptTarget(blocks, heading)) {
      deptHeadings.push(heading);
      if (heading.unnumbered) unnumberedDeptBefore++;
    } else
      projectHeadings.push(
        heading.unnumbered && unnumberedDeptBefore > 0
          ? { ...heading, seq: heading.seq - unnumberedDeptBefore }
          : heading,
      );
  }
  return { projectHeadings, deptHeadings };
}

type TaskField = keyof typeof DEPT_TASK_HEADERS;

/** The task field a header cell names (`预算金额（万元）` → budget); null for any other cell. */
function taskHeaderFieldOf(text: string): TaskField | null {
  const core = labelCore(text);
  const fields = Object.entries(DEPT_TASK_HEADERS) as [TaskField, readonly string[]][];
  return fields.find(([, words]) => words.includes(core))?.[0] ?? null;
}

/** A task header row: it names the task column and the content column. */
function isTaskHeaderRow(row: FlowRow): boolean {
  const fields = row.cells.map((cell) => taskHeaderFieldOf(cell.text));
  return fields.includes('name') && fields.includes('content');
}

/** A cell that is the block's label (`年度主要任务`, printed over the task rows). */
function isTaskBlockLabel(text: string): boolean {
  return DEPT_TASK_BLOCK_LABELS.includes(labelCore(text));
}

/**
 * The 年度主要任务 block: the task header row (任务名称 | 主要内容 | 预算金额) and the rows under it until a row with an
 * info label or the indicator header; each row's cells under the header's columns (by overlap). The rows left are the
 * info and indicator rows.
 */
export function rowsToTaskBlock(rows: FlowRow[]): { tasks: DraftDeptTask[]; rest: FlowRow[] } {
  const header = headerBlockOf(rows);
  const infoEnd = header === null ? rows.length : header.first;
  const at = rows.slice(0, infoEnd).findIndex(isTaskHeaderRow);
  if (at < 0) return { tasks: [], rest: rows };
  const columns = rows[at].cells.flatMap((cell) => {
    const field = taskHeaderFieldOf(cell.text);
    return field === null ? [] : [{ field, x0: cell.x0, x1: cell.x1 }];
  });
  let end = at + 1;
  while (
    end < infoEnd &&
    !rows[end].cells.some((cell) => infoLabelOf(cell.text) !== null && !isTaskBlockLabel(cell.text))
  )
    end++;
  const tasks: DraftDeptTask[] = [];
  for (const row of rows.slice(at + 1, end)) {
    const cellsOf = (field: TaskField) =>
      row.cells.filter(
        (cell) =>
          !isTaskBlockLabel(cell.text) &&
          columns.some((column) => column.field === field && overlapShare(cell, column) > TASK_CELL_MIN_OVERLAP_SHARE),
      );
    const name = cellsToRaw(cellsOf('name'));
    if (name === null) continue;
    tasks.push({ name, content: cellsToRaw(cellsOf('content')), budget: cellsToRaw(cellsOf('budget')) });
  }
  return { tasks, rest: [...rows.slice(0, at), ...rows.slice(end)] };
}
/** A task cell belongs to the header column over more than this share of its width (one grid: cells align). */
const TASK_CELL_MIN_OVERLAP_SHARE = 0.5;

/** Each department heading's region read as a DraftDeptTarget, numbered in document order. */
export function headingsToDeptTargets(blocks: FlowBlock[], headings: readonly Heading[]): DraftDeptTarget[] {
  let unitFields: UnitFields = { unitCode: null, unitName: null, amountUnit: null };
  return headings.map((heading, index) => {
    unitFields = headingToUnitFields(blocks, heading, unitFields);
    const rows = regionTables(blocks, heading).flatMap((table) => table.rows);
    const region = blocks.slice(heading.index, heading.endIndex);
    const pages = region.flatMap((block) =>
      block.kind === 'table' ? [block.pageFirst, block.pageLast] : [block.pageNumber],
    );
    const { tasks, rest } = rowsToTaskBlock(rows);
    const info = rowsToInfo(rest);
    const header = rowsToHeaderLabels(rest);
    const labelsSeen = [...new Set([...(info.labelsSeen ?? []), ...header.labelsSeen])];
    const unknownLabels = [...(info.unknownLabels ?? []), ...header.unknownLabels];
    return {
      seq: index + 1,
      tableTitle: headingToTitle(heading),
      amountUnit:
        cellTextsToAmountUnit(rows.flatMap((row) => row.cells.map((cell) => cell.text))) ?? unitFields.amountUnit,
      deptName: info.deptName ?? null,
      competentDept: info.competentDept ?? null,
      budgetTotal: info.budgetTotal,
      budgetFiscal: info.budgetFiscal,
      budgetOther: info.budgetOther,
      budgetCarryover: info.budgetCarryover ?? null,
      budgetBasic: info.budgetBasic ?? null,
      budgetProjects: info.budgetProjects ?? null,
      duties: info.duties ?? null,
      goal: info.goal,
      goalMidTerm: info.goalMidTerm ?? null,
      tasks,
      ...(labelsSeen.length > 0 ? { labelsSeen } : {}),
      ...(unknownLabels.length > 0 ? { unknownLabels } : {}),
      ...(header.indicatorHeaders.length > 0 ? { indicatorHeaders: header.indicatorHeaders } : {}),
      indicators: rowsToIndicators(rest),
      pageFirst: Math.min(...pages),
      pageLast: Math.max(...pages),
    };
  });
}
