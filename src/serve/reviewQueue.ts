/**
 * The workspace's document list: every stored document with what needs review — findings by
 * severity, low-confidence OCR repairs, indicator labels outside the vocabulary, budget parts that
 * do not add up — ranked so that the document needing review most comes first (signed-off
 * documents last). One query with grouped sub-selects: ~1,000 documents answer in milliseconds
 * (bench/serveList.ts).
 */
import { z } from 'zod';
import { LOW_CONFIDENCE_REPAIR_PCT } from '../stages/export/flatCsv.js';
import { hasCorrectionTables, ReviewStatus } from '../stages/store/corrections.js';
import type { Db } from '../stages/store/database.js';
import { LEVEL1_NAMES, LEVEL2_NAMES } from '../vocabulary/index.js';

/** Weight of each reason in the review score: an error outweighs warnings, which outweigh OCR doubts. */
export const REVIEW_SCORE_WEIGHTS = {
  error: 10,
  partsMismatch: 5,
  warning: 3,
  lowConfidence: 2,
  unknownLabel: 2,
  info: 1,
} as const;

/** The finding rule of budget parts that do not add up (total ≠ fiscal + other). */
const PARTS_MISMATCH_RULE = 'budget_parts_mismatch';

/** Most documents one list answer holds. */
export const REVIEW_LIST_MAX_ROWS = 5000;

export const ReviewListFilter = z.object({
  year: z.coerce.number().int().optional(),
  department: z.string().max(200).optional(),
  template: z.string().max(200).optional(),
  status: ReviewStatus.optional(),
  /** Text in the title, department or source path. */
  q: z.string().max(200).optional(),
});
export type ReviewListFilter = z.infer<typeof ReviewListFilter>;

export type ReviewListRow = {
  id: number;
  sha256: string;
  title: string | null;
  department: string | null;
  fiscalYear: number | null;
  template: string | null;
  sourcePath: string;
  pageCount: number;
  textSource: string;
  projectCount: number;
  errors: number;
  warnings: number;
  infos: number;
  partsMismatch: number;
  lowConfidence: number;
  unknownLabels: number;
  corrections: number;
  score: number;
  reviewStatus: ReviewStatus;
  reviewer: string | null;
};

/** Whether documents has a column (`template` arrives with another migration). */
export function documentsHasColumn(db: Db, column: string): boolean {
  return (db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).some((row) => row.name === column);
}

/** The ranked list, filtered; also the distinct years, departments and templates to filter by. */
export function databaseToReviewList(
  db: Db,
  filter: ReviewListFilter = {},
): { documents: ReviewListRow[]; years: number[]; departments: string[]; templates: string[] } {
  const hasTemplate = documentsHasColumn(db, 'template');
  const hasReview = hasCorrectionTables(db);
  const level1 = LEVEL1_NAMES.map(() => '?').join(', ');
  const level2 = LEVEL2_NAMES.map(() => '?').join(', ');
  const w = REVIEW_SCORE_WEIGHTS;
  const statusSql = hasReview
    ? `coalesce(s.status, CASE WHEN c.n > 0 THEN 'in_review' ELSE 'unreviewed' END)`
    : `'unreviewed'`;
  const clauses: string[] = [];
  const params: (string | number)[] = [...LEVEL1_NAMES, ...LEVEL2_NAMES];
  if (filter.year !== undefined) {
    clauses.push('d.fiscal_year = ?');
    params.push(filter.year);
  }
  if (filter.department) {
    clauses.push('d.department = ?');
    params.push(filter.department);
  }
  if (filter.template && hasTemplate) {
    clauses.push('d.template = ?');
    params.push(filter.template);
  }
  if (filter.q) {
    clauses.push(
      "(instr(ifnull(d.title, ''), ?) > 0 OR instr(ifnull(d.department, ''), ?) > 0 OR instr(d.source_path, ?) > 0)",
    );
    params.push(filter.q, filter.q, filter.q);
  }
  if (filter.status) {
    clauses.push(`${statusSql} = ?`);
    params.push(filter.status);
  }
  const sql = `
    SELECT d.id, d.sha256, d.title, d.department, d.fiscal_year AS fiscalYear,
           ${hasTemplate ? 'd.template' : 'NULL'} AS template, d.source_path AS sourcePath,
           d.page_count AS pageCount, d.text_source AS textSource,
           ifnull(pc.n, 0) AS projectCount,
           ifnull(f.errors, 0) AS errors, ifnull(f.warnings, 0) AS warnings, ifnull(f.infos, 0) AS infos,
           ifnull(f.mismatch, 0) AS partsMismatch, ifnull(r.n, 0) AS lowConfidence, ifnull(u.n, 0) AS unknownLabels,
           ${hasReview ? 'ifnull(c.n, 0)' : '0'} AS corrections,
           ${hasReview ? 's.reviewer' : 'NULL'} AS reviewer,
           ${statusSql} AS reviewStatus
    FROM documents d
    LEFT JOIN (SELECT document_id, count(*) AS n FROM projects GROUP BY document_id) pc ON pc.document_id = d.id
    LEFT JOIN (SELECT document_id, sum(severity = 'error') AS errors, sum(severity = 'warning') AS warnings,
                      sum(severity = 'info') AS infos, sum(rule = '${PARTS_MISMATCH_RULE}') AS mismatch
               FROM findings GROUP BY document_id) f ON f.document_id = d.id
    LEFT JOIN (SELECT document_id, count(*) AS n FROM repairs WHERE confidence < ${LOW_CONFIDENCE_REPAIR_PCT}
               GROUP BY document_id) r ON r.document_id = d.id
    LEFT JOIN (SELECT p.document_id, count(*) AS n FROM indicators i JOIN projects p ON p.id = i.project_id
               WHERE i.level1 NOT IN (${level1}) OR (i.level2 IS NOT NULL AND i.level2 NOT IN (${level2}))
               GROUP BY p.document_id) u ON u.document_id = d.id
    ${
      hasReview
        ? `LEFT JOIN (SELECT document_sha256, count(*) AS n FROM corrections GROUP BY document_sha256) c
             ON c.document_sha256 = d.sha256
           LEFT JOIN signoffs s ON s.document_sha256 = d.sha256`
        : ''
    }
    ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}
    LIMIT ${REVIEW_LIST_MAX_ROWS}`;
  const rows = (db.prepare(sql).all(...params) as Omit<ReviewListRow, 'score'>[]).map((row) => ({
    ...row,
    score:
      row.errors * w.error +
      row.partsMismatch * w.partsMismatch +
      row.warnings * w.warning +
      row.lowConfidence * w.lowConfidence +
      row.unknownLabels * w.unknownLabel +
      row.infos * w.info,
  }));
  const statusRank = (status: ReviewStatus) => (status === 'signed_off' ? 1 : 0);
  rows.sort((a, b) => statusRank(a.reviewStatus) - statusRank(b.reviewStatus) || b.score - a.score || a.id - b.id);
  const distinct = <T>(column: string) =>
    db
      .prepare(`SELECT DISTINCT ${column} FROM documents WHERE ${column} IS NOT NULL ORDER BY ${column}`)
      .pluck()
      .all() as T[];
  return {
    documents: rows,
    years: distinct<number>('fiscal_year'),
    departments: distinct<string>('department'),
    templates: hasTemplate ? distinct<string>('template') : [],
  };
}
