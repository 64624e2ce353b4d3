/**
 * How an indicator's target changed between two linked projects (issue 19), by operator + value + unit; the same rule
 * as the SQL of v_indicator_changes (src/stages/store/migrationProjectLinks.ts; tests/history check both agree).
 */
import type { LinkIndicator, TargetChange } from './model.js';

const LOWER_BOUNDS = new Set(['>=', '>']);
const UPPER_BOUNDS = new Set(['<=', '<']);

const comparableText = (text: string | null) => (text ?? '').replace(/[ \u3000]/g, '');

/**
 * `new` / `dropped` when one side is missing; a target without operator or value on either side is `unchanged` when
 * its text is, else `changed`; another unit is `changed`; a lower bound (≥, >) raised, or an upper bound (≤, <)
 * lowered, is `tightened`, the reverse `loosened`; `=` with another value, or ≥ turned into ≤, is `changed`.
 */
export function targetsToChange(from: LinkIndicator | null, to: LinkIndicator | null): TargetChange {
  if (from === null) return 'new';
  if (to === null) return 'dropped';
  if (from.targetOp === null || to.targetOp === null || from.targetValue === null || to.targetValue === null) {
    return comparableText(from.targetText) === comparableText(to.targetText) ? 'unchanged' : 'changed';
  }
  if ((from.targetUnit ?? '') !== (to.targetUnit ?? '')) return 'changed';
  if (from.targetOp === to.targetOp && from.targetValue === to.targetValue) return 'unchanged';
  if (LOWER_BOUNDS.has(from.targetOp) && LOWER_BOUNDS.has(to.targetOp)) {
    const tighter = to.targetValue > from.targetValue || (to.targetValue === from.targetValue && to.targetOp === '>');
    return tighter ? 'tightened' : 'loosened';
  }
  if (UPPER_BOUNDS.has(from.targetOp) && UPPER_BOUNDS.has(to.targetOp)) {
    const tighter = to.targetValue < from.targetValue || (to.targetValue === from.targetValue && to.targetOp === '<');
    return tighter ? 'tightened' : 'loosened';
  }
  return 'changed';
}
