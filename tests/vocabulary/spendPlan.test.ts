import { describe, expect, it } from 'vitest';
import { MONTH_HEADERS } from '../../src/vocabulary/index.js';
import { SPEND_PLAN_MONTHS, isSpendPlanMonth } from '../../src/vocabulary/spendPlan.js';

describe('spend-plan checkpoints', () => {
  it('are the months 3, 6, 10 and 12, printed as N月底', () => {
    expect(SPEND_PLAN_MONTHS).toEqual([3, 6, 10, 12]);
    expect(MONTH_HEADERS).toEqual(['3月底', '6月底', '10月底', '12月底']);
  });
  it('leave other months to a finding', () => {
    expect(isSpendPlanMonth(10)).toBe(true);
    expect(isSpendPlanMonth(9)).toBe(false);
  });
});
