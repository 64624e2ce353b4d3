/** Targets: an indicator's 指标值 as printed into (op, value, unit). */
import type { TargetOp } from '../../model/index.js';
import type { DraftIndicatorRow } from '../../model/draft.js';
import { INDICATOR_UNIT_HEADERS, isPlaceholder } from '../../vocabulary/index.js';
import { fullWidthNumberCharsToAscii } from '../../vocabulary/text.js';

/** A target's unit is at most this long (`元/每平方米` in the seed); longer tails are prose, not units. */
const TARGET_UNIT_MAX_CHARS = 8;
/** Words that make a tail a deadline or an action, not a unit (`11月底前完成`: variants/transport-2021 first printed it). */
const PROSE_IN_UNIT = /[前后底]|完成|开展|之/u;

/** A unit that is wholly one bracket: `(%)`, `（%）` (not `台（套）`). */
const UNIT_IN_BRACKETS = /^[（(]([^()（）]+)[)）]$/u;

export type ParsedTarget = { op: TargetOp | null; value: number | null; unit: string | null };

const OP_PREFIXES: readonly [RegExp, TargetOp][] = [
  [/^(≥|>=|≧|＞=|不低于|不少于|大于等于|大于或等于|至少)/u, '>='],
  [/^(≤|<=|≦|＜=|不高于|不超过|不多于|小于等于|小于或等于|至多)/u, '<='],
  [/^(>|＞|大于|高于|超过|多于)/u, '>'],
  [/^(<|＜|小于|低于|少于)/u, '<'],
  [/^(=|＝|等于)/u, '='],
];
const OP_SUFFIXES: readonly [RegExp, TargetOp][] = [
  [/(及以上|以上)$/u, '>='],
  [/(及以下|以下|以内)$/u, '<='],
];

/**
 * A prefix that makes the number a change or a tolerance, not the target itself (`较上年增长10%`,
 * `±5%`, `同比下降3%`: reviewer's targets). Such targets keep their text and parse to nulls.
 */
const RELATIVE_TARGET_PREFIX = /[±+＋较]|比上年|比去年|增长|增加|下降|降低|减少|提高|提升|上升|同比|环比|幅度/u;

/**
 * `≥50家` → ('>=', 50, '家'); `90%` → ('=', 90, '%'); `-5%` → ('=', -5, '%'); `≥９０％` → ('>=', 90, '%');
 * `租金每平650元` → ('=', 650, '元'); a change (`较上年增长10%`, `±5%`) or prose → nulls.
 */
export function targetTextToTarget(text: string | null): ParsedTarget {
  const none: ParsedTarget = { op: null, value: null, unit: null };
  if (isPlaceholder(text)) return none;
  let rest = fullWidthNumberCharsToAscii(text!).replace(/\s+/g, '');
  let op: TargetOp | null = null;
  for (const [pattern, candidate] of OP_PREFIXES) {
    if (pattern.test(rest)) {
      op = candidate;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  for (const [pattern, candidate] of OP_SUFFIXES) {
    if (pattern.test(rest)) {
      op ??= candidate;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  const match = /^(\D*?)(\d+(?:\.\d+)?)(.*)$/u.exec(rest);
  if (!match) return none;
  const [, printedPrefix, number, unitText] = match;
  const negative = printedPrefix === '-';
  const prefix = negative ? '' : printedPrefix;
  if (op !== null && prefix !== '') return none;
  if (RELATIVE_TARGET_PREFIX.test(prefix) || /[-－—]/u.test(prefix)) return none;
  if (/\d/.test(unitText) && !/^[a-zA-Z]+\d$/.test(unitText)) return none; // a second number (`2022年完成1次`): prose
  if (unitText.length > TARGET_UNIT_MAX_CHARS) return none;
  if (PROSE_IN_UNIT.test(unitText)) return none;
  // A unit printed in brackets after the number (`=100.00(%)`, `≥90.00（%）`, central template) is the unit.
  const unit = UNIT_IN_BRACKETS.exec(unitText)?.[1] ?? unitText;
  return { op: op ?? '=', value: negative ? -Number(number) : Number(number), unit: unit === '' ? null : unit };
}

/**
 * Tables with a 计量单位 column (variants/transport-2021): where the value prints no unit, the
 * column gives it. The operator always comes from the value as printed (docs/contract.md: `90%` is
 * `=`), never from 指标方向, which says which way is better, not what the target is.
 */
export function targetWithColumnHints(parsed: ParsedTarget, hints: { unit: string | null }): ParsedTarget {
  if (parsed.value === null) return parsed;
  return { ...parsed, unit: parsed.unit ?? hints.unit };
}

/**
 * The unit a 计量单位 column gives the row (variants/transport-2021), or null where there is none or it is a placeholder.
 */
export function indicatorRowToUnitHint(row: DraftIndicatorRow): { unit: string | null } {
  for (const key of INDICATOR_UNIT_HEADERS) {
    const text = row.extra[key]?.text.replace(/\s+/g, '') ?? '';
    if (!isPlaceholder(text)) return { unit: text };
  }
  return { unit: null };
}
