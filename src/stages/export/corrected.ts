/**
 * Exports "as corrected" (the default) or "as extracted": how the flat sheet and the per-table CSVs
 * apply reviewers' corrections (src/stages/store/corrections.ts) — always through
 * `recordToCorrected`, the one function every reader uses.
 */
import { z } from 'zod';
import {
  type CorrectionIndex,
  databaseToCorrectionIndex,
  databaseToReviewStatuses,
  recordToCorrected,
} from '../store/corrections.js';
import type { Db } from '../store/database.js';

export const ExportAs = z.enum(['corrected', 'extracted']);
export type ExportAs = z.infer<typeof ExportAs>;

type FlatValue = string | number | null;
type FlatSourceRow = Record<string, FlatValue> & {
  document_sha256: string;
  project_seq: number;
  indicator_seq: number;
};

/** Flat-sheet column → store column of the document, project and indicator it shows. */
const FLAT_DOCUMENT_FIELDS: Readonly<Record<string, string>> = {
  document_title: 'title',
  department: 'department',
  fiscal_year: 'fiscal_year',
};
const FLAT_PROJECT_FIELDS: Readonly<Record<string, string>> = {
  project_code: 'code',
  project_name: 'name',
  unit_code: 'unit_code',
  unit_name: 'unit_name',
  budget_total_yuan: 'budget_total_yuan',
  budget_fiscal_yuan: 'budget_fiscal_yuan',
  budget_other_yuan: 'budget_other_yuan',
};
const FLAT_INDICATOR_FIELDS = [
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

function pick(row: Record<string, FlatValue>, columns: Readonly<Record<string, string>>): Record<string, FlatValue> {
  return Object.fromEntries(Object.entries(columns).map(([flat, store]) => [store, row[flat] ?? null]));
}

/**
 * Flat rows (with `document_sha256` and the `_yuan` amounts) corrected, each with `corrected` (0/1),
 * `corrected_fields` (flat column names, `; `-separated), `review_status` and `reviewed_by`.
 * `as: 'extracted'` applies nothing but still gives the review status.
 */
export function flatRowsToCorrected<T extends FlatSourceRow>(
  db: Db,
  rows: T[],
  as: ExportAs,
): (T & { corrected: number; corrected_fields: string | null; review_status: string; reviewed_by: string | null })[] {
  const index: CorrectionIndex =
    as === 'corrected'
      ? databaseToCorrectionIndex(db, [...new Set(rows.map((row) => row.document_sha256))])
      : new Map();
  const statuses = databaseToReviewStatuses(db);
  return rows.map((row) => {
    const sha = row.document_sha256;
    const document = recordToCorrected(
      index,
      { documentSha256: sha, projectSeq: null, indicatorSeq: null },
      pick(row, FLAT_DOCUMENT_FIELDS),
    );
    const project = recordToCorrected(
      index,
      { documentSha256: sha, projectSeq: row.project_seq, indicatorSeq: null },
      pick(row, FLAT_PROJECT_FIELDS),
    );
    const indicatorColumns = Object.fromEntries(FLAT_INDICATOR_FIELDS.map((field) => [field, field]));
    const indicator = recordToCorrected(
      index,
      { documentSha256: sha, projectSeq: row.project_seq, indicatorSeq: row.indicator_seq },
      pick(row, indicatorColumns),
    );
    const out: Record<string, FlatValue> = { ...row };
    const correctedFields: string[] = [];
    const copyBack = (
      columns: Readonly<Record<string, string>>,
      fields: string[],
      record: Record<string, FlatValue>,
    ) => {
      for (const [flat, store] of Object.entries(columns)) {
        if (!fields.includes(store)) continue;
        out[flat] = record[store] ?? null;
        correctedFields.push(flat);
      }
    };
    copyBack(FLAT_DOCUMENT_FIELDS, document.correctedFields, document.record);
    copyBack(FLAT_PROJECT_FIELDS, project.correctedFields, project.record);
    copyBack(indicatorColumns, indicator.correctedFields, indicator.record);
    const status = statuses.get(sha);
    return {
      ...(out as T),
      corrected: correctedFields.length > 0 ? 1 : 0,
      corrected_fields: correctedFields.length > 0 ? correctedFields.join('; ') : null,
      review_status: status?.status ?? 'unreviewed',
      reviewed_by: status?.reviewer ?? null,
    };
  });
}

/** The tables whose rows corrections apply to in the per-table CSVs. */
export const CORRECTED_TABLES = ['documents', 'projects', 'indicators'] as const;

/**
 * A function that corrects one raw row (values in `columns` order) of documents, projects or
 * indicators; null for other tables or `as: 'extracted'`. Row identities come from the database.
 */
export function tableRowCorrector(
  db: Db,
  table: string,
  columns: string[],
  as: ExportAs,
): ((row: unknown[]) => unknown[]) | null {
  if (as !== 'corrected' || !(CORRECTED_TABLES as readonly string[]).includes(table)) return null;
  const index = databaseToCorrectionIndex(db);
  if (index.size === 0) return null;
  const shaOfDocument = new Map(
    (db.prepare('SELECT id, sha256 FROM documents').all() as { id: number; sha256: string }[]).map((row) => [
      row.id,
      row.sha256,
    ]),
  );
  const projectOf = new Map(
    (
      db.prepare('SELECT id, document_id, seq FROM projects').all() as {
        id: number;
        document_id: number;
        seq: number;
      }[]
    ).map((row) => [row.id, row]),
  );
  return (row) => {
    const record = Object.fromEntries(columns.map((column, at) => [column, row[at]])) as Record<string, FlatValue>;
    let identity: { documentSha256: string; projectSeq: number | null; indicatorSeq: number | null } | null = null;
    if (table === 'documents')
      identity = { documentSha256: String(record.sha256), projectSeq: null, indicatorSeq: null };
    else if (table === 'projects') {
      const sha = shaOfDocument.get(Number(record.document_id));
      if (sha) identity = { documentSha256: sha, projectSeq: Number(record.seq), indicatorSeq: null };
    } else {
      const project = projectOf.get(Number(record.project_id));
      const sha = project && shaOfDocument.get(project.document_id);
      if (project && sha) identity = { documentSha256: sha, projectSeq: project.seq, indicatorSeq: Number(record.seq) };
    }
    if (!identity) return row;
    const { record: corrected } = recordToCorrected(index, identity, record);
    return columns.map((column) => corrected[column]);
  };
}
