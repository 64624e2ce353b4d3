/**
 * indicators_flat.csv: what an auditor opens in a spreadsheet. One row per indicator with its
 * document, project (budget in 万元, printed exactly) and every indicator field, the page, and
 * `needs_review` when a finding or a low-confidence repair touches the row.
 *
 * Spreadsheet safety: a text cell starting with = + - @ tab or CR would run as a formula in
 * Excel/Calc (CSV injection); it is written with a leading apostrophe. Number columns are
 * written as plain numbers and never prefixed.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { format } from 'fast-csv';
import { z } from 'zod';
import { basename } from 'node:path';
import { BudgetPdfError } from '../../errors.js';
import type { Db } from '../store/database.js';
import type { OcrEngines } from '../../model/ocrReading.js';
import { findingToReasonZh, OCR_ENGINE_ZH, repairFieldToZh, repairToReasonZh } from './reviewTextsZh.js';
import { type ExportAs, flatRowsToCorrected } from './corrected.js';

export const FLAT_CSV_FILE = 'indicators_flat.csv';

/**
 * A repair whose OCR confidence (0..100) is below this marks the rows it touches for review.
 * Phenomenon: OCR repairs (ocr_vocabulary, ocr_check_char on scanned pages, fixtures/scanned) carry
 * tesseract's word confidence; below 80 a misread is likely (tesseract's own rule of thumb, not yet
 * measured on our fixtures). Text-layer repairs carry no confidence and never count.
 */
export const LOW_CONFIDENCE_REPAIR_PCT = 80;

/** Yuan per 万元. */
const YUAN_PER_WAN = 10_000n;

/** What a spreadsheet would run as a formula: = + - @ tab CR at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** The prefix that makes such a cell inert text in Excel and LibreOffice. */
const FORMULA_GUARD = "'";

export const FlatHeaderLanguage = z.enum(['en', 'zh']);
export type FlatHeaderLanguage = z.infer<typeof FlatHeaderLanguage>;

export const FlatColumnKind = z.enum(['text', 'number']);
export type FlatColumnKind = z.infer<typeof FlatColumnKind>;

export const FlatColumn = z.object({ key: z.string(), zh: z.string(), kind: FlatColumnKind });
export type FlatColumn = z.infer<typeof FlatColumn>;

/** The columns of indicators_flat.csv in order: English key (header with `--headers en`), Chinese header, kind. */
export const FLAT_COLUMNS: readonly FlatColumn[] = [
  { key: 'document_id', zh: '文档编号', kind: 'number' },
  { key: 'document_title', zh: '文档标题', kind: 'text' },
  { key: 'department', zh: '部门', kind: 'text' },
  { key: 'fiscal_year', zh: '年度', kind: 'number' },
  { key: 'project_seq', zh: '项目序号', kind: 'number' },
  { key: 'project_code', zh: '项目编码', kind: 'text' },
  { key: 'project_name', zh: '项目名称', kind: 'text' },
  { key: 'unit_code', zh: '单位编码', kind: 'text' },
  { key: 'unit_name', zh: '单位名称', kind: 'text' },
  { key: 'budget_total_wan', zh: '预算数（万元）', kind: 'number' },
  { key: 'budget_fiscal_wan', zh: '财政资金（万元）', kind: 'number' },
  { key: 'budget_other_wan', zh: '其他资金（万元）', kind: 'number' },
  { key: 'indicator_seq', zh: '指标序号', kind: 'number' },
  { key: 'level1', zh: '一级指标', kind: 'text' },
  { key: 'level2', zh: '二级指标', kind: 'text' },
  { key: 'level3', zh: '三级指标', kind: 'text' },
  { key: 'description', zh: '绩效指标描述', kind: 'text' },
  { key: 'target_text', zh: '指标值', kind: 'text' },
  { key: 'target_op', zh: '指标值比较', kind: 'text' },
  { key: 'target_value', zh: '指标值数值', kind: 'number' },
  { key: 'target_unit', zh: '指标值单位', kind: 'text' },
  { key: 'basis', zh: '指标值确定依据', kind: 'text' },
  { key: 'page', zh: '页码', kind: 'number' },
  { key: 'needs_review', zh: '需复核', kind: 'number' },
  { key: 'review_reasons', zh: '复核原因', kind: 'text' },
  { key: 'source_file', zh: '源文件', kind: 'text' },
  // Migration 4 (docs/templates.md): what templates other than the seed's print; appended so that the columns
  // before keep their places in a spreadsheet.
  { key: 'template', zh: '模板', kind: 'text' },
  { key: 'competent_dept', zh: '主管部门', kind: 'text' },
  { key: 'competent_dept_code', zh: '主管部门代码', kind: 'text' },
  { key: 'implementing_unit', zh: '实施单位', kind: 'text' },
  { key: 'budget_carryover_wan', zh: '上年结转资金（万元）', kind: 'number' },
  { key: 'weight', zh: '分值', kind: 'number' },
  { key: 'weight_total', zh: '分值合计（表头）', kind: 'number' },
  { key: 'direction', zh: '指标方向', kind: 'text' },
  { key: 'measure_unit', zh: '计量单位', kind: 'text' },
  { key: 'corrected', zh: '已更正', kind: 'number' },
  { key: 'corrected_fields', zh: '更正字段', kind: 'text' },
  { key: 'review_status', zh: '审核状态', kind: 'text' },
  { key: 'reviewed_by', zh: '审核人', kind: 'text' },
  // Migration 9 (migrationIndicatorPeriod.ts): the indicator table's period, annual or mid_term (长期/实施期).
  { key: 'period', zh: '指标期间', kind: 'text' },
  // Migration 10 (ocr_fields, issue 13): the row's fields read by OCR with engine and confidence; empty for text.
  { key: 'ocr_fields', zh: 'OCR识别字段', kind: 'text' },
  { key: 'ocr_min_confidence', zh: 'OCR最低置信度', kind: 'number' },
];

