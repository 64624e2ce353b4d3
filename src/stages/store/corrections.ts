/**
 * Reviewers' corrections and sign-offs (issue 18). The extracted rows are never changed: a
 * correction is a row of `corrections` keyed on a stable identity (document sha256, project seq,
 * indicator seq, field), and every reader — the workspace (src/serve), the flat sheet and the
 * per-table CSVs (src/stages/export) — applies it through `recordToCorrected`.
 *
 * A correction applies when the field's extracted value still equals its `before`. After an
 * `import --force` that extracts something else there (the pipeline changed, or the rows moved),
 * it is reported as `conflict` and not applied; when its project or indicator is gone, `orphaned`;
 * when the extraction now gives the corrected value itself, `extracted` (nothing left to apply).
 */
import { z } from 'zod';
import type { Db } from './database.js';

export const CorrectionScope = z.enum(['document', 'project', 'indicator']);
export type CorrectionScope = z.infer<typeof CorrectionScope>;

export const CorrectionValueKind = z.enum(['text', 'required_text', 'integer', 'real', 'year', 'target_op', 'row']);
export type CorrectionValueKind = z.infer<typeof CorrectionValueKind>;

/** The fields a reviewer may correct, per scope, by their column name in the store, with the kind of value. */
export const CORRECTABLE_FIELDS: Readonly<Record<CorrectionScope, Readonly<Record<string, CorrectionValueKind>>>> = {
  document: { title: 'text', department: 'text', fiscal_year: 'year' },
  project: {
    code: 'text',
    name: 'required_text',
    unit_code: 'text',
    unit_name: 'text',
    budget_total_yuan: 'integer',
    budget_fiscal_yuan: 'integer',
    budget_other_yuan: 'integer',
    fund_use: 'text',
    goal: 'text',
  },
  indicator: {
    level1: 'required_text',
    level2: 'text',
    level3: 'text',
    description: 'text',
    target_text: 'text',
    target_op: 'target_op',
    target_value: 'real',
    target_unit: 'text',
    basis: 'text',
    _row: 'row',
  },
};

/**
 * The pseudo-field of an indicator row itself: its extracted value is `extracted` when the
 * extraction has the row, NULL when not. A correction to `removed` takes an extracted row out; one
 * from NULL to `added` adds a row the extraction missed (its fields are corrections from NULL).
 */
export const ROW_FIELD = '_row';
export const ROW_EXTRACTED = 'extracted';
export const ROW_REMOVED = 'removed';
export const ROW_ADDED = 'added';

export const CorrectionValue = z.union([z.string(), z.number(), z.null()]);
export type CorrectionValue = z.infer<typeof CorrectionValue>;

/** Longest text a correction holds (a goal paragraph is a few hundred characters). */
export const CORRECTION_TEXT_MAX_CHARS = 4000;
/** Longest reviewer name and note. */
export const REVIEWER_NAME_MAX_CHARS = 100;
export const CORRECTION_NOTE_MAX_CHARS = 1000;

const TARGET_OPS = ['>=', '<=', '>', '<', '='] as const;

/** Where a correction points: the document by sha256, the project and indicator by their seq. */
export const CorrectionTarget = z.object({
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  projectSeq: z.number().int().min(1).nullable(),
  indicatorSeq: z.number().int().min(1).nullable(),
  field: z.string().min(1).max(64),
});
export type CorrectionTarget = z.infer<typeof CorrectionTarget>;

export const Correction = CorrectionTarget.extend({
  id: z.number().int(),
  before: CorrectionValue,
  after: CorrectionValue,
  author: z.string(),
  correctedAt: z.string(),
  note: z.string().nullable(),
});
export type Correction = z.infer<typeof Correction>;

export const CorrectionStatus = z.enum(['applied', 'extracted', 'conflict', 'orphaned']);
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;

