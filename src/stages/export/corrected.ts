/**
 * Exports "as corrected" (the default) or "as extracted": how the flat sheet and the per-table CSVs
 * apply reviewers' corrections (src/stages/store/corrections.ts) — always through
 * `recordToCorrected`, the one function every reader uses.
 */
import { z } from 'zod';
import {
  addedRowsOf,
  type CorrectionIndex,
  databaseToCorrectionIndex,
  databaseToReviewStatuses,
  ROW_EXTRACTED,
  ROW_FIELD,
  ROW_REMOVED,
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
  // The flat sheet's amount columns hold yuan until they are written out as 万元 (flatCsv.ts).
  budget_total_wan: 'budget_total_yuan',
  budget_fiscal_wan: 'budget_fiscal_yuan',
  budget_other_wan: 'budget_other_yuan',
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

/** The flat name of a reviewer-added row in `corrected_fields`. */
export const FLAT_ADDED_ROW = 'row_added';

/**
 * Flat rows for the rows a reviewer added: a copy of an extracted row of the same project (document and project
 * columns, and whatever else the sheet carries) with the indicator columns NULL and the added row's seq. A project
 * the extraction left without rows gives its added rows no line (nothing to copy the project's columns from).
 */
function addedRowsToFlatSources<T extends FlatSourceRow>(index: CorrectionIndex, rows: T[]): T[] {
  const documents = new Set(rows.map((row) => row.document_sha256));
  const extracted = new Set(rows.map((row) => `${row.document_sha256}|${row.project_seq}|${row.indicator_seq}`));
  const added = addedRowsOf(index, (sha, projectSeq, indicatorSeq) =>
    extracted.has(`${sha}|${projectSeq}|${indicatorSeq}`),
  ).filter((row) => documents.has(row.documentSha256));
  const sources: T[] = [];
  for (const row of added) {
    const template = rows.find(
      (candidate) => candidate.document_sha256 === row.documentSha256 && candidate.project_seq === row.projectSeq,
    );
    if (!template) continue;
    const indicator = Object.fromEntries(FLAT_INDICATOR_FIELDS.map((field) => [field, null]));
    sources.push({ ...template, ...indicator, indicator_seq: row.indicatorSeq, [ROW_FIELD]: null });
  }
  return sources;
}

/**
 * Flat rows (with `document_sha256` and the `_yuan` amounts) corrected, each with `corrected` (0/1),
 * `corrected_fields` (flat column names, `; `-separated), `review_status` and `reviewed_by`; rows a
 * reviewer removed left out, rows added put in their place (`corrected_fields` names `row_added`).
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
  const sources = rows.map((row) => ({ ...row, [ROW_FIELD]: ROW_EXTRACTED }) as T);
  const added = addedRowsToFlatSources(index, rows);
  if (added.length > 0) {
    sources.push(...added);
    const order = (row: T) => [Number(row.document_id), row.project_seq, row.indicator_seq];
    sources.sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  }
  const indicatorColumns = Object.fromEntries([...FLAT_INDICATOR_FIELDS, ROW_FIELD].map((field) => [field, field]));
  const corrected: ReturnType<typeof flatRowsToCorrected<T>> = [];
  for (const row of sources) {
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
    const indicator = recordToCorrected(
      index,
      { documentSha256: sha, projectSeq: row.project_seq, indicatorSeq: row.indicator_seq },
      pick(row, indicatorColumns),
    );
    if (indicator.record[ROW_FIELD] === ROW_REMOVED) continue;
    // An added row the extraction does not have, whose addition no longer applies, is not shown.
    if (indicator.record[ROW_FIELD] === null) continue;
    const { [ROW_FIELD]: _row, ...out } = { ...row } as Record<string, FlatValue>;
    const correctedFields: string[] = [];
    const copyBack = (
      columns: Readonly<Record<string, string>>,
      fields: string[],
      record: Record<string, FlatValue>,
    ) => {
      for (const [flat, store] of Object.entries(columns)) {
        if (!fields.includes(store)) continue;
        if (store === ROW_FIELD) {
          correctedFields.push(FLAT_ADDED_ROW);
          continue;
        }
        out[flat] = record[store] ?? null;
        correctedFields.push(flat);
      }
    };
    copyBack(FLAT_DOCUMENT_FIELDS, document.correctedFields, document.record);
    copyBack(FLAT_PROJECT_FIELDS, project.correctedFields, project.record);
    copyBack(indicatorColumns, indicator.correctedFields, indicator.record);
    const status = statuses.get(sha);
    corrected.push({
      ...(out as T),
      corrected: correctedFields.length > 0 ? 1 : 0,
      corrected_fields: correctedFields.length > 0 ? correctedFields.join('; ') : null,
      review_status: status?.status ?? 'unreviewed',
      reviewed_by: status?.reviewer ?? null,
    });
  }
  return corrected;
}

/** The tables whose rows corrections apply to in the per-table CSVs. */
export const CORRECTED_TABLES = ['documents', 'projects', 'indicators'] as const;

type Identity = { documentSha256: string; projectSeq: number | null; indicatorSeq: number | null };

/**
 * The rows of a per-table CSV (raw, values in `columns` order) with corrections applied: fields
 * corrected in place for documents, projects and indicators; indicators a reviewer removed left
 * out and those added appended (`id` empty). Other tables, and `as: 'extracted'`, pass unchanged.
 */
export function* tableRowsToCorrected(
  db: Db,
  table: string,
  columns: string[],
  as: ExportAs,
  stored: Iterable<unknown[]>,
): Generator<unknown[]> {
  const index =
    as === 'corrected' && (CORRECTED_TABLES as readonly string[]).includes(table)
      ? databaseToCorrectionIndex(db)
      : new Map();
  if (index.size === 0) {
    yield* stored;
    return;
  }
  const shaOfDocument = new Map(
    (db.prepare('SELECT id, sha256 FROM documents').all() as { id: number; sha256: string }[]).map((row) => [
      row.id,
      row.sha256,
    ]),
  );
  const projects = db.prepare('SELECT id, document_id, seq, page_first FROM projects').all() as {
    id: number;
    document_id: number;
    seq: number;
    page_first: number;
  }[];
  const projectOf = new Map(projects.map((row) => [row.id, row]));
  const extracted = new Set<string>();
  for (const row of stored) {
    const record = Object.fromEntries(columns.map((column, at) => [column, row[at]])) as Record<string, FlatValue>;
    let identity: Identity | null = null;
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
    if (!identity) {
      yield row;
      continue;
    }
    if (table === 'indicators') {
      extracted.add(`${identity.documentSha256}|${identity.projectSeq}|${identity.indicatorSeq}`);
      record[ROW_FIELD] = ROW_EXTRACTED;
    }
    const { record: corrected } = recordToCorrected(index, identity, record);
    if (corrected[ROW_FIELD] === ROW_REMOVED) continue;
    yield columns.map((column) => corrected[column]);
  }
  if (table !== 'indicators') return;
  const projectByIdentity = new Map(
    projects.map((project) => [`${shaOfDocument.get(project.document_id)}|${project.seq}`, project]),
  );
  for (const added of addedRowsOf(index, (sha, projectSeq, indicatorSeq) =>
    extracted.has(`${sha}|${projectSeq}|${indicatorSeq}`),
  )) {
    const project = projectByIdentity.get(`${added.documentSha256}|${added.projectSeq}`);
    if (!project) continue;
    const record: Record<string, FlatValue> = {
      ...added.record,
      id: null,
      project_id: project.id,
      seq: added.indicatorSeq,
      page: project.page_first,
      // The store's default (migration 9): a reviewer-added row belongs to the year's targets.
      period: 'annual',
    };
    yield columns.map((column) => record[column] ?? null);
  }
}
