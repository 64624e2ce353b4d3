/** Spend plans: the value cells of a 资金支出计划 by the month header they stand under. */
import type { SpendCheckpoint } from '../../model/index.js';
import type { PositionedText } from '../../model/draft.js';
import { labelKey, monthOfHeader } from '../../vocabulary/index.js';
import { SPEND_PLAN_MONTHS, isSpendPlanMonth } from '../../vocabulary/spendPlan.js';
import { horizontalOverlapPt } from '../../vocabulary/tableRows.js';
import { fullWidthNumberCharsToAscii } from '../../vocabulary/text.js';

/**
 * Each value cell to the month it stands under (or the month it names itself: `12月底100%`), any month; full-width digits
 * and ％ read as ASCII.
 */
export function spendCellsToMonthPcts(headers: PositionedText[], values: PositionedText[]): Map<number, number> {
  const byMonth = new Map<number, number>();
  for (const value of values) {
    const text = labelKey(fullWidthNumberCharsToAscii(value.text));
    const pct = /(\d+(?:\.\d+)?)%?$/u.exec(text);
    if (!pct) continue;
    const named = /^(\d{1,2})月(底|末)?/u.exec(text);
    let month: number | null = named ? Number(named[1]) : null;
    if (month === null) {
      let bestOverlap = 0;
      for (const header of headers) {
        const overlap = horizontalOverlapPt(header, value);
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          month = monthOfHeader(header.text);
        }
      }
    }
    if (month !== null) byMonth.set(month, Number(pct[1]));
  }
  return byMonth;
}

/** The checkpoints the contract stores (SPEND_PLAN_MONTHS), in month order. */
export function spendCellsToPlan(headers: PositionedText[], values: PositionedText[]): SpendCheckpoint[] {
  const byMonth = spendCellsToMonthPcts(headers, values);
  return SPEND_PLAN_MONTHS.filter((month) => byMonth.has(month)).map((month) => ({
    month,
    cumulativePct: byMonth.get(month)!,
  }));
}

/** Checkpoints at months the contract cannot store (`9月底` of 3/6/9/12 plans), in month order. */
export function spendCellsToUnsupported(
  headers: PositionedText[],
  values: PositionedText[],
): Array<{ month: number; cumulativePct: number }> {
  return [...spendCellsToMonthPcts(headers, values)]
    .filter(([month]) => !isSpendPlanMonth(month))
    .sort(([a], [b]) => a - b)
    .map(([month, cumulativePct]) => ({ month, cumulativePct }));
}