export const ReviewStatus = z.enum(['unreviewed', 'in_review', 'signed_off']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const Signoff = z.object({
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  status: z.enum(['in_review', 'signed_off']),
  reviewer: z.string(),
  signedAt: z.string(),
  note: z.string().nullable(),
});
export type Signoff = z.infer<typeof Signoff>;

/** A correction error a caller shows to the reviewer (bad field, bad value, nothing to correct). */
export class CorrectionError extends Error {
  readonly code: 'unknown_field' | 'invalid_value' | 'not_found' | 'invalid_file';
  constructor(code: CorrectionError['code'], message: string) {
    super(message);
    this.name = 'CorrectionError';
    this.code = code;
  }
}

export const scopeOf = (target: { projectSeq: number | null; indicatorSeq: number | null }): CorrectionScope =>
  target.projectSeq === null ? 'document' : target.indicatorSeq === null ? 'project' : 'indicator';

const identityKey = (sha256: string, projectSeq: number | null, indicatorSeq: number | null) =>
  `${sha256}|${projectSeq ?? ''}|${indicatorSeq ?? ''}`;

/** Whether the database has the corrections tables (a database migrated by this budgetpdf has). */
export function hasCorrectionTables(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'").get() !== undefined;
}

/** Equal as stored values: NULL only to NULL, numbers by value, text exactly. */
export function sameValue(first: CorrectionValue | bigint | undefined, second: CorrectionValue | bigint | undefined) {
  const a = first ?? null;
  const b = second ?? null;
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return Number(a) === Number(b);
}

/** The reviewer's value checked and typed for its field; throws CorrectionError. Empty text is NULL. */
export function valueToChecked(scope: CorrectionScope, field: string, value: unknown): CorrectionValue {
  const kind = CORRECTABLE_FIELDS[scope][field];
  if (kind === undefined) throw new CorrectionError('unknown_field', `${field} is not a correctable ${scope} field`);
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    if (kind === 'required_text') throw new CorrectionError('invalid_value', `${field} cannot be empty`);
    return null;
  }
  switch (kind) {
    case 'text':
    case 'required_text': {
      if (typeof value !== 'string') throw new CorrectionError('invalid_value', `${field} takes text`);
      if (value.length > CORRECTION_TEXT_MAX_CHARS)
        throw new CorrectionError('invalid_value', `${field} is longer than ${CORRECTION_TEXT_MAX_CHARS} characters`);
      return value;
    }
    case 'integer':
    case 'year': {
      const number =
        typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(number)) throw new CorrectionError('invalid_value', `${field} takes a whole number`);
      if (kind === 'year' && (number < 1900 || number > 2999))
        throw new CorrectionError('invalid_value', `${field} takes a four-digit year`);
      return number;
    }
    case 'real': {
      const number =
        typeof value === 'number' ? value : /^\s*-?\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) throw new CorrectionError('invalid_value', `${field} takes a number`);
      return number;
    }
    case 'target_op': {
      if (!TARGET_OPS.includes(value as (typeof TARGET_OPS)[number]))
        throw new CorrectionError('invalid_value', `${field} takes one of ${TARGET_OPS.join(' ')}`);
      return value as string;
    }
    case 'row': {
      if (value !== ROW_EXTRACTED && value !== ROW_REMOVED && value !== ROW_ADDED)
        throw new CorrectionError('invalid_value', `${field} takes ${ROW_REMOVED} or ${ROW_ADDED}`);
      return value;
    }
  }
}

type CorrectionRow = {
  id: number;
  document_sha256: string;
  project_seq: number | null;
  indicator_seq: number | null;
  field: string;
  before: CorrectionValue;
  after: CorrectionValue;
  author: string;
  corrected_at: string;
  note: string | null;
};

const rowToCorrection = (row: CorrectionRow): Correction => ({
  id: row.id,
  documentSha256: row.document_sha256,
  projectSeq: row.project_seq,
  indicatorSeq: row.indicator_seq,
  field: row.field,
  before: row.before,
  after: row.after,
  author: row.author,
  correctedAt: row.corrected_at,
  note: row.note,
});

/** Every correction, or those of the documents with these sha256s, in the order they were made. */
export function databaseToCorrections(db: Db, sha256s?: readonly string[]): Correction[] {
  if (!hasCorrectionTables(db)) return [];
  const rows =
    sha256s === undefined
      ? db.prepare('SELECT * FROM corrections ORDER BY id').all()
      : sha256s.length === 0
        ? []
        : db
            .prepare(
              `SELECT * FROM corrections WHERE document_sha256 IN (${sha256s.map(() => '?').join(', ')}) ORDER BY id`,
            )
            .all(...sha256s);
  return (rows as CorrectionRow[]).map(rowToCorrection);
}

