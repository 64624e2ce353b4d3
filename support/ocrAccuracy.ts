/**
 * OCR accuracy of an extracted BudgetDocument against a fixture's expected records (issue 3,
 * acceptance): projects found; fields that must be exact (codes, money, spend plans, level-1/2
 * names); indicator-row recall and precision; mean character error rate (CER) of the other text.
 *
 * Independent of src/: money and alignment are re-implemented here; `{any_of}` accepts any value
 * (the one closest to the actual text counts for CER).
 */
import type { BudgetDocument, Indicator, Project } from '../src/model/index.js';
import {
  parseExpectedDocument,
  printedAmountToYuan,
  SPEND_MONTHS,
  type ExpectedIndicator,
  type ExpectedProject,
} from './expected.js';

type AnyOf = { any_of: unknown[] };
const isAnyOf = (value: unknown): value is AnyOf =>
  typeof value === 'object' && value !== null && Array.isArray((value as AnyOf).any_of);
const accepted = (value: unknown): unknown[] => (isAnyOf(value) ? value.any_of : [value]);

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let previous = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const current = [i];
    for (let j = 1; j <= B.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[B.length];
}

/** Edits over expected length, capped at 1; null/empty on both sides is 0, one side missing is 1. */
export function characterErrorRate(expected: string | null, actual: string | null): number {
  const want = expected ?? '';
  const got = actual ?? '';
  if (want === '' && got === '') return 0;
  if (want === '' || got === '') return 1;
  return Math.min(1, editDistance(want, got) / [...want].length);
}

/** The CER against the closest accepted expected value. */
function bestCer(expected: unknown, actual: string | null): number {
  return Math.min(...accepted(expected).map((value) => characterErrorRate(value as string | null, actual)));
}

const equalsAccepted = (expected: unknown, actual: unknown): boolean =>
  accepted(expected).some((value) => Object.is(value, actual));

export type ExactMiss = { path: string; expected: unknown; actual: unknown };

export type OcrAccuracy = {
  projectsExpected: number;
  projectsFound: number;
  /** Exact-field misses: codes, money, spend plans, level-1 and level-2 names of matched rows. */
  exactMisses: ExactMiss[];
  exactFieldsChecked: number;
  indicatorRowsExpected: number;
  indicatorRowsActual: number;
  indicatorRowsMatched: number;
  recall: number;
  precision: number;
  /** Mean over text fields of each field's CER. */
  meanCer: number;
  /** Total edits over total expected characters (weighted by length). */
  charCer: number;
  textFieldsChecked: number;
  /** Every text field compared, in document order (for error analysis). */
  fields: Array<{ path: string; cer: number; expected: string; actual: string | null }>;
  /** The worst text fields, for the failure message. */
  worstFields: Array<{ path: string; cer: number; expected: string; actual: string | null }>;
};

/** An expected and an actual indicator row are the same row when their printed text is this close. */
const ROW_MATCH_MAX_CER = 0.5;

function rowKey(row: { level2: unknown; level3: unknown; description: unknown; target: unknown }): string {
  return [row.level2, row.level3, row.description, row.target].map((v) => String(accepted(v)[0] ?? '')).join('|');
}

