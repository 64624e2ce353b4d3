/**
 * Compares what the pipeline produced (a BudgetDocument) with a fixture's hand-written
 * `<name>.expected.json` (the shape of fixtures/seed/seed-2022.expected.json), field by field.
 *
 * The expected side is written in the document's own terms: snake_case keys, money as the printed
 * decimal string in the table's amount_unit, spend plans as month → percent. `{"any_of": [...]}`
 * may stand for any value and accepts each listed value.
 *
 * Deliberately independent of src/: money conversion and the project-code check are re-implemented
 * here from docs/design.md and docs/contract.md, so a bug in the pipeline's version cannot hide in the comparison.
 */
import { z } from 'zod';
import type { BudgetDocument, DeptTargetTable, Indicator, Project } from '../src/model/index.js';

// ---------------------------------------------------------------------------------------------
// The expected-records format

const AnyOf = z.object({ any_of: z.array(z.unknown()).min(1) }).strict();
type AnyOf = z.infer<typeof AnyOf>;

/** A field that is either a value or `{"any_of": [values]}`. */
function orAnyOf<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.object({ any_of: z.array(schema).min(1) }).strict()]);
}

const Text = orAnyOf(z.string());
const NullableText = orAnyOf(z.string().nullable());
/** Money as printed, e.g. "1010.07" (万元) or "152000.00" (元). */
const PrintedAmount = orAnyOf(
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .nullable(),
);
const NullableNumber = orAnyOf(z.number().nullable());

export const ExpectedIndicator = z.object({
  level1: Text,
  level2: NullableText,
  level3: NullableText,
  description: NullableText,
  target_text: NullableText,
  target_op: orAnyOf(z.enum(['>=', '<=', '>', '<', '=']).nullable()),
  target_value: NullableNumber,
  target_unit: NullableText,
  basis: NullableText,
  /** Templates with a weight column (`分值（90）`, `权重`): the row's weight as printed; compared only when given. */
  weight: NullableNumber.optional(),
  /** Templates with 指标方向 / 计量单位 columns: as printed; compared only when given. */
  direction: NullableText.optional(),
  measure_unit: NullableText.optional(),
  /**
   * Templates printing a 长期 and a 年度 indicator table: the row's table, `mid_term` or `annual` (docs/templates.md);
   * compared only when given, an indicator without a period reading `annual`.
   */
  period: orAnyOf(z.enum(['annual', 'mid_term'])).optional(),
});
export type ExpectedIndicator = z.infer<typeof ExpectedIndicator>;

export const SPEND_MONTHS = ['3', '6', '10', '12'] as const;

export const ExpectedProject = z.object({
  seq: z.number().int().min(1),
  table_title: Text,
  unit_code: NullableText,
  unit_name: NullableText,
  amount_unit: Text,
  code: NullableText,
  name: Text,
  budget_total: PrintedAmount,
  budget_fiscal: PrintedAmount,
  budget_other: PrintedAmount,
  fund_use: NullableText,
  spend_plan: z.object({ '3': NullableNumber, '6': NullableNumber, '10': NullableNumber, '12': NullableNumber }),
  spend_plan_headers: orAnyOf(z.array(z.string())),
  goal: NullableText,
  indicators: z.array(ExpectedIndicator),
  /**
   * Templates that print them (central 主管部门及代码 `[158]…`, 实施单位, 上年结转资金): compared only when given, so the
   * seed-template fixtures stay as they are.
   */
  competent_dept: NullableText.optional(),
  competent_dept_code: NullableText.optional(),
  implementing_unit: NullableText.optional(),
  budget_carryover: PrintedAmount.optional(),
  budget_project_total: PrintedAmount.optional(),
  goal_mid_term: NullableText.optional(),
});
export type ExpectedProject = z.infer<typeof ExpectedProject>;

/**
 * A 部门整体支出绩效目标表 (docs/templates.md): money as printed in its amount_unit, its tasks and indicators. A fixture
 * that gives no `dept_targets` expects none.
 */