/** The SELECT of a field's extracted value by identity; the field is from CORRECTABLE_FIELDS, never from input. */
function extractedValueQuery(scope: CorrectionScope, field: string): string {
  if (CORRECTABLE_FIELDS[scope][field] === undefined || field === ROW_FIELD)
    throw new CorrectionError('unknown_field', field);
  switch (scope) {
    case 'document':
      return `SELECT d.${field} AS value FROM documents d WHERE d.sha256 = ?`;
    case 'project':
      return `SELECT p.${field} AS value FROM projects p JOIN documents d ON d.id = p.document_id
              WHERE d.sha256 = ? AND p.seq = ?`;
    case 'indicator':
      return `SELECT i.${field} AS value FROM indicators i JOIN projects p ON p.id = i.project_id
              JOIN documents d ON d.id = p.document_id WHERE d.sha256 = ? AND p.seq = ? AND i.seq = ?`;
  }
}

/**
 * The extracted value of a field by identity; `found: false` when the document, project or indicator is not stored —
 * except for an indicator a reviewer added (and its `_row`): found, every field NULL.
 */
export function extractedValueOf(db: Db, target: CorrectionTarget): { found: boolean; value: CorrectionValue } {
  const scope = scopeOf(target);
  if (scope === 'indicator') {
    const stored = indicatorIsStored(db, target);
    if (target.field === ROW_FIELD) return { found: projectIsStored(db, target), value: stored ? ROW_EXTRACTED : null };
    if (!stored) {
      const added = db
        .prepare(
          `SELECT 1 FROM corrections WHERE document_sha256 = ? AND project_seq = ? AND indicator_seq = ? AND field = ?
             AND after = ?`,
        )
        .get(target.documentSha256, target.projectSeq, target.indicatorSeq, ROW_FIELD, ROW_ADDED);
      return { found: added !== undefined && projectIsStored(db, target), value: null };
    }
  }
  const params = [target.documentSha256, target.projectSeq, target.indicatorSeq].slice(
    0,
    scope === 'document' ? 1 : scope === 'project' ? 2 : 3,
  );
  const row = db.prepare(extractedValueQuery(scope, target.field)).get(...params) as
    | { value: CorrectionValue }
    | undefined;
  return row === undefined ? { found: false, value: null } : { found: true, value: row.value };
}

function projectIsStored(db: Db, target: CorrectionTarget): boolean {
  return (
    db
      .prepare('SELECT 1 FROM projects p JOIN documents d ON d.id = p.document_id WHERE d.sha256 = ? AND p.seq = ?')
      .get(target.documentSha256, target.projectSeq) !== undefined
  );
}

