/**
 * The workspace's document list: every stored document with what needs review — findings by
 * severity, low-confidence OCR repairs, indicator labels outside the vocabulary, budget parts that
 * do not add up — ranked so that the document needing review most comes first (signed-off
 * documents last). The counts come from one query with grouped sub-selects, cached until the
 * documents change; filters and ranking run over the cached rows (bench/serveList.ts).
 */
import { z } from 'zod';
import { LOW_CONFIDENCE_REPAIR_PCT } from '../stages/export/flatCsv.js';
import { databaseToReviewStatuses, hasCorrectionTables, ReviewStatus } from '../stages/store/corrections.js';
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
  /** 部门整体支出绩效目标表 of the document (a document of only one has no project). */
  deptTargetCount: number;
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

/** Whether the database has a table (`dept_targets` arrives with migration 8). */
export function databaseHasTable(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

type CountRow = Omit<ReviewListRow, 'score' | 'corrections' | 'reviewStatus' | 'reviewer'>;

/**
 * Per-document counts, cached per database handle while the documents table is unchanged (its
 * row count, highest id and latest import time: an import or a re-import changes one of them). The
 * counts scan every finding, repair and indicator (~100 ms for 1,000 documents); the review status
 * is read fresh on every call.
 */
const countsCache = new WeakMap<Db, { key: string; rows: CountRow[] }>();

function documentsToCounts(db: Db): CountRow[] {
  const key = JSON.stringify(db.prepare('SELECT count(*), max(id), max(imported_at) FROM documents').raw().get());
  const cached = countsCache.get(db);
  if (cached && cached.key === key) return cached.rows;
  const hasTemplate = documentsHasColumn(db, 'template');
  const hasDeptTargets = databaseHasTable(db, 'dept_targets');
  const level1 = LEVEL1_NAMES.map(() => '?').join(', ');
  const level2 = LEVEL2_NAMES.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT d.id, d.sha256, d.title, d.department, d.fiscal_year AS fiscalYear,
           ${hasTemplate ? 'd.template' : 'NULL'} AS template, d.source_path AS sourcePath,
           d.page_count AS pageCount, d.text_source AS textSource,
           ifnull(pc.n, 0) AS projectCount,
           ${hasDeptTargets ? '(SELECT count(*) FROM dept_targets t WHERE t.document_id = d.id)' : '0'} AS deptTargetCount,
           ifnull(f.errors, 0) AS errors, ifnull(f.warnings, 0) AS warnings, ifnull(f.infos, 0) AS infos,
           ifnull(f.mismatch, 0) AS partsMismatch, ifnull(r.n, 0) AS lowConfidence, ifnull(u.n, 0) AS unknownLabels
    FROM documents d
    LEFT JOIN (SELECT document_id, count(*) AS n FROM projects GROUP BY document_id) pc ON pc.document_id = d.id
    LEFT JOIN (SELECT document_id, sum(severity = 'error') AS errors, sum(severity = 'warning') AS warnings,
                      sum(severity = 'info') AS infos, sum(rule = '${PARTS_MISMATCH_RULE}') AS mismatch
               FROM findings GROUP BY document_id) f ON f.document_id = d.id
    LEFT JOIN (SELECT document_id, count(*) AS n FROM repairs WHERE confidence < ${LOW_CONFIDENCE_REPAIR_PCT}
               GROUP BY document_id) r ON r.document_id = d.id
    LEFT JOIN (SELECT p.document_id, count(*) AS n FROM indicators i JOIN projects p ON p.id = i.project_id
               WHERE i.level1 NOT IN (${level1}) OR (i.level2 IS NOT NULL AND i.level2 NOT IN (${level2}))
               GROUP BY p.document_id) u ON u.document_id = d.id`,
    )
    .all(...LEVEL1_NAMES, ...LEVEL2_NAMES) as CountRow[];
  countsCache.set(db, { key, rows });
  return rows;
}

/** The ranked list, filtered; also the distinct years, departments and templates to filter by. */
export function databaseToReviewList(
  db: Db,
  filter: ReviewListFilter = {},
): { documents: ReviewListRow[]; years: number[]; departments: string[]; templates: string[] } {
  const counts = documentsToCounts(db);
  const statuses = databaseToReviewStatuses(db);
  const correctionCounts = new Map<string, number>(
    hasCorrectionTables(db)
      ? (db.prepare('SELECT document_sha256, count(*) FROM corrections GROUP BY document_sha256').raw().all() as [
          string,
          number,
        ][])
      : [],
  );
  const w = REVIEW_SCORE_WEIGHTS;
  const rows: ReviewListRow[] = [];
  for (const row of counts) {
    if (filter.year !== undefined && row.fiscalYear !== filter.year) continue;
    if (filter.department && row.department !== filter.department) continue;
    if (filter.template && row.template !== filter.template) continue;
    if (filter.q && ![row.title, row.department, row.sourcePath].some((text) => text?.includes(filter.q!))) continue;
    const status = statuses.get(row.sha256);
    const reviewStatus = status?.status ?? 'unreviewed';
    if (filter.status && reviewStatus !== filter.status) continue;
    rows.push({
      ...row,
      corrections: correctionCounts.get(row.sha256) ?? 0,
      reviewStatus,
      reviewer: status?.reviewer ?? null,
      score:
        row.errors * w.error +
        row.partsMismatch * w.partsMismatch +
        row.warnings * w.warning +
        row.lowConfidence * w.lowConfidence +
        row.unknownLabels * w.unknownLabel +
        row.infos * w.info,
    });
  }
  const statusRank = (status: ReviewStatus) => (status === 'signed_off' ? 1 : 0);
  rows.sort((a, b) => statusRank(a.reviewStatus) - statusRank(b.reviewStatus) || b.score - a.score || a.id - b.id);
  const distinct = <T>(values: (T | null)[]) =>
    [...new Set(values.filter((value): value is T => value !== null))].sort();
  return {
    documents: rows.slice(0, REVIEW_LIST_MAX_ROWS),
    years: distinct(counts.map((row) => row.fiscalYear)),
    departments: distinct(counts.map((row) => row.department)),
    templates: distinct(counts.map((row) => row.template)),
  };
}