export const ExpectedDeptTarget = z.object({
  seq: z.number().int().min(1),
  table_title: Text,
  dept_name: NullableText,
  competent_dept: NullableText,
  competent_dept_code: NullableText,
  amount_unit: Text,
  budget_total: PrintedAmount,
  budget_fiscal: PrintedAmount,
  budget_other: PrintedAmount,
  budget_carryover: PrintedAmount,
  budget_basic: PrintedAmount,
  budget_projects: PrintedAmount,
  duties: NullableText,
  goal: NullableText,
  goal_mid_term: NullableText,
  tasks: z.array(z.object({ name: Text, content: NullableText, budget: PrintedAmount })),
  weight_total: NullableNumber,
  indicators: z.array(ExpectedIndicator),
});
export type ExpectedDeptTarget = z.infer<typeof ExpectedDeptTarget>;

/** Rule names a fixture may list in `expected_findings`; compareFindings checks exactly these kinds. */
export const CHECKED_FINDING_RULES = [
  'check_char_failed',
  'code_missing',
  'spend_plan_incomplete',
  'spend_plan_decreasing',
  'budget_parts_mismatch',
  'toc_project_missing',
  'project_not_in_toc',
  'level2_under_wrong_level1',
  'weights_do_not_add_up',
] as const;

export const ExpectedFinding = z.object({
  rule: z.enum(CHECKED_FINDING_RULES),
  project_seq: z.number().int().nullable(),
});
export type ExpectedFinding = z.infer<typeof ExpectedFinding>;

export const ExpectedDocument = z.object({
  id: z.string(),
  /** The template the document must match (documents.template, docs/templates.md); compared only when given. */
  template: NullableText.optional(),
  title: NullableText,
  department: NullableText,
  fiscal_year: NullableNumber,
  is_draft: orAnyOf(z.boolean()),
  toc: z.array(z.object({ seq: z.number().int().min(1), title: Text, page: NullableNumber })),
  overall_goal: NullableText,
  sub_goals: z.array(z.object({ title: NullableText, body: Text })),
  measures: z.array(Text),
  projects: z.array(ExpectedProject),
  dept_targets: z.array(ExpectedDeptTarget).optional(),
  expected_findings: z.array(ExpectedFinding).optional(),
  cover_lines: z.array(z.string()).optional(),
});
export type ExpectedDocument = z.infer<typeof ExpectedDocument>;

export const Mismatch = z.object({
  /** Where, in the expected file's terms: `projects[seq=3].indicators[4].target_text`. */
  path: z.string(),
  /**
   * The expected value (money converted to yuan; `{any_of}` when several are accepted); undefined = no such entry
   * expected.
   */
  expected: z.unknown(),
  /** What the pipeline produced; undefined = the entry is absent. */
  actual: z.unknown(),
});
export type Mismatch = z.infer<typeof Mismatch>;

export const FindingProblem = z.object({
  problem: z.enum(['missing', 'unexpected']),
  rule: z.string(),
  project_seq: z.number().int().nullable(),
});
export type FindingProblem = z.infer<typeof FindingProblem>;

// ---------------------------------------------------------------------------------------------
// Independent re-implementations of the contract's arithmetic

/** Decimal places that shift a printed amount into yuan, by the table's 单位. */
const YUAN_DECIMAL_SHIFT_BY_UNIT: Record<string, number> = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 };

/**
 * A printed decimal in `amountUnit` as integer yuan, by string arithmetic (docs/contract.md: `1010.07`
 * 万元 is 10100700). Throws when the unit is unknown or the amount is not a whole number of yuan:
 * both are mistakes in a fixture, not in the pipeline.
 */