function indicatorIsStored(db: Db, target: CorrectionTarget): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
         WHERE d.sha256 = ? AND p.seq = ? AND i.seq = ?`,
      )
      .get(target.documentSha256, target.projectSeq, target.indicatorSeq) !== undefined
  );
}

/** What a correction does against the extraction now stored. */
export function correctionToStatus(correction: Correction, extracted: { found: boolean; value: CorrectionValue }) {
  if (!extracted.found) return 'orphaned' as const;
  if (sameValue(extracted.value, correction.before)) return 'applied' as const;
  if (sameValue(extracted.value, correction.after)) return 'extracted' as const;
  return 'conflict' as const;
}

export type CorrectionWithStatus = Correction & { status: CorrectionStatus; extracted: CorrectionValue };

/** Corrections (all, or of some documents) with their status against the stored extraction. */
export function databaseToCorrectionStatuses(db: Db, sha256s?: readonly string[]): CorrectionWithStatus[] {
  return databaseToCorrections(db, sha256s).map((correction) => {
    const extracted = extractedValueOf(db, correction);
    return { ...correction, status: correctionToStatus(correction, extracted), extracted: extracted.value };
  });
}

export type CorrectionInput = CorrectionTarget & { after: unknown; author: string; note?: string | null };

/**
 * Stores a reviewer's correction (one per field: a second edit replaces the first and keeps the
 * first's `before`, the extracted value). A value equal to the extracted one removes the
 * correction. A document signed off goes back to `in_review`. Returns the correction, or null when removed.
 */
export function upsertCorrection(db: Db, input: CorrectionInput, now: Date = new Date()): Correction | null {
  const target = CorrectionTarget.parse({
    documentSha256: input.documentSha256,
    projectSeq: input.projectSeq,
    indicatorSeq: input.indicatorSeq,
    field: input.field,
  });
  const scope = scopeOf(target);
  const after = valueToChecked(scope, target.field, input.after);
  const author = checkedName(input.author, 'author');
  const note = checkedNote(input.note);
  return db
    .transaction((): Correction | null => {
      const extracted = extractedValueOf(db, target);
      if (!extracted.found) throw new CorrectionError('not_found', 'no such document, project or indicator stored');
      if (
        target.field === ROW_FIELD &&
        !(after === ROW_EXTRACTED || (after === ROW_REMOVED && extracted.value === ROW_EXTRACTED))
      )
        throw new CorrectionError(
          'invalid_value',
          `${ROW_FIELD}: only an extracted row can be removed (add rows with addIndicatorRow)`,
        );
      db.prepare(
        `DELETE FROM corrections WHERE document_sha256 = ? AND ifnull(project_seq, 0) = ifnull(?, 0)
           AND ifnull(indicator_seq, 0) = ifnull(?, 0) AND field = ?`,
      ).run(target.documentSha256, target.projectSeq, target.indicatorSeq, target.field);
      markInReview(db, target.documentSha256, author, now);
      if (sameValue(after, extracted.value)) return null;
      const id = Number(
        db
          .prepare(
            `INSERT INTO corrections (document_sha256, project_seq, indicator_seq, field, before, after, author, corrected_at, note)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            target.documentSha256,
            target.projectSeq,
            target.indicatorSeq,
            target.field,
            extracted.value,
            after,
            author,
            now.toISOString(),
            note,
          ).lastInsertRowid,
      );
      return rowToCorrection(db.prepare('SELECT * FROM corrections WHERE id = ?').get(id) as CorrectionRow);
    })
    .immediate();
}

/**
 * Removes a correction by id (the field shows its extracted value again); false when there was none. Removing the
 * addition of a row removes the corrections of its fields too.
 */
export function deleteCorrection(db: Db, id: number): boolean {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT * FROM corrections WHERE id = ?').get(id) as CorrectionRow | undefined;
      if (!row) return false;
      if (row.field === ROW_FIELD && row.after === ROW_ADDED)
        db.prepare(
          'DELETE FROM corrections WHERE document_sha256 = ? AND project_seq = ? AND indicator_seq = ? AND before IS NULL',
        ).run(row.document_sha256, row.project_seq, row.indicator_seq);
      db.prepare('DELETE FROM corrections WHERE id = ?').run(id);
      return true;
    })
    .immediate();
}