/** Which documents to export: by id, sha256 (or a prefix of at least 8 hex digits) or source path; by fiscal year. */
export const FlatCsvFilter = z.object({
  documents: z.array(z.string()).default([]),
  fiscalYears: z.array(z.number().int()).default([]),
});
export type FlatCsvFilter = z.infer<typeof FlatCsvFilter>;

export type FlatCsvOptions = {
  bom: boolean;
  headers?: FlatHeaderLanguage;
  filter?: Partial<FlatCsvFilter>;
  /** Text exactly as stored, without the formula guard (for scripts, not spreadsheets). */
  raw?: boolean;
  /** With reviewers' corrections applied (default) or as extracted (src/stages/export/corrected.ts). */
  as?: ExportAs;
};

/** One row of the flat CSV, values as stored (before formula guarding). */
export type FlatRow = Record<string, string | number | null>;

const SHA_PREFIX_MIN_HEX = 8;

/** Exact decimal 万元 from integer yuan by integer arithmetic: 23500800 → "2350.08", 5000000 → "500". */
export function yuanToWanDecimal(yuan: number | bigint | null): string | null {
  return yuanToUnitDecimal(yuan, YUAN_PER_WAN);
}

/**
 * Exact decimal in a unit of `yuanPerUnit` yuan (a power of ten: 1, 1000, 10000 …) by integer arithmetic, trailing
 * zeros dropped: (23500800, 10000) → "2350.08", (35000, 1) → "35000".
 */
export function yuanToUnitDecimal(yuan: number | bigint | null, yuanPerUnit: bigint): string | null {
  if (yuan === null) return null;
  const value = BigInt(yuan);
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / yuanPerUnit;
  const digits = yuanPerUnit.toString().length - 1;
  const fraction = digits === 0 ? '' : (magnitude % yuanPerUnit).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `${FORMULA_GUARD}${text}` : text;
}

/** The CSV field of one value: NULL empty, numbers as printed, text guarded against formulas. */
export function flatValueToField(value: string | number | null, kind: FlatColumnKind, raw = false): string {
  if (value === null) return '';
  if (kind === 'number' || raw) return String(value);
  return neutraliseFormula(String(value));
}

