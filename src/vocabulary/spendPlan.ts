/** The spend plan (资金支出计划): the checkpoints the documents print and the contract stores. */
import type { SpendMonth } from '../model/document.js';

/** The spend-plan checkpoints the documents print (cumulative by the end of month 3, 6, 10 and 12), in month order. */
export const SPEND_PLAN_MONTHS: readonly SpendMonth[] = [3, 6, 10, 12];

/** Whether a month is one of the checkpoints the contract stores. */
export function isSpendPlanMonth(month: number): month is SpendMonth {
  return (SPEND_PLAN_MONTHS as readonly number[]).includes(month);
}