/** The indicator fields a reviewer gives an added row. */
export const ADDED_ROW_FIELDS = [
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

/**
 * Adds an indicator row the extraction missed to a project: its `seq` follows the project's last
 * (extracted or added) indicator; `_row` becomes `added` and each given field a correction from NULL.
 * Returns the new row's seq.
 */
export function addIndicatorRow(
  db: Db,
  input: {
    documentSha256: string;
    projectSeq: number;
    values: Record<string, unknown>;
    author: string;
    note?: string | null;
  },
  now: Date = new Date(),
): number {
  const author = checkedName(input.author, 'author');
  const note = checkedNote(input.note);
  const values = Object.entries(input.values).map(
    ([field, value]) => [field, valueToChecked('indicator', field, value)] as const,
  );
  if (values.some(([field]) => field === ROW_FIELD))
    throw new CorrectionError('unknown_field', `${ROW_FIELD} is set by adding a row`);
  if (!values.some(([field, value]) => field === 'level1' && value !== null))
    throw new CorrectionError('invalid_value', 'level1 cannot be empty');
  return db
    .transaction((): number => {
      const project = {
        documentSha256: input.documentSha256,
        projectSeq: input.projectSeq,
        indicatorSeq: 1,
        field: '',
      };
      if (!projectIsStored(db, project)) throw new CorrectionError('not_found', 'no such project stored');
      const lastExtracted = db
        .prepare(
          `SELECT max(i.seq) FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
           WHERE d.sha256 = ? AND p.seq = ?`,
        )
        .pluck()
        .get(input.documentSha256, input.projectSeq) as number | null;
      const lastAdded = db
        .prepare('SELECT max(indicator_seq) FROM corrections WHERE document_sha256 = ? AND project_seq = ?')
        .pluck()
        .get(input.documentSha256, input.projectSeq) as number | null;
      const seq = Math.max(lastExtracted ?? 0, lastAdded ?? 0) + 1;
      const insert = db.prepare(
        `INSERT INTO corrections (document_sha256, project_seq, indicator_seq, field, before, after, author, corrected_at, note)
         VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
      );
      insert.run(input.documentSha256, input.projectSeq, seq, ROW_FIELD, ROW_ADDED, author, now.toISOString(), note);
      for (const [field, value] of values)
        if (value !== null)
          insert.run(input.documentSha256, input.projectSeq, seq, field, value, author, now.toISOString(), null);
      markInReview(db, input.documentSha256, author, now);
      return seq;
    })
    .immediate();
}

function checkedName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.trim() === '')
    throw new CorrectionError('invalid_value', `${what}: a name is needed`);
  if (name.length > REVIEWER_NAME_MAX_CHARS)
    throw new CorrectionError('invalid_value', `${what}: longer than ${REVIEWER_NAME_MAX_CHARS} characters`);
  return name.trim();
}

function checkedNote(note: unknown): string | null {
  if (note === undefined || note === null || note === '') return null;
  if (typeof note !== 'string' || note.length > CORRECTION_NOTE_MAX_CHARS)
    throw new CorrectionError('invalid_value', `note: text up to ${CORRECTION_NOTE_MAX_CHARS} characters`);
  return note;
}

/** A signed-off document that gets a correction goes back to review. */
function markInReview(db: Db, sha256: string, reviewer: string, now: Date): void {
  db.prepare(
    `UPDATE signoffs SET status = 'in_review', reviewer = ?, signed_at = ?, note = NULL
     WHERE document_sha256 = ? AND status = 'signed_off'`,
  ).run(reviewer, now.toISOString(), sha256);
}

/** Sets a document's review status by a named reviewer; `unreviewed` removes it. */
export function setReviewStatus(
  db: Db,
  input: { documentSha256: string; status: ReviewStatus; reviewer: string; note?: string | null },
  now: Date = new Date(),
): Signoff | null {
  const sha256 = z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .parse(input.documentSha256);
  const status = ReviewStatus.parse(input.status);
  const reviewer = checkedName(input.reviewer, 'reviewer');
  const note = checkedNote(input.note);
  if (db.prepare('SELECT 1 FROM documents WHERE sha256 = ?').get(sha256) === undefined)
    throw new CorrectionError('not_found', 'no such document stored');
  if (status === 'unreviewed') {
    db.prepare('DELETE FROM signoffs WHERE document_sha256 = ?').run(sha256);
    return null;
  }
  db.prepare(
    `INSERT INTO signoffs (document_sha256, status, reviewer, signed_at, note) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_sha256) DO UPDATE SET status = excluded.status, reviewer = excluded.reviewer,
       signed_at = excluded.signed_at, note = excluded.note`,
  ).run(sha256, status, reviewer, now.toISOString(), note);
  return signoffOf(db, sha256);
}

export function signoffOf(db: Db, sha256: string): Signoff | null {
  if (!hasCorrectionTables(db)) return null;
  const row = db
    .prepare(
      `SELECT document_sha256 AS documentSha256, status, reviewer, signed_at AS signedAt, note
       FROM signoffs WHERE document_sha256 = ?`,
    )
    .get(sha256) as Signoff | undefined;
  return row ?? null;
}

/** Review status of every document by sha256: its sign-off, else in_review when it has corrections. */
export function databaseToReviewStatuses(db: Db): Map<string, { status: ReviewStatus; reviewer: string | null }> {
  const statuses = new Map<string, { status: ReviewStatus; reviewer: string | null }>();
  if (!hasCorrectionTables(db)) return statuses;
  for (const row of db.prepare('SELECT DISTINCT document_sha256 AS sha FROM corrections').all() as { sha: string }[])
    statuses.set(row.sha, { status: 'in_review', reviewer: null });
  for (const row of db.prepare('SELECT document_sha256 AS sha, status, reviewer FROM signoffs').all() as {
    sha: string;
    status: ReviewStatus;
    reviewer: string;
  }[])
    statuses.set(row.sha, { status: row.status, reviewer: row.reviewer });
  return statuses;
}

/** Corrections indexed by identity, for applying them to many rows. */
export type CorrectionIndex = Map<string, Map<string, Correction>>;

/** Loads corrections (all, or of some documents) into an index; empty when the database has no corrections table. */
export function databaseToCorrectionIndex(db: Db, sha256s?: readonly string[]): CorrectionIndex {
  const index: CorrectionIndex = new Map();
  for (const correction of databaseToCorrections(db, sha256s)) {
    const key = identityKey(correction.documentSha256, correction.projectSeq, correction.indicatorSeq);
    let fields = index.get(key);
    if (!fields) index.set(key, (fields = new Map()));
    fields.set(correction.field, correction);
  }
  return index;
}

export type CorrectedRecord<T> = { record: T; correctedFields: string[]; conflicts: Correction[] };

/**
 * THE function every reader applies corrections with: the record of one document, project or
 * indicator (values by store column name) with each correction whose `before` still equals the
 * extracted value applied. `correctedFields` names what changed; `conflicts` the corrections not
 * applied because the extraction changed since. Fields of `record` a correction does not name are kept.
 */
export function recordToCorrected<T extends Record<string, unknown>>(
  index: CorrectionIndex,
  identity: { documentSha256: string; projectSeq: number | null; indicatorSeq: number | null },
  record: T,
): CorrectedRecord<T> {
  const corrections = index.get(identityKey(identity.documentSha256, identity.projectSeq, identity.indicatorSeq));
  if (!corrections) return { record, correctedFields: [], conflicts: [] };
  const corrected: Record<string, unknown> = { ...record };
  const correctedFields: string[] = [];
  const conflicts: Correction[] = [];
  for (const correction of corrections.values()) {
    if (!(correction.field in record)) continue;
    const extracted = record[correction.field] as CorrectionValue;
    const status = correctionToStatus(correction, { found: true, value: extracted });
    if (status === 'applied') {
      corrected[correction.field] = correction.after;
      correctedFields.push(correction.field);
    } else if (status === 'conflict') conflicts.push(correction);
  }
  return { record: corrected as T, correctedFields, conflicts };
}

/**
 * The indicator rows reviewers added (applied: the extraction has no row there), each as a record of
 * ADDED_ROW_FIELDS (NULL where not given) with its identity. `isExtracted` says whether the
 * extraction has an indicator at an identity.
 */
export function addedRowsOf(
  index: CorrectionIndex,
  isExtracted: (sha256: string, projectSeq: number, indicatorSeq: number) => boolean,
): { documentSha256: string; projectSeq: number; indicatorSeq: number; record: Record<string, CorrectionValue> }[] {
  const rows: ReturnType<typeof addedRowsOf> = [];
  for (const fields of index.values()) {
    const row = fields.get(ROW_FIELD);
    if (!row || row.after !== ROW_ADDED || row.projectSeq === null || row.indicatorSeq === null) continue;
    if (isExtracted(row.documentSha256, row.projectSeq, row.indicatorSeq)) continue;
    const record: Record<string, CorrectionValue> = {};
    for (const field of ADDED_ROW_FIELDS) record[field] = fields.get(field)?.after ?? null;
    rows.push({
      documentSha256: row.documentSha256,
      projectSeq: row.projectSeq,
      indicatorSeq: row.indicatorSeq,
      record,
    });
  }
  return rows.sort((a, b) => a.projectSeq - b.projectSeq || a.indicatorSeq - b.indicatorSeq);
}

/** The corrections file: what `budgetpdf corrections export` writes and `import` reads (docs/serve.md). */
export const CORRECTIONS_FILE_FORMAT = 'budgetpdf-corrections';
export const CorrectionsFile = z.object({
  format: z.literal(CORRECTIONS_FILE_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  corrections: z.array(
    CorrectionTarget.extend({
      before: CorrectionValue,
      after: CorrectionValue,
      author: z.string().min(1).max(REVIEWER_NAME_MAX_CHARS),
      correctedAt: z.string(),
      note: z.string().max(CORRECTION_NOTE_MAX_CHARS).nullable(),
    }),
  ),
  signoffs: z.array(Signoff),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFile>;

export function databaseToCorrectionsFile(db: Db, now: Date = new Date()): CorrectionsFile {
  const signoffs = hasCorrectionTables(db)
    ? (db
        .prepare(
          `SELECT document_sha256 AS documentSha256, status, reviewer, signed_at AS signedAt, note
           FROM signoffs ORDER BY document_sha256`,
        )
        .all() as Signoff[])
    : [];
  return {
    format: CORRECTIONS_FILE_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    corrections: databaseToCorrections(db).map(({ id: _id, ...correction }) => correction),
    signoffs,
  };
}

export type CorrectionsImportResult = { added: number; replaced: number; keptNewer: number; signoffs: number };

/**
 * Merges a corrections file into the database in one transaction: a correction of a field that has
 * none is added; one that has a correction already replaces it when the file's is as new or newer
 * (`correctedAt`), else the database's is kept. Sign-offs merge the same way by `signedAt`. Values
 * are checked as the workspace checks them. Corrections of documents not stored are kept (they
 * apply once the document is imported) and show as orphaned.
 */
export function correctionsFileToDatabase(db: Db, input: unknown): CorrectionsImportResult {
  const parsed = CorrectionsFile.safeParse(input);
  if (!parsed.success) throw new CorrectionError('invalid_file', `not a corrections file: ${parsed.error.message}`);
  const file = parsed.data;
  const result: CorrectionsImportResult = { added: 0, replaced: 0, keptNewer: 0, signoffs: 0 };
  db.transaction(() => {
    for (const correction of file.corrections) {
      const scope = scopeOf(correction);
      const before = valueToChecked(scope, correction.field, correction.before);
      const after = valueToChecked(scope, correction.field, correction.after);
      const existing = db
        .prepare(
          `SELECT id, corrected_at AS correctedAt FROM corrections WHERE document_sha256 = ?
             AND ifnull(project_seq, 0) = ifnull(?, 0) AND ifnull(indicator_seq, 0) = ifnull(?, 0) AND field = ?`,
        )
        .get(correction.documentSha256, correction.projectSeq, correction.indicatorSeq, correction.field) as
        | { id: number; correctedAt: string }
        | undefined;
      if (existing && existing.correctedAt > correction.correctedAt) {
        result.keptNewer += 1;
        continue;
      }
      if (existing) db.prepare('DELETE FROM corrections WHERE id = ?').run(existing.id);
      db.prepare(
        `INSERT INTO corrections (document_sha256, project_seq, indicator_seq, field, before, after, author, corrected_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        correction.documentSha256,
        correction.projectSeq,
        correction.indicatorSeq,
        correction.field,
        before,
        after,
        correction.author,
        correction.correctedAt,
        correction.note,
      );
      if (existing) result.replaced += 1;
      else result.added += 1;
    }
    for (const signoff of file.signoffs) {
      const existing = db
        .prepare('SELECT signed_at AS signedAt FROM signoffs WHERE document_sha256 = ?')
        .get(signoff.documentSha256) as { signedAt: string } | undefined;
      if (existing && existing.signedAt > signoff.signedAt) continue;
      db.prepare(
        `INSERT INTO signoffs (document_sha256, status, reviewer, signed_at, note) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (document_sha256) DO UPDATE SET status = excluded.status, reviewer = excluded.reviewer,
           signed_at = excluded.signed_at, note = excluded.note`,
      ).run(signoff.documentSha256, signoff.status, signoff.reviewer, signoff.signedAt, signoff.note);
      result.signoffs += 1;
    }
  }).immediate();
  return result;
}

/** One line per correction that does not apply to the stored extraction (conflict or orphaned); empty when all apply. */
export function correctionsToProblemLines(statuses: readonly CorrectionWithStatus[]): string[] {
  return statuses
    .filter((correction) => correction.status === 'conflict' || correction.status === 'orphaned')
    .map((correction) => {
      const where = [
        correction.documentSha256.slice(0, 12),
        correction.projectSeq === null ? null : `project ${correction.projectSeq}`,
        correction.indicatorSeq === null ? null : `indicator ${correction.indicatorSeq}`,
        correction.field,
      ]
        .filter(Boolean)
        .join(' ');
      return correction.status === 'orphaned'
        ? `${where}: no longer stored (correction ${JSON.stringify(correction.after)} by ${correction.author} kept, not applied)`
        : `${where}: extracted value is now ${JSON.stringify(correction.extracted)}, was ${JSON.stringify(correction.before)} when corrected to ${JSON.stringify(correction.after)} by ${correction.author}: not applied`;
    });
}