/** SQL WHERE clause and parameters selecting the documents of `filter` (alias d = documents). */
export function filterToWhere(filter: Partial<FlatCsvFilter> = {}): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const documents = filter.documents ?? [];
  if (documents.length > 0) {
    const any: string[] = [];
    for (const selector of documents) {
      if (/^\d+$/.test(selector)) {
        any.push('d.id = ?');
        params.push(Number(selector));
      } else if (new RegExp(`^[0-9a-f]{${SHA_PREFIX_MIN_HEX},64}$`, 'i').test(selector)) {
        any.push('d.sha256 LIKE ?');
        params.push(`${selector.toLowerCase()}%`);
      } else {
        any.push('d.source_path = ?');
        params.push(selector);
      }
    }
    clauses.push(`(${any.join(' OR ')})`);
  }
  const years = filter.fiscalYears ?? [];
  if (years.length > 0) {
    clauses.push(`d.fiscal_year IN (${years.map(() => '?').join(', ')})`);
    params.push(...years);
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The ids of the documents `filter` selects, in id order; null when it selects nothing in particular (every
 * document). Each `--document` selector and each year must match a stored document, and together they must
 * match one: otherwise a BudgetPdfError `no_matching_documents` names what was asked.
 */
export function filterToDocumentIds(db: Db, filter: Partial<FlatCsvFilter> = {}): number[] | null {
  const documents = filter.documents ?? [];
  const years = filter.fiscalYears ?? [];
  if (documents.length === 0 && years.length === 0) return null;
  const idsOf = (part: Partial<FlatCsvFilter>) => {
    const where = filterToWhere(part);
    return db
      .prepare(`SELECT d.id FROM documents d ${where.sql} ORDER BY d.id`)
      .pluck()
      .all(...where.params) as number[];
  };
  for (const selector of documents) {
    if (idsOf({ documents: [selector] }).length === 0) {
      throw new BudgetPdfError(
        'no_matching_documents',
        null,
        `no stored document matches --document ${selector} (give a document id, a sha256 or a prefix of at least ${SHA_PREFIX_MIN_HEX} hex digits, or the source path as imported)`,
      );
    }
  }
  for (const year of years) {
    if (idsOf({ fiscalYears: [year] }).length === 0) {
      const stored = db
        .prepare('SELECT DISTINCT fiscal_year FROM documents WHERE fiscal_year IS NOT NULL ORDER BY fiscal_year')
        .pluck()
        .all() as number[];
      throw new BudgetPdfError(
        'no_matching_documents',
        null,
        `no stored document is of --year ${year} (years stored: ${stored.join(', ') || 'none'})`,
      );
    }
  }
  const ids = idsOf({ documents, fiscalYears: years });
  if (ids.length === 0) {
    const asked = [...documents.map((d) => `--document ${d}`), ...years.map((y) => `--year ${y}`)].join(' ');
    throw new BudgetPdfError('no_matching_documents', null, `no stored document matches ${asked} together`);
  }
  return ids;
}

/** What a review reason is about: the row's document, project, indicator and page. */
export type ReviewScope = { document_id: number; project_id: number; indicator_seq: number; page: number };

type FindingRow = { document_id: number; project_id: number | null; page: number | null; rule: string };
type RepairRow = {
  document_id: number;
  project_id: number | null;
  page: number | null;
  kind: string;
  field: string;
  confidence: number;
};

/** The field path of indicator `seq` (1-based) as the repair stage names it: indicators[seq-1].<column>. */
const indicatorFieldPrefix = (seq: number) => `indicators[${seq - 1}].`;

/**
 * Why a row needs review: every finding about its project (or, without a project, on its page),
 * and every repair below LOW_CONFIDENCE_REPAIR_PCT on this indicator, on a project-level field
 * of its project, or (without a project) on its page. Empty when nothing touches the row.
 * English (`en`): each finding's rule and each repair as `kind:field@confidence`; Chinese (`zh`):
 * each as a sentence (reviewTextsZh.ts).
 */
export function reviewReasonsOf(
  row: ReviewScope,
  findings: FindingRow[],
  repairs: RepairRow[],
  language: FlatHeaderLanguage = 'en',
): string[] {
  const reasons: string[] = [];
  for (const finding of findings) {
    if (finding.document_id !== row.document_id) continue;
    const touches = finding.project_id === null ? finding.page === row.page : finding.project_id === row.project_id;
    if (touches) reasons.push(language === 'zh' ? findingToReasonZh(finding.rule, finding.page) : finding.rule);
  }
  for (const repair of repairs) {
    if (repair.document_id !== row.document_id) continue;
    const touches =
      repair.project_id === null
        ? repair.page === row.page
        : repair.project_id === row.project_id &&
          (repair.field.startsWith(indicatorFieldPrefix(row.indicator_seq)) || !repair.field.startsWith('indicators['));
    if (!touches) continue;
    reasons.push(
      language === 'zh'
        ? repairToReasonZh(repair.kind, repair.field, repair.page, repair.confidence)
        : `${repair.kind}:${repair.field}@${Math.round(repair.confidence)}`,
    );
  }
  return [...new Set(reasons)];
}

/** Separator of review reasons in one cell. */
const REASON_SEPARATOR: Readonly<Record<FlatHeaderLanguage, string>> = { en: '; ', zh: '；' };
/** The needs_review flag: 1/0 with English headers, 是/否 with Chinese ones. */
const REVIEW_FLAG: Readonly<Record<FlatHeaderLanguage, readonly [string | number, string | number]>> = {
  en: [0, 1],
  zh: ['否', '是'],
};

/**
 * The printed comparison of a target, for people: the operator symbol the target text starts with
 * (≥ ≤ ＞ ＜ ≧ ≦ > <, and `>=`/`<=` as printed), a bare `=` as the full-width ＝ (a spreadsheet would run
 * `=` as a formula); for an operator printed as words (不低于, 以上) or not printed (`90%`), the symbol
 * of the stored operator: ≥ ≤ ＞ ＜ ＝. NULL when the target holds no number.
 */
export function targetToPrintedOp(targetText: string | null, targetOp: string | null): string | null {
  if (targetOp === null) return null;
  const printed = PRINTED_OP_PREFIX.exec((targetText ?? '').trimStart())?.[0];
  if (printed !== undefined && (PRINTED_OP_TO_OP[printed] ?? targetOp) === targetOp)
    return printed === '=' ? '＝' : printed;
  return OP_TO_SYMBOL[targetOp] ?? targetOp;
}
const PRINTED_OP_PREFIX = /^(>=|<=|＞=|＜=|[≥≤≧≦＞＜>＝=<])/u;
const PRINTED_OP_TO_OP: Readonly<Record<string, string>> = {
  '>=': '>=',
  '＞=': '>=',
  '≥': '>=',
  '≧': '>=',
  '<=': '<=',
  '＜=': '<=',
  '≤': '<=',
  '≦': '<=',
  '>': '>',
  '＞': '>',
  '<': '<',
  '＜': '<',
  '=': '=',
  '＝': '=',
};
const OP_TO_SYMBOL: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '＞', '<': '＜', '=': '＝' };

