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
import type { Db } from '../store/database.js';
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
  { key: 'corrected', zh: '已更正', kind: 'number' },
  { key: 'corrected_fields', zh: '更正字段', kind: 'text' },
  { key: 'review_status', zh: '审核状态', kind: 'text' },
  { key: 'reviewed_by', zh: '审核人', kind: 'text' },
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
  if (yuan === null) return null;
  const value = BigInt(yuan);
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / YUAN_PER_WAN;
  const fraction = (magnitude % YUAN_PER_WAN).toString().padStart(4, '0').replace(/0+$/, '');
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

type IndicatorJoinRow = {
  document_id: number;
  document_sha256: string;
  document_title: string | null;
  department: string | null;
  fiscal_year: number | null;
  project_id: number;
  project_seq: number;
  project_code: string | null;
  project_name: string;
  unit_code: string | null;
  unit_name: string | null;
  budget_total_yuan: number | null;
  budget_fiscal_yuan: number | null;
  budget_other_yuan: number | null;
  indicator_seq: number;
  level1: string;
  level2: string | null;
  level3: string | null;
  description: string | null;
  target_text: string | null;
  target_op: string | null;
  target_value: number | null;
  target_unit: string | null;
  basis: string | null;
  page: number;
};

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
 */
export function reviewReasonsOf(row: IndicatorJoinRow, findings: FindingRow[], repairs: RepairRow[]): string[] {
  const reasons: string[] = [];
  for (const finding of findings) {
    if (finding.document_id !== row.document_id) continue;
    const touches = finding.project_id === null ? finding.page === row.page : finding.project_id === row.project_id;
    if (touches) reasons.push(finding.rule);
  }
  for (const repair of repairs) {
    if (repair.document_id !== row.document_id) continue;
    const touches =
      repair.project_id === null
        ? repair.page === row.page
        : repair.project_id === row.project_id &&
          (repair.field.startsWith(indicatorFieldPrefix(row.indicator_seq)) || !repair.field.startsWith('indicators['));
    if (touches) reasons.push(`${repair.kind}:${repair.field}@${Math.round(repair.confidence)}`);
  }
  return [...new Set(reasons)];
}

/**
 * The flat rows of the selected documents, ordered by document, project and indicator, with reviewers' corrections
 * applied unless `as` is `extracted`.
 */
export function databaseToFlatRows(db: Db, filter: Partial<FlatCsvFilter> = {}, as: ExportAs = 'corrected'): FlatRow[] {
  const where = filterToWhere(filter);
  const rows = db
    .prepare(
      `SELECT d.id AS document_id, d.sha256 AS document_sha256, d.title AS document_title, d.department, d.fiscal_year,
              p.id AS project_id, p.seq AS project_seq, p.code AS project_code, p.name AS project_name,
              p.unit_code, p.unit_name, p.budget_total_yuan, p.budget_fiscal_yuan, p.budget_other_yuan,
              i.seq AS indicator_seq, i.level1, i.level2, i.level3, i.description, i.target_text, i.target_op,
              i.target_value, i.target_unit, i.basis, i.page
       FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
       ${where.sql}
       ORDER BY d.id, p.seq, i.seq`,
    )
    .all(...where.params) as IndicatorJoinRow[];
  const documentIds = [...new Set(rows.map((row) => row.document_id))];
  const inDocuments = `document_id IN (${documentIds.map(() => '?').join(', ') || 'NULL'})`;
  const findings = db
    .prepare(`SELECT document_id, project_id, page, rule FROM findings WHERE ${inDocuments}`)
    .all(...documentIds) as FindingRow[];
  const repairs = db
    .prepare(
      `SELECT document_id, project_id, page, kind, field, confidence FROM repairs WHERE confidence < ? AND ${inDocuments}`,
    )
    .all(LOW_CONFIDENCE_REPAIR_PCT, ...documentIds) as RepairRow[];
  const corrected = flatRowsToCorrected(db, rows, as);
  return corrected.map((row) => {
    const reasons = reviewReasonsOf(row, findings, repairs);
    return {
      document_id: row.document_id,
      document_title: row.document_title,
      department: row.department,
      fiscal_year: row.fiscal_year,
      project_seq: row.project_seq,
      project_code: row.project_code,
      project_name: row.project_name,
      unit_code: row.unit_code,
      unit_name: row.unit_name,
      budget_total_wan: yuanToWanDecimal(row.budget_total_yuan),
      budget_fiscal_wan: yuanToWanDecimal(row.budget_fiscal_yuan),
      budget_other_wan: yuanToWanDecimal(row.budget_other_yuan),
      indicator_seq: row.indicator_seq,
      level1: row.level1,
      level2: row.level2,
      level3: row.level3,
      description: row.description,
      target_text: row.target_text,
      target_op: row.target_op,
      target_value: row.target_value,
      target_unit: row.target_unit,
      basis: row.basis,
      page: row.page,
      needs_review: reasons.length > 0 ? 1 : 0,
      review_reasons: reasons.length > 0 ? reasons.join('; ') : null,
      corrected: row.corrected,
      corrected_fields: row.corrected_fields?.replaceAll('_yuan', '_wan') ?? null,
      review_status: row.review_status,
      reviewed_by: row.reviewed_by,
    };
  });
}

/** The header row in the requested language. */
export function flatHeaderRow(language: FlatHeaderLanguage = 'en'): string[] {
  return FLAT_COLUMNS.map((column) => (language === 'zh' ? column.zh : column.key));
}

/** Writes indicators_flat.csv to `filePath`; returns the number of data rows written. */
export async function exportFlatCsv(db: Db, filePath: string, options: FlatCsvOptions): Promise<number> {
  const rows = databaseToFlatRows(db, options.filter, options.as);
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
