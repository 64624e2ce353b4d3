/**
 * One document as the workspace shows it: its records with reviewers' corrections applied through
 * `recordToCorrected` (the extracted value beside each corrected one), spend plan, findings,
 * repairs, every correction with its status, and the review status. Plain JSON; the front end
 * renders every value as text.
 */
import {
  addedRowsOf,
  type Correction,
  type CorrectionWithStatus,
  databaseToCorrectionIndex,
  databaseToCorrectionStatuses,
  databaseToReviewStatuses,
  ROW_EXTRACTED,
  ROW_FIELD,
  ROW_REMOVED,
  recordToCorrected,
  type ReviewStatus,
  type Signoff,
  signoffOf,
} from '../stages/store/corrections.js';
import type { Db } from '../stages/store/database.js';
import { databaseHasTable, documentsHasColumn } from './reviewQueue.js';

type Value = string | number | null;
type FieldRecord = Record<string, Value>;

/** A record with its fields as shown (corrected) and, for each corrected field, the correction. */
export type ViewRecord = {
  values: FieldRecord;
  corrections: Record<string, Pick<Correction, 'id' | 'before' | 'after' | 'author' | 'correctedAt' | 'note'>>;
};

export type DocumentView = {
  document: {
    id: number;
    sha256: string;
    sourcePath: string;
    pageCount: number;
    textSource: string;
    importedAt: string;
    pipelineVersion: string;
    template: string | null;
  } & ViewRecord;
  projects: (ViewRecord & {
    seq: number;
    printedSeq: number | null;
    amountUnit: string;
    codeCheckOk: number | null;
    pageFirst: number;
    pageLast: number;
    tableTitle: string;
    spendPlan: { month: number; cumulativePct: number }[];
    /** `row`: extracted; `removed` by a reviewer (shown struck, left out of exports); `added` by a reviewer. */
    indicators: (ViewRecord & {
      seq: number;
      page: number;
      row: 'extracted' | 'removed' | 'added';
      rowCorrectionId: number | null;
    })[];
  })[];
  /**
   * The 部门整体支出绩效目标表, read-only: corrections are keyed by project and indicator seq (docs/serve.md), and a
   * department table is neither. Amounts in yuan, as stored.
   */
  deptTargets: DeptTargetView[];
  findings: {
    id: number;
    projectSeq: number | null;
    severity: string;
    rule: string;
    message: string;
    page: number | null;
  }[];
  repairs: {
    id: number;
    projectSeq: number | null;
    page: number | null;
    kind: string;
    field: string;
    before: string;
    after: string;
    confidence: number | null;
  }[];
  corrections: CorrectionWithStatus[];
  review: { status: ReviewStatus; signoff: Signoff | null };
};

/** A 部门整体支出绩效目标表 as the workspace shows it (read-only): the columns of dept_targets, its tasks and indicators. */
export type DeptTargetView = {
  seq: number;
  tableTitle: string;
  pageFirst: number;
  pageLast: number;
  amountUnit: string;
  values: FieldRecord;
  tasks: { seq: number; name: string; content: string | null; budgetYuan: number | null }[];
  indicators: { seq: number; page: number; values: FieldRecord }[];
};

const DEPT_TARGET_FIELDS = [
  'dept_name',
  'competent_dept',
  'competent_dept_code',
  'budget_total_yuan',
  'budget_fiscal_yuan',
  'budget_other_yuan',
  'budget_carryover_yuan',
  'budget_basic_yuan',
  'budget_projects_yuan',
  'duties',
  'goal',
  'goal_mid_term',
  'weight_total',
] as const;

const DOCUMENT_FIELDS = ['title', 'department', 'fiscal_year'] as const;
const PROJECT_FIELDS = [
  'code',
  'name',
  'unit_code',
  'unit_name',
  'budget_total_yuan',
  'budget_fiscal_yuan',
  'budget_other_yuan',
  'fund_use',
  'goal',
] as const;
const INDICATOR_FIELDS = [
  'level1',
  'level2',
  'level3',
  'description',
  'target_text',
  'target_op',
  'target_value',
  'target_unit',
  'basis',
] as const;

const DEPT_INDICATOR_FIELDS = [...INDICATOR_FIELDS, 'weight', 'direction', 'measure_unit'] as const;

/** The document's department tables with their tasks and indicators, in printed order; [] before migration 8. */
function databaseToDeptTargets(db: Db, documentId: number): DeptTargetView[] {
  if (!databaseHasTable(db, 'dept_targets')) return [];
  const tables = db.prepare('SELECT * FROM dept_targets WHERE document_id = ? ORDER BY seq').all(documentId) as Record<
    string,
    unknown
  >[];
  const tasks = db.prepare(
    'SELECT seq, name, content, budget_yuan AS budgetYuan FROM dept_target_tasks WHERE dept_target_id = ? ORDER BY seq',
  );
  const indicators = db.prepare('SELECT * FROM dept_target_indicators WHERE dept_target_id = ? ORDER BY seq');
  return tables.map((table) => ({
    seq: Number(table.seq),
    tableTitle: String(table.table_title),
    pageFirst: Number(table.page_first),
    pageLast: Number(table.page_last),
    amountUnit: String(table.amount_unit),
    values: pick(table, DEPT_TARGET_FIELDS),
    tasks: tasks.all(table.id) as DeptTargetView['tasks'],
    indicators: (indicators.all(table.id) as Record<string, unknown>[]).map((indicator) => ({
      seq: Number(indicator.seq),
      page: Number(indicator.page),
      values: pick(indicator, DEPT_INDICATOR_FIELDS),
    })),
  }));
}