/** Flat keys whose value is not the same-named column of indicators, projects or documents: SQL over i, p, d. */
const FLAT_KEY_SQL: Readonly<Record<string, string>> = {
  document_id: 'd.id',
  document_title: 'd.title',
  project_seq: 'p.seq',
  project_code: 'p.code',
  project_name: 'p.name',
  indicator_seq: 'i.seq',
};

/** What every row selects besides its columns, for the values computed in JavaScript. */
const SCOPE_SQL =
  'd.id AS _document_id, p.id AS _project_id, i.seq AS _indicator_seq, i.page AS _page, i.target_text AS _target_text, i.target_op AS _target_op, d.source_path AS _source_path, d.sha256 AS document_sha256';
type ScopeRow = Record<string, string | number | null> & {
  document_sha256: string;
  project_seq: number;
  indicator_seq: number;
  _document_id: number;
  _project_id: number;
  _indicator_seq: number;
  _page: number;
  _target_text: string | null;
  _target_op: string | null;
  _source_path: string;
};

type ComputedValue = (row: ScopeRow, reasons: string[], language: FlatHeaderLanguage) => string | number | null;
/** Flat keys computed from the row and its review reasons rather than read from a column. */
const COMPUTED_FLAT_KEYS: Readonly<Record<string, ComputedValue>> = {
  source_file: (row) => basename(row._source_path.replaceAll('\\', '/')),
  // A reviewer's correction of the target text or operator (corrected.ts) is what is printed.
  target_op: (row) =>
    targetToPrintedOp(
      (row.target_text as string | null) ?? null,
      row.target_op === undefined ? row._target_op : (row.target_op as string | null),
    ),
  needs_review: (_row, reasons, language) => REVIEW_FLAG[language][reasons.length > 0 ? 1 : 0],
  review_reasons: (_row, reasons, language) => (reasons.length > 0 ? reasons.join(REASON_SEPARATOR[language]) : null),
  // Set by flatRowsToCorrected (corrected.ts).
  corrected: (row) => row.corrected ?? 0,
  corrected_fields: (row) => row.corrected_fields ?? null,
  review_status: (row) => row.review_status ?? null,
  reviewed_by: (row) => row.reviewed_by ?? null,
  // Set by withOcrFields.
  ocr_fields: (row) => row.ocr_fields ?? null,
  ocr_min_confidence: (row) => row.ocr_min_confidence ?? null,
};

