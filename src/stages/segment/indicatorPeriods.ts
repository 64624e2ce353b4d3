/**
 * Two indicator tables in one project (TEMPLATES.md "Goals": 长期目标 + 年度目标, each with its own indicators): a
 * period marker (`长期指标` / `年度指标` as a sub-heading row, or a row-header cell `实施期绩效指标` / `年度绩效指标` left of
 * 一级指标; src/vocabulary/tableKinds.ts) opens the rows of its period, up to the next marker. Each period's rows are
 * read as an indicator table of their own (the header they print, else the one printed above), so that a level 1 is
 * never filled down from one table into the other. A project without markers reads as before, period absent (annual).
 */
import type { FlowRow } from '../../model/flow.js';
import type { DraftIndicatorRow } from '../../model/draft.js';
import { cellToIndicatorPeriod, type IndicatorPeriodName } from '../../vocabulary/tableKinds.js';
import { headerBlockOf } from '../../vocabulary/tableRows.js';
import { rowsToIndicators } from './indicatorTable.js';

/** The row without its period-marker cells; null when it held nothing else (a sub-heading row). */
function rowWithoutMarkers(row: FlowRow): FlowRow | null {
  const cells = row.cells.filter((cell) => cellToIndicatorPeriod(cell.text) === null);
  if (cells.length === row.cells.length) return row;
  return cells.some((cell) => cell.text.trim() !== '') ? { ...row, cells } : null;
}

/** The rows with every period marker taken out (what the info table and the header labels are read from). */
export function rowsWithoutPeriodMarkers(rows: readonly FlowRow[]): FlowRow[] {
  return rows.flatMap((row) => rowWithoutMarkers(row) ?? []);
}

/** The period the row's marker cell opens; null for a row without one. */
function rowToPeriod(row: FlowRow): IndicatorPeriodName | null {
  for (const cell of row.cells) {
    const period = cellToIndicatorPeriod(cell.text);
    if (period !== null) return period;
  }
  return null;
}

/** The indicator rows of a project's table rows, each with its period when the table prints period markers. */
export function rowsToPeriodIndicators(rows: FlowRow[]): DraftIndicatorRow[] {
  const parts: { period: IndicatorPeriodName; rows: FlowRow[] }[] = [{ period: 'annual', rows: [] }];
  for (const row of rows) {
    const period = rowToPeriod(row);
    if (period !== null) parts.push({ period, rows: [] });
    const kept = rowWithoutMarkers(row);
    if (kept) parts[parts.length - 1].rows.push(kept);
  }
  if (parts.length === 1) return rowsToIndicators(rows);
  const indicators: DraftIndicatorRow[] = [];
  let header: FlowRow[] = [];
  for (const part of parts) {
    const block = headerBlockOf(part.rows);
    if (block !== null) header = part.rows.slice(block.first, block.last + 1);
    if (header.length === 0) continue;
    const partRows = block !== null ? part.rows : [...header, ...part.rows];
    for (const indicator of rowsToIndicators(partRows)) indicators.push({ ...indicator, period: part.period });
  }
  return indicators;
}