const pick = (row: Record<string, unknown>, fields: readonly string[]): FieldRecord =>
  Object.fromEntries(fields.map((field) => [field, (row[field] ?? null) as Value]));

/** The document with this row id, or null when none is stored. */
export function databaseToDocumentView(db: Db, documentId: number): DocumentView | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(documentId) as Record<string, unknown> | undefined;
  if (!row) return null;
  const sha = String(row.sha256);
  const index = databaseToCorrectionIndex(db, [sha]);
  const view = (projectSeq: number | null, indicatorSeq: number | null, record: FieldRecord): ViewRecord => {
    const identity = { documentSha256: sha, projectSeq, indicatorSeq };
    const corrected = recordToCorrected(index, identity, record);
    const fields = index.get(`${sha}|${projectSeq ?? ''}|${indicatorSeq ?? ''}`);
    const corrections: ViewRecord['corrections'] = {};
    for (const field of corrected.correctedFields) {
      const correction = fields?.get(field);
      if (correction) {
        const { id, before, after, author, correctedAt, note } = correction;
        corrections[field] = { id, before, after, author, correctedAt, note };
      }
    }
    return { values: corrected.record, corrections };
  };

  const projectRows = db.prepare('SELECT * FROM projects WHERE document_id = ? ORDER BY seq').all(documentId) as Record<
    string,
    unknown
  >[];
  const indicatorRows = db
    .prepare(
      `SELECT i.*, p.seq AS project_seq FROM indicators i JOIN projects p ON p.id = i.project_id
       WHERE p.document_id = ? ORDER BY p.seq, i.seq`,
    )
    .all(documentId) as Record<string, unknown>[];
  const spendRows = db
    .prepare(
      `SELECT p.seq AS project_seq, s.month, s.cumulative_pct AS cumulativePct FROM spend_plan s
       JOIN projects p ON p.id = s.project_id WHERE p.document_id = ? ORDER BY p.seq, s.month`,
    )
    .all(documentId) as { project_seq: number; month: number; cumulativePct: number }[];

  const extracted = new Set(indicatorRows.map((indicator) => `${indicator.project_seq}|${indicator.seq}`));
  const added = addedRowsOf(index, (_sha, projectSeq, indicatorSeq) => extracted.has(`${projectSeq}|${indicatorSeq}`));
  const projects = projectRows.map((project) => {
    const seq = Number(project.seq);
    return {
      seq,
      printedSeq: (project.printed_seq ?? null) as number | null,
      amountUnit: String(project.amount_unit),
      codeCheckOk: (project.code_check_ok ?? null) as number | null,
      pageFirst: Number(project.page_first),
      pageLast: Number(project.page_last),
      tableTitle: String(project.table_title),
      spendPlan: spendRows
        .filter((spend) => spend.project_seq === seq)
        .map(({ month, cumulativePct }) => ({ month, cumulativePct })),
      ...view(seq, null, pick(project, PROJECT_FIELDS)),
      indicators: [
        ...indicatorRows
          .filter((indicator) => indicator.project_seq === seq)
          .map((indicator) => {
            const record = view(seq, Number(indicator.seq), {
              ...pick(indicator, INDICATOR_FIELDS),
              [ROW_FIELD]: ROW_EXTRACTED,
            });
            return {
              seq: Number(indicator.seq),
              page: Number(indicator.page),
              row: record.values[ROW_FIELD] === ROW_REMOVED ? ('removed' as const) : ('extracted' as const),
              rowCorrectionId: record.corrections[ROW_FIELD]?.id ?? null,
              ...record,
            };
          }),
        ...added
          .filter((row) => row.projectSeq === seq)
          .map((row) => {
            const record = view(seq, row.indicatorSeq, {
              ...Object.fromEntries(INDICATOR_FIELDS.map((field) => [field, null])),
              [ROW_FIELD]: null,
            });
            return {
              seq: row.indicatorSeq,
              page: Number(project.page_first),
              row: 'added' as const,
              rowCorrectionId: record.corrections[ROW_FIELD]?.id ?? null,
              ...record,
            };
          }),
      ],
    };
  });

  const signoff = signoffOf(db, sha);
  const status = databaseToReviewStatuses(db).get(sha)?.status ?? 'unreviewed';
  return {
    document: {
      id: documentId,
      sha256: sha,
      sourcePath: String(row.source_path),
      pageCount: Number(row.page_count),
      textSource: String(row.text_source),
      importedAt: String(row.imported_at),
      pipelineVersion: String(row.pipeline_version),
      template: documentsHasColumn(db, 'template') ? ((row.template ?? null) as string | null) : null,
      ...view(null, null, pick(row, DOCUMENT_FIELDS)),
    },
    projects,
    deptTargets: databaseToDeptTargets(db, documentId),
    findings: db
      .prepare(
        `SELECT id, project_seq AS projectSeq, severity, rule, message, page FROM findings
         WHERE document_id = ? ORDER BY id`,
      )
      .all(documentId) as DocumentView['findings'],
    repairs: db
      .prepare(
        `SELECT id, project_seq AS projectSeq, page, kind, field, before, after, confidence FROM repairs
         WHERE document_id = ? ORDER BY id`,
      )
      .all(documentId) as DocumentView['repairs'],
    corrections: databaseToCorrectionStatuses(db, [sha]),
    review: { status, signoff },
  };
}