/**
 * How each flat column is read. A key of FLAT_COLUMNS is, in this order: computed (COMPUTED_FLAT_KEYS), an SQL
 * expression (FLAT_KEY_SQL), `<name>_wan` from the projects column `<name>_yuan` (exact 万元), or the same-named
 * column of indicators, projects or documents. A column added to the schema and to FLAT_COLUMNS under its own name
 * thus reaches the CSV and the workbook without more code; a key with no source is a programming error.
 */
function flatColumnSources(db: Db): { key: string; sql: string | null; wan: boolean }[] {
  const columnsOf = (table: string) =>
    new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name));
  const tables: [string, Set<string>][] = [
    ['i', columnsOf('indicators')],
    ['p', columnsOf('projects')],
    ['d', columnsOf('documents')],
  ];
  return FLAT_COLUMNS.map(({ key }) => {
    if (COMPUTED_FLAT_KEYS[key]) return { key, sql: null, wan: false };
    if (FLAT_KEY_SQL[key]) return { key, sql: FLAT_KEY_SQL[key], wan: false };
    const yuan = key.endsWith('_wan') ? `${key.slice(0, -'_wan'.length)}_yuan` : null;
    if (yuan && tables[1][1].has(yuan)) return { key, sql: `p.${yuan}`, wan: true };
    const table = tables.find(([, columns]) => columns.has(key));
    if (!table) throw new Error(`flat column ${key} has no source: not computed, not mapped and no table column`);
    return { key, sql: `${table[0]}.${key}`, wan: false };
  });
}

export type FlatRowsOptions = {
  /** en: review reasons as rule names, needs_review 0/1; zh: reasons as Chinese sentences, needs_review 是/否. */
  language?: FlatHeaderLanguage;
  /** With reviewers' corrections applied (default) or as extracted (corrected.ts). */
  as?: ExportAs;
};

/** The flat rows of the selected documents, ordered by document, project and indicator. */
export function databaseToFlatRows(
  db: Db,
  filter: Partial<FlatCsvFilter> = {},
  options: FlatRowsOptions = {},
): FlatRow[] {
  const language = options.language ?? 'en';
  const where = filterToWhere(filter);
  const sources = flatColumnSources(db);
  const selected = sources
    .filter((source) => source.sql !== null)
    .map((source) => `${source.sql} AS ${quoteIdentifier(source.key)}`);
  const rows = db
    .prepare(
      `SELECT ${[...selected, SCOPE_SQL].join(', ')}
       FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
       ${where.sql}
       ORDER BY d.id, p.seq, i.seq`,
    )
    .all(...where.params) as ScopeRow[];
  const documentIds = [...new Set(rows.map((row) => row._document_id))];
  const inDocuments = `document_id IN (${documentIds.map(() => '?').join(', ') || 'NULL'})`;
  const findings = db
    .prepare(`SELECT document_id, project_id, page, rule FROM findings WHERE ${inDocuments}`)
    .all(...documentIds) as FindingRow[];
  const repairs = db
    .prepare(
      `SELECT document_id, project_id, page, kind, field, confidence FROM repairs WHERE confidence < ? AND ${inDocuments}`,
    )
    .all(LOW_CONFIDENCE_REPAIR_PCT, ...documentIds) as RepairRow[];
  const ocrFields = documentsToOcrFieldRows(db, documentIds);
  return flatRowsToCorrected(db, rows, options.as ?? 'corrected').map((unread) => {
    const row = withOcrFields(unread, ocrFields, language);
    const scope: ReviewScope = {
      document_id: row._document_id,
      project_id: row._project_id,
      indicator_seq: row.indicator_seq,
      page: row._page,
    };
    const reasons = reviewReasonsOf(scope, findings, repairs, language);
    const flat: FlatRow = {};
    for (const source of sources) {
      const computed = COMPUTED_FLAT_KEYS[source.key];
      if (computed) flat[source.key] = computed(row, reasons, language);
      else if (source.wan) flat[source.key] = yuanToWanDecimal(row[source.key] as number | null);
      else flat[source.key] = row[source.key] ?? null;
    }
    return flat;
  });
}