/** Order-preserving alignment (LCS with a similarity test) of expected to actual rows. */
function alignRows(expected: ExpectedIndicator[], actual: Indicator[]): Array<[number, number]> {
  const similar = (i: number, j: number) =>
    characterErrorRate(
      rowKey({
        level2: expected[i].level2,
        level3: expected[i].level3,
        description: expected[i].description,
        target: expected[i].target_text,
      }),
      rowKey({
        level2: actual[j].level2,
        level3: actual[j].level3,
        description: actual[j].description,
        target: actual[j].targetText,
      }),
    ) <= ROW_MATCH_MAX_CER;
  const n = expected.length;
  const m = actual.length;
  const table = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      table[i][j] = similar(i, j) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (similar(i, j) && table[i][j] === table[i + 1][j + 1] + 1) pairs.push([i++, j++]);
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

export function measureOcrAccuracy(actual: BudgetDocument, expectedJson: unknown): OcrAccuracy {
  const want = parseExpectedDocument(expectedJson);
  const exactMisses: ExactMiss[] = [];
  let exactFieldsChecked = 0;
  const exact = (path: string, expected: unknown, got: unknown) => {
    exactFieldsChecked++;
    if (!equalsAccepted(expected, got)) exactMisses.push({ path, expected, actual: got });
  };
  const texts: Array<{
    path: string;
    cer: number;
    edits: number;
    chars: number;
    expected: string;
    actual: string | null;
  }> = [];
  const text = (path: string, expected: unknown, got: string | null) => {
    const cer = bestCer(expected, got);
    const best = accepted(expected).find((value) => characterErrorRate(value as string | null, got) === cer) as
      | string
      | null;
    const chars = Math.max(1, [...(best ?? '')].length);
    texts.push({ path, cer, edits: cer * chars, chars, expected: best ?? '', actual: got });
  };

  text('title', want.title, actual.title);
  for (const entry of want.toc) {
    text(`toc[${entry.seq}].title`, entry.title, actual.toc.find((t) => t.seq === entry.seq)?.title ?? null);
  }
  text('overall_goal', want.overall_goal, actual.deptGoals.find((g) => g.kind === 'overall')?.body ?? null);
  const subs = actual.deptGoals.filter((g) => g.kind === 'sub').sort((a, b) => a.seq - b.seq);
  want.sub_goals.forEach((goal, i) => {
    text(`sub_goals[${i}].title`, goal.title, subs[i]?.title ?? null);
    text(`sub_goals[${i}].body`, goal.body, subs[i]?.body ?? null);
  });
  want.measures.forEach((body, i) => {
    text(`measures[${i}]`, body, actual.measures.find((m) => m.seq === i + 1)?.body ?? null);
  });

  let rowsExpected = 0;
  let rowsActual = 0;
  let rowsMatched = 0;
  let projectsFound = 0;
  for (const project of want.projects) {
    const got: Project | undefined = actual.projects.find((p) => p.seq === project.seq);
    rowsExpected += project.indicators.length;
    if (!got) continue;
    projectsFound++;
    compareProjectFields(project, got, exact, text);
    rowsActual += got.indicators.length;
    const pairs = alignRows(project.indicators, got.indicators);
    rowsMatched += pairs.length;
    for (const [i, j] of pairs) {
      const w = project.indicators[i];
      const g = got.indicators[j];
      const path = `projects[${project.seq}].indicators[${i}]`;
      exact(`${path}.level1`, w.level1, g.level1);
      exact(`${path}.level2`, w.level2, g.level2);
      text(`${path}.level3`, w.level3, g.level3);
      text(`${path}.description`, w.description, g.description);
      text(`${path}.target_text`, w.target_text, g.targetText);
      text(`${path}.basis`, w.basis, g.basis);
    }
  }
  for (const project of actual.projects)
    if (!want.projects.some((p) => p.seq === project.seq)) rowsActual += project.indicators.length;

  const totalChars = texts.reduce((sum, t) => sum + t.chars, 0);
  return {
    projectsExpected: want.projects.length,
    projectsFound,
    exactMisses,
    exactFieldsChecked,
    indicatorRowsExpected: rowsExpected,
    indicatorRowsActual: rowsActual,
    indicatorRowsMatched: rowsMatched,
    recall: rowsExpected === 0 ? 1 : rowsMatched / rowsExpected,
    precision: rowsActual === 0 ? 1 : rowsMatched / rowsActual,
    meanCer: texts.length === 0 ? 0 : texts.reduce((sum, t) => sum + t.cer, 0) / texts.length,
    charCer: totalChars === 0 ? 0 : texts.reduce((sum, t) => sum + t.edits, 0) / totalChars,
    textFieldsChecked: texts.length,
    fields: texts.map(({ path, cer, expected, actual: got }) => ({ path, cer, expected, actual: got })),
    worstFields: [...texts]
      .sort((a, b) => b.cer - a.cer)
      .filter((t) => t.cer > 0)
      .slice(0, 15)
      .map(({ path, cer, expected, actual: got }) => ({ path, cer, expected, actual: got })),
  };
}

function compareProjectFields(
  want: ExpectedProject,
  got: Project,
  exact: (path: string, expected: unknown, actual: unknown) => void,
  text: (path: string, expected: unknown, actual: string | null) => void,
): void {
  const path = `projects[${want.seq}]`;
  exact(`${path}.code`, want.code, got.code);
  const yuan = (printed: unknown) =>
    accepted(printed).flatMap((p) =>
      accepted(want.amount_unit).map((unit) => printedAmountToYuan(p as string | null, unit as string)),
    );
  exact(`${path}.budget_total`, { any_of: yuan(want.budget_total) }, got.budgetTotalYuan);
  exact(`${path}.budget_fiscal`, { any_of: yuan(want.budget_fiscal) }, got.budgetFiscalYuan);
  exact(`${path}.budget_other`, { any_of: yuan(want.budget_other) }, got.budgetOtherYuan);
  for (const month of SPEND_MONTHS) {
    exact(
      `${path}.spend_plan.${month}`,
      want.spend_plan[month],
      got.spendPlan.find((c) => c.month === Number(month))?.cumulativePct ?? null,
    );
  }
  text(`${path}.table_title`, want.table_title, got.tableTitle);
  text(`${path}.name`, want.name, got.name);
  text(`${path}.unit_name`, want.unit_name, got.unitName);
  text(`${path}.fund_use`, want.fund_use, got.fundUse);
  text(`${path}.goal`, want.goal, got.goal);
}

export function formatAccuracyRow(name: string, a: OcrAccuracy, secondsPerPage: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return [
    name.padEnd(36),
    `projects ${a.projectsFound}/${a.projectsExpected}`,
    `exact misses ${a.exactMisses.length}/${a.exactFieldsChecked}`,
    `rows recall ${pct(a.recall)} precision ${pct(a.precision)}`,
    `CER mean ${pct(a.meanCer)} (by char ${pct(a.charCer)}, ${a.textFieldsChecked} fields)`,
    `${secondsPerPage.toFixed(2)} s/page`,
  ].join(' | ');
}