export function printedAmountToYuan(printed: string | null, amountUnit: string): number | null {
  if (printed === null) return null;
  const shift = YUAN_DECIMAL_SHIFT_BY_UNIT[amountUnit];
  if (shift === undefined) throw new Error(`unknown amount unit ${JSON.stringify(amountUnit)}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(printed.trim());
  if (!match) throw new Error(`not a printed amount: ${JSON.stringify(printed)}`);
  const [, sign, whole, fraction = ''] = match;
  const paddedFraction = fraction.padEnd(shift, '0');
  const beyondYuan = paddedFraction.slice(shift);
  if (/[^0]/.test(beyondYuan)) throw new Error(`${printed} ${amountUnit} is not a whole number of yuan`);
  const digits = (whole + paddedFraction.slice(0, shift)).replace(/^0+(?=\d)/, '');
  const yuan = Number(digits);
  if (!Number.isSafeInteger(yuan)) throw new Error(`${printed} ${amountUnit} is too large`);
  return sign === '-' && yuan !== 0 ? -yuan : yuan;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_LENGTH = 21;

/**
 * docs/design.md §3: s = Σ value(cᵢ)·(3ⁱ mod 31) over the first 20 characters; last = alphabet[(30 − s mod 31) mod 31].
 */
export function projectCodeCheckPasses(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  let sum = 0;
  let weight = 1; // 3^i mod 31
  for (let i = 0; i < CODE_LENGTH - 1; i += 1) {
    const value = CODE_ALPHABET.indexOf(code[i]);
    if (value < 0) return false;
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return code[CODE_LENGTH - 1] === CODE_ALPHABET[(30 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------
// Comparison

function isAnyOf(value: unknown): value is AnyOf {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as AnyOf).any_of);
}

/** The values an expected field accepts. */
function acceptedValues(expected: unknown): unknown[] {
  return isAnyOf(expected) ? expected.any_of : [expected];
}

/** Deep equality where `{any_of}` anywhere on the expected side accepts any listed value. */
function matchesExpected(expected: unknown, actual: unknown): boolean {
  if (isAnyOf(expected)) return expected.any_of.some((alternative) => matchesExpected(alternative, actual));
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matchesExpected(item, actual[i]))
    );
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const expectedKeys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    return (
      expectedKeys.length === actualKeys.length &&
      expectedKeys.every((key) =>
        matchesExpected((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key]),
      )
    );
  }
  return Object.is(expected, actual);
}

/** A collector of mismatches: `field` pushes one when the actual value is not accepted. */
function mismatchCollector() {
  const mismatches: Mismatch[] = [];
  const field = (path: string, expected: unknown, actual: unknown): void => {
    if (!matchesExpected(expected, actual)) mismatches.push({ path, expected, actual });
  };
  const absent = (path: string, expected: unknown): void => {
    mismatches.push({ path, expected, actual: undefined });
  };
  const extra = (path: string, actual: unknown): void => {
    mismatches.push({ path, expected: undefined, actual });
  };
  return { mismatches, field, absent, extra };
}
type Collector = ReturnType<typeof mismatchCollector>;

/** Maps every accepted value through `convert`, keeping the `{any_of}` form when there are several. */
function convertAccepted(expected: unknown, convert: (value: unknown) => unknown[]): unknown {
  const converted = acceptedValues(expected).flatMap(convert);
  const unique = converted.filter((value, i) => converted.findIndex((other) => Object.is(other, value)) === i);
  return unique.length === 1 ? unique[0] : { any_of: unique };
}

function expectedYuan(printed: unknown, amountUnit: unknown): unknown {
  return convertAccepted(printed, (value) =>
    acceptedValues(amountUnit).map((unit) => printedAmountToYuan(value as string | null, unit as string)),
  );
}

function expectedCodeCheck(code: unknown): unknown {
  return convertAccepted(code, (value) => [value === null ? null : projectCodeCheckPasses(value as string)]);
}

function bySeq<T extends { seq: number }>(items: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const item of items) grouped.set(item.seq, [...(grouped.get(item.seq) ?? []), item]);
  return grouped;
}

function compareToc(expected: ExpectedDocument, actual: BudgetDocument, c: Collector): void {
  const actualBySeq = bySeq(actual.toc);
  for (const entry of expected.toc) {
    const path = `toc[seq=${entry.seq}]`;
    const [found, ...duplicates] = actualBySeq.get(entry.seq) ?? [];
    if (!found) {
      c.absent(path, entry);
      continue;
    }
    c.field(`${path}.title`, entry.title, found.title);
    c.field(`${path}.page`, entry.page, found.pageNumber);
    for (const duplicate of duplicates) c.extra(path, duplicate);
  }
  const expectedSeqs = new Set(expected.toc.map((entry) => entry.seq));
  for (const entry of actual.toc) if (!expectedSeqs.has(entry.seq)) c.extra(`toc[seq=${entry.seq}]`, entry);
}

function compareGoalsAndMeasures(expected: ExpectedDocument, actual: BudgetDocument, c: Collector): void {
  const overall = actual.deptGoals.filter((goal) => goal.kind === 'overall');
  c.field('overall_goal', expected.overall_goal, overall[0]?.body ?? null);
  if (overall[0]) {
    c.field('overall_goal.seq', 0, overall[0].seq);
    c.field('overall_goal.title', null, overall[0].title);
  }
  for (const duplicate of overall.slice(1)) c.extra('overall_goal', duplicate);

  const subs = actual.deptGoals.filter((goal) => goal.kind === 'sub').sort((a, b) => a.seq - b.seq);
  const subCount = Math.max(subs.length, expected.sub_goals.length);
  for (let i = 0; i < subCount; i += 1) {
    const path = `sub_goals[${i}]`;
    const want = expected.sub_goals[i];
    const got = subs[i];
    if (!got) c.absent(path, want);
    else if (!want) c.extra(path, got);
    else {
      c.field(`${path}.seq`, i + 1, got.seq);
      c.field(`${path}.title`, want.title, got.title);
      c.field(`${path}.body`, want.body, got.body);
    }
  }

  const measures = [...actual.measures].sort((a, b) => a.seq - b.seq);
  const measureCount = Math.max(measures.length, expected.measures.length);
  for (let i = 0; i < measureCount; i += 1) {
    const path = `measures[${i}]`;
    const got = measures[i];
    if (!got) c.absent(path, expected.measures[i]);
    else if (i >= expected.measures.length) c.extra(path, got);
    else {
      c.field(`${path}.seq`, i + 1, got.seq);
      c.field(path, expected.measures[i], got.body);
    }
  }
}

const INDICATOR_FIELDS: ReadonlyArray<readonly [keyof ExpectedIndicator, keyof Indicator]> = [
  ['level1', 'level1'],
  ['level2', 'level2'],
  ['level3', 'level3'],
  ['description', 'description'],
  ['target_text', 'targetText'],
  ['target_op', 'targetOp'],
  ['target_value', 'targetValue'],
  ['target_unit', 'targetUnit'],
  ['basis', 'basis'],
];
/** Indicator fields compared only when the expected row gives them (templates with such columns). */
const OPTIONAL_INDICATOR_FIELDS: ReadonlyArray<readonly [keyof ExpectedIndicator, keyof Indicator]> = [
  ['weight', 'weight'],
  ['direction', 'direction'],
  ['measure_unit', 'measureUnit'],
];

function compareIndicators(
  path: string,
  expected: ExpectedIndicator[],
  actualIndicators: Indicator[],
  c: Collector,
): void {
  const actual = [...actualIndicators].sort((a, b) => a.seq - b.seq);
  const count = Math.max(expected.length, actual.length);
  for (let i = 0; i < count; i += 1) {
    const rowPath = `${path}.indicators[${i}]`;
    const want = expected[i];
    const got = actual[i];
    if (!got) c.absent(rowPath, want);
    else if (!want) c.extra(rowPath, got);
    else {
      c.field(`${rowPath}.seq`, i + 1, got.seq);
      for (const [expectedKey, actualKey] of INDICATOR_FIELDS)
        c.field(`${rowPath}.${expectedKey}`, want[expectedKey], got[actualKey]);
      for (const [expectedKey, actualKey] of OPTIONAL_INDICATOR_FIELDS)
        if (want[expectedKey] !== undefined)
          c.field(`${rowPath}.${expectedKey}`, want[expectedKey], got[actualKey] ?? null); // absent: not printed
      if (want.period !== undefined) c.field(`${rowPath}.period`, want.period, got.period ?? 'annual');
    }
  }
}

function compareProject(want: ExpectedProject, got: Project, c: Collector): void {
  const path = `projects[seq=${want.seq}]`;
  c.field(`${path}.table_title`, want.table_title, got.tableTitle);
  c.field(`${path}.unit_code`, want.unit_code, got.unitCode);
  c.field(`${path}.unit_name`, want.unit_name, got.unitName);
  c.field(`${path}.amount_unit`, want.amount_unit, got.amountUnit);
  c.field(`${path}.code`, want.code, got.code);
  c.field(`${path}.code_check_ok`, expectedCodeCheck(want.code), got.codeCheckOk);
  c.field(`${path}.name`, want.name, got.name);
  c.field(`${path}.budget_total`, expectedYuan(want.budget_total, want.amount_unit), got.budgetTotalYuan);
  c.field(`${path}.budget_fiscal`, expectedYuan(want.budget_fiscal, want.amount_unit), got.budgetFiscalYuan);
  c.field(`${path}.budget_other`, expectedYuan(want.budget_other, want.amount_unit), got.budgetOtherYuan);
  c.field(`${path}.fund_use`, want.fund_use, got.fundUse);
  if (want.competent_dept !== undefined)
    c.field(`${path}.competent_dept`, want.competent_dept, got.competentDept ?? null);
  if (want.competent_dept_code !== undefined)
    c.field(`${path}.competent_dept_code`, want.competent_dept_code, got.competentDeptCode ?? null);
  if (want.implementing_unit !== undefined)
    c.field(`${path}.implementing_unit`, want.implementing_unit, got.implementingUnit ?? null);
  if (want.budget_project_total !== undefined)
    c.field(
      `${path}.budget_project_total`,
      expectedYuan(want.budget_project_total, want.amount_unit),
      got.budgetProjectTotalYuan ?? null,
    );
  if (want.goal_mid_term !== undefined) c.field(`${path}.goal_mid_term`, want.goal_mid_term, got.goalMidTerm ?? null);
  if (want.budget_carryover !== undefined)
    c.field(
      `${path}.budget_carryover`,
      expectedYuan(want.budget_carryover, want.amount_unit),
      got.budgetCarryoverYuan ?? null,
    );
  c.field(`${path}.goal`, want.goal, got.goal);
  for (const month of SPEND_MONTHS) {
    const checkpoints = got.spendPlan.filter((checkpoint) => checkpoint.month === Number(month));
    c.field(`${path}.spend_plan.${month}`, want.spend_plan[month], checkpoints[0]?.cumulativePct ?? null);
    for (const duplicate of checkpoints.slice(1)) c.extra(`${path}.spend_plan.${month}`, duplicate);
  }
  c.field(`${path}.spend_plan_headers`, want.spend_plan_headers, got.spendPlanHeaders);
  compareIndicators(path, want.indicators, got.indicators, c);
}

function compareDeptTarget(want: ExpectedDeptTarget, got: DeptTargetTable, c: Collector): void {
  const path = `dept_targets[seq=${want.seq}]`;
  const money = (key: string, printed: unknown, actual: number | null) =>
    c.field(`${path}.${key}`, expectedYuan(printed, want.amount_unit), actual);
  c.field(`${path}.table_title`, want.table_title, got.tableTitle);
  c.field(`${path}.dept_name`, want.dept_name, got.deptName);
  c.field(`${path}.competent_dept`, want.competent_dept, got.competentDept);
  c.field(`${path}.competent_dept_code`, want.competent_dept_code, got.competentDeptCode);
  c.field(`${path}.amount_unit`, want.amount_unit, got.amountUnit);
  money('budget_total', want.budget_total, got.budgetTotalYuan);
  money('budget_fiscal', want.budget_fiscal, got.budgetFiscalYuan);
  money('budget_other', want.budget_other, got.budgetOtherYuan);
  money('budget_carryover', want.budget_carryover, got.budgetCarryoverYuan);
  money('budget_basic', want.budget_basic, got.budgetBasicYuan);
  money('budget_projects', want.budget_projects, got.budgetProjectsYuan);
  c.field(`${path}.duties`, want.duties, got.duties);
  c.field(`${path}.goal`, want.goal, got.goal);
  c.field(`${path}.goal_mid_term`, want.goal_mid_term, got.goalMidTerm);
  const taskCount = Math.max(want.tasks.length, got.tasks.length);
  for (let i = 0; i < taskCount; i += 1) {
    const taskPath = `${path}.tasks[${i}]`;
    const [wantTask, gotTask] = [want.tasks[i], got.tasks[i]];
    if (!gotTask) c.absent(taskPath, wantTask);
    else if (!wantTask) c.extra(taskPath, gotTask);
    else {
      c.field(`${taskPath}.seq`, i + 1, gotTask.seq);
      c.field(`${taskPath}.name`, wantTask.name, gotTask.name);
      c.field(`${taskPath}.content`, wantTask.content, gotTask.content);
      c.field(`${taskPath}.budget`, expectedYuan(wantTask.budget, want.amount_unit), gotTask.budgetYuan);
    }
  }
  c.field(`${path}.weight_total`, want.weight_total, got.weightTotal);
  compareIndicators(path, want.indicators, got.indicators, c);
}

/** Reads an expected.json value; throws (a fixture mistake) when it is not in the expected-records shape. */
export function parseExpectedDocument(expected: unknown): ExpectedDocument {
  const parsed = ExpectedDocument.safeParse(expected);
  if (!parsed.success) throw new Error(`expected records are malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Every field of `expected` (an expected.json) that `actual` does not reproduce; [] when all match. */
export function compareWithExpected(actual: BudgetDocument, expected: unknown): Mismatch[] {
  const want = parseExpectedDocument(expected);
  const c = mismatchCollector();
  c.field('title', want.title, actual.title);
  c.field('department', want.department, actual.department);
  c.field('fiscal_year', want.fiscal_year, actual.fiscalYear);
  c.field('is_draft', want.is_draft, actual.isDraft);
  if (want.template !== undefined) c.field('template', want.template, actual.template ?? null);
  compareToc(want, actual, c);
  compareGoalsAndMeasures(want, actual, c);

  const actualBySeq = bySeq(actual.projects);
  for (const project of want.projects) {
    const [found, ...duplicates] = actualBySeq.get(project.seq) ?? [];
    if (!found) c.absent(`projects[seq=${project.seq}]`, { seq: project.seq, name: project.name });
    else compareProject(project, found, c);
    for (const duplicate of duplicates)
      c.extra(`projects[seq=${project.seq}]`, { seq: duplicate.seq, name: duplicate.name });
  }
  const expectedSeqs = new Set(want.projects.map((project) => project.seq));
  for (const project of actual.projects) {
    if (!expectedSeqs.has(project.seq))
      c.extra(`projects[seq=${project.seq}]`, { seq: project.seq, name: project.name });
  }
  const actualTargets = bySeq(actual.deptTargets ?? []);
  for (const target of want.dept_targets ?? []) {
    const [found, ...duplicates] = actualTargets.get(target.seq) ?? [];
    if (!found) c.absent(`dept_targets[seq=${target.seq}]`, { seq: target.seq, dept_name: target.dept_name });
    else compareDeptTarget(target, found, c);
    for (const duplicate of duplicates) c.extra(`dept_targets[seq=${target.seq}]`, { seq: duplicate.seq });
  }
  const expectedTargetSeqs = new Set((want.dept_targets ?? []).map((target) => target.seq));
  for (const target of actual.deptTargets ?? [])
    if (!expectedTargetSeqs.has(target.seq))
      c.extra(`dept_targets[seq=${target.seq}]`, { seq: target.seq, dept_name: target.deptName });
  return c.mismatches;
}

/**
 * Expected findings that the pipeline did not raise, and findings it raised of the checked rule kinds
 * (CHECKED_FINDING_RULES by default) that were not expected. A finding is identified by rule and
 * project seq; raising the same one twice is not a problem here.
 */
export function compareFindings(
  actual: BudgetDocument,
  expectedFindings: unknown,
  checkedRules: readonly string[] = CHECKED_FINDING_RULES,
): FindingProblem[] {
  const expected = z.array(ExpectedFinding).parse(expectedFindings ?? []);
  const key = (rule: string, projectSeq: number | null) => `${rule}@${projectSeq ?? 'document'}`;
  const expectedKeys = new Set(expected.map((finding) => key(finding.rule, finding.project_seq)));
  const actualKeys = new Set(actual.findings.map((finding) => key(finding.rule, finding.projectSeq)));

  const problems: FindingProblem[] = [];
  for (const finding of expected) {
    if (!actualKeys.has(key(finding.rule, finding.project_seq))) {
      problems.push({ problem: 'missing', rule: finding.rule, project_seq: finding.project_seq });
    }
  }
  const reported = new Set<string>();
  for (const finding of actual.findings) {
    const findingKey = key(finding.rule, finding.projectSeq);
    if (!checkedRules.includes(finding.rule) || expectedKeys.has(findingKey) || reported.has(findingKey)) continue;
    reported.add(findingKey);
    problems.push({ problem: 'unexpected', rule: finding.rule, project_seq: finding.projectSeq });
  }
  return problems;
}

function describeValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (isAnyOf(value)) return `any of ${value.any_of.map(describeValue).join(' | ')}`;
  return JSON.stringify(value);
}

/** One line per mismatch, naming the field and both values: for test failure messages. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  if (mismatches.length === 0) return 'no mismatches';
  const lines = mismatches.map(
    (m) => `  ${m.path}\n    expected ${describeValue(m.expected)}\n    actual   ${describeValue(m.actual)}`,
  );
  return `${mismatches.length} field(s) differ from the expected records:\n${lines.join('\n')}`;
}