type OcrFieldRow = {
  document_id: number;
  project_id: number | null;
  field: string;
  engine: string | null;
  confidence: number;
};

/** The OCR-read fields of the documents (ocr_fields, migration 10); none in a database without the table. */
function documentsToOcrFieldRows(db: Db, documentIds: number[]): OcrFieldRow[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'ocr_fields'").get();
  if (!hasTable || documentIds.length === 0) return [];
  return db
    .prepare(
      `SELECT document_id, project_id, field, engine, confidence FROM ocr_fields
       WHERE project_id IS NOT NULL AND document_id IN (${documentIds.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(...documentIds) as OcrFieldRow[];
}

/** The project-level fields of a flat row (its other columns are the indicator's own). */
const PROJECT_FLAT_FIELDS: ReadonlySet<string> = new Set([
  'code',
  'name',
  'budgetTotal',
  'budgetFiscal',
  'budgetOther',
]);

/**
 * The row with `ocr_fields` (each of its fields read by OCR — the indicator's, and its project's code, name and
 * amounts — as `field:engine@confidence`, or in Chinese `字段 引擎 置信度`) and `ocr_min_confidence` (their lowest
 * confidence); both NULL for a row read from the text layer.
 */
function withOcrFields(row: ScopeRow, fields: OcrFieldRow[], language: FlatHeaderLanguage): ScopeRow {
  const prefix = indicatorFieldPrefix(row._indicator_seq);
  const own = fields.filter(
    (field) =>
      field.document_id === row._document_id &&
      field.project_id === row._project_id &&
      (field.field.startsWith(prefix) || PROJECT_FLAT_FIELDS.has(field.field)),
  );
  if (own.length === 0) return row;
  const described = own.map((field) => {
    const confidence = Math.round(field.confidence);
    if (language === 'zh') {
      const engine = field.engine === null ? '' : `${OCR_ENGINE_ZH[field.engine as OcrEngines] ?? field.engine} `;
      return `${repairFieldToZh(field.field)} ${engine}${confidence}`;
    }
    const name = field.field.startsWith(prefix) ? field.field.slice(prefix.length) : field.field;
    return `${name}:${field.engine ?? '?'}@${confidence}`;
  });
  return {
    ...row,
    ocr_fields: described.join(REASON_SEPARATOR[language]),
    ocr_min_confidence: Math.round(Math.min(...own.map((field) => field.confidence))),
  };
}

/** How many indicator rows of a stored document need review (needs_review = 1 in the flat sheet). */
export function documentToNeedsReviewCount(db: Db, documentId: number): number {
  return databaseToFlatRows(db, { documents: [String(documentId)] }).filter((row) => row.needs_review === 1).length;
}

/** The header row in the requested language. */
export function flatHeaderRow(language: FlatHeaderLanguage = 'en'): string[] {
  return FLAT_COLUMNS.map((column) => (language === 'zh' ? column.zh : column.key));
}

/** Writes indicators_flat.csv to `filePath`; returns the number of data rows written. */
export async function exportFlatCsv(db: Db, filePath: string, options: FlatCsvOptions): Promise<number> {
  const rows = databaseToFlatRows(db, options.filter, { language: options.headers, as: options.as });
  const stream = format<string[], string[]>({
    headers: flatHeaderRow(options.headers),
    alwaysWriteHeaders: true,
    writeBOM: options.bom,
  });
  const file = createWriteStream(filePath);
  stream.pipe(file);
  for (const row of rows) {
    const fields = FLAT_COLUMNS.map((column) => flatValueToField(row[column.key] ?? null, column.kind, options.raw));
    if (!stream.write(fields)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  stream.end();
  await finished(file);
  return rows.length;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
