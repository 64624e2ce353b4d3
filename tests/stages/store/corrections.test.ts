import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseToFlatRows } from '../../../src/stages/export/flatCsv.js';
import { exportCsv } from '../../../src/stages/export/exportCsv.js';
import { exportXlsx } from '../../../src/stages/export/exportXlsx.js';
import ExcelJS from 'exceljs';
import {
  addIndicatorRow,
  CorrectionError,
  correctionsFileToDatabase,
  correctionsToProblemLines,
  databaseToCorrectionStatuses,
  databaseToCorrectionsFile,
  databaseToReviewStatuses,
  deleteCorrection,
  ROW_FIELD,
  setReviewStatus,
  upsertCorrection,
} from '../../../src/stages/store/corrections.js';
import { type Db, openDatabase, storeDocument } from '../../../src/stages/store/index.js';
import { sampleDocument } from './sampleDocument.js';

const SHA = 'a'.repeat(64);
const AT = new Date('2026-01-02T03:04:05.000Z');
const LATER = new Date('2026-01-03T00:00:00.000Z');

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-corrections-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  storeDocument(db, sampleDocument(), { pipelineVersion: 't' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = (projectSeq: number | null, indicatorSeq: number | null, field: string) => ({
  documentSha256: SHA,
  projectSeq,
  indicatorSeq,
  field,
});

describe('corrections: stored apart, keyed on identity, applied by every reader', () => {
  it('stores before/after/who/when and never changes the extracted row', () => {
    const correction = upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥3万亩', author: '李审' }, AT);
    expect(correction).toMatchObject({
      before: '≥2万亩',
      after: '≥3万亩',
      author: '李审',
      correctedAt: AT.toISOString(),
    });
    expect(db.prepare('SELECT target_text FROM indicators WHERE seq = 1 AND project_id = 1').pluck().get()).toBe(
      '≥2万亩',
    );
    // A second edit keeps the first `before` (the extracted value) and replaces the after.
    const again = upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥4万亩', author: '王审' }, LATER);
    expect(again).toMatchObject({ before: '≥2万亩', after: '≥4万亩', author: '王审' });
    expect(databaseToCorrectionStatuses(db)).toHaveLength(1);
    // Setting the extracted value again removes the correction.
    expect(upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥2万亩', author: '王审' }, LATER)).toBeNull();
    expect(databaseToCorrectionStatuses(db)).toHaveLength(0);
  });

  it('types and checks values; refuses unknown fields and missing rows', () => {
    const amount = upsertCorrection(
      db,
      { ...target(1, null, 'budget_total_yuan'), after: '10200700', author: 'a' },
      AT,
    );
    expect(amount?.after).toBe(10200700);
    expect(() => upsertCorrection(db, { ...target(1, null, 'budget_total_yuan'), after: '12.5', author: 'a' })).toThrow(
      CorrectionError,
    );
    expect(() => upsertCorrection(db, { ...target(1, null, 'page_first'), after: '1', author: 'a' })).toThrow(
      /not a correctable/,
    );
    expect(() => upsertCorrection(db, { ...target(1, 9, 'level1'), after: 'x', author: 'a' })).toThrow(/no such/);
    expect(() => upsertCorrection(db, { ...target(1, 1, 'level1'), after: '', author: 'a' })).toThrow(/empty/);
    expect(() => upsertCorrection(db, { ...target(1, 1, 'level3'), after: 'x', author: ' ' })).toThrow(/name/);
    expect(() => upsertCorrection(db, { ...target(1, 1, 'target_op'), after: 'DROP', author: 'a' })).toThrow(
      CorrectionError,
    );
  });

  it('the flat sheet and per-table CSVs show the corrected value with a column saying so; --as extracted does not', async () => {
    upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥3万亩', author: '李审' }, AT);
    upsertCorrection(db, { ...target(1, null, 'budget_total_yuan'), after: 10200700, author: '李审' }, AT);
    upsertCorrection(db, { ...target(null, null, 'department'), after: '示例县农业局', author: '李审' }, AT);
    const rows = databaseToFlatRows(db);
    const first = rows.find((row) => row.project_seq === 1 && row.indicator_seq === 1)!;
    expect(first).toMatchObject({
      target_text: '≥3万亩',
      budget_total_wan: '1020.07',
      department: '示例县农业局',
      corrected: 1,
      corrected_fields: 'department; budget_total_wan; target_text',
      review_status: 'in_review',
    });
    const second = rows.find((row) => row.project_seq === 1 && row.indicator_seq === 3)!;
    expect(second).toMatchObject({ target_text: '≥95.5%', budget_total_wan: '1020.07', corrected: 1 });
    expect(second.corrected_fields).toBe('department; budget_total_wan');
    const extracted = databaseToFlatRows(db, {}, { as: 'extracted' }).find(
      (row) => row.project_seq === 1 && row.indicator_seq === 1,
    )!;
    expect(extracted).toMatchObject({ target_text: '≥2万亩', budget_total_wan: '1010.07', corrected: 0 });

    const out = join(dir, 'csv');
    await exportCsv(db, out, { bom: false });
    expect(readFileSync(join(out, 'indicators.csv'), 'utf8')).toContain('≥3万亩');
    expect(readFileSync(join(out, 'projects.csv'), 'utf8')).toContain('10200700');
    expect(readFileSync(join(out, 'documents.csv'), 'utf8')).toContain('示例县农业局');
    await exportCsv(db, join(dir, 'raw'), { bom: false, as: 'extracted' });
    expect(readFileSync(join(dir, 'raw', 'indicators.csv'), 'utf8')).not.toContain('≥3万亩');
  });

  it('the workbook shows the corrected values in the flat sheet and the table sheets; --as extracted does not', async () => {
    upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥3万亩', author: '李审' }, AT);
    upsertCorrection(db, { ...target(1, null, 'budget_total_yuan'), after: 10200700, author: '李审' }, AT);
    const sheetsOf = async (as: 'corrected' | 'extracted') => {
      const path = join(dir, `${as}.xlsx`);
      await exportXlsx(db, path, { as });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const values = (name: string) => {
        const sheet = workbook.getWorksheet(name)!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
        const rows: Record<string, unknown>[] = [];
        sheet.eachRow((row, number) => {
          if (number === 1) return;
          const cells = (row.values as unknown[]).slice(1);
          rows.push(Object.fromEntries(header.map((key, index) => [key, cells[index] ?? null])));
        });
        return rows;
      };
      return {
        flat: values(workbook.worksheets[0].name),
        indicators: values('indicators'),
        projects: values('projects'),
      };
    };
    const corrected = await sheetsOf('corrected');
    expect(corrected.flat[0]).toMatchObject({ target_text: '≥3万亩', budget_total_wan: 1020.07, corrected: 1 });
    expect(corrected.indicators.map((row) => row.target_text)).toContain('≥3万亩');
    expect(corrected.projects.find((row) => row.seq === 1)).toMatchObject({ budget_total_yuan: 10200700 });
    const extracted = await sheetsOf('extracted');
    expect(extracted.flat[0]).toMatchObject({ target_text: '≥2万亩', budget_total_wan: 1010.07, corrected: 0 });
    expect(extracted.indicators.map((row) => row.target_text)).not.toContain('≥3万亩');
  });

  it('a re-import (same sha256) keeps corrections; a changed extraction or a gone row is reported, not applied', () => {
    upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥3万亩', author: '李审' }, AT);
    upsertCorrection(db, { ...target(1, 3, 'basis'), after: '抽样调查', author: '李审' }, AT);
    upsertCorrection(db, { ...target(2, 1, 'level3'), after: '补助按时发放', author: '李审' }, AT);
    const doc = sampleDocument();
    // The pipeline now extracts another basis for indicator 3 and no second project.
    doc.projects[0].indicators[2].basis = '满意度问卷';
    doc.projects = [doc.projects[0]];
    doc.findings = doc.findings.filter((finding) => finding.projectSeq !== 2);
    doc.repairs = doc.repairs.filter((repair) => repair.projectSeq !== 2);
    storeDocument(db, doc, { pipelineVersion: 't' });
    const statuses = databaseToCorrectionStatuses(db);
    expect(statuses.map((correction) => [correction.field, correction.status])).toEqual([
      ['target_text', 'applied'],
      ['basis', 'conflict'],
      ['level3', 'orphaned'],
    ]);
    const problems = correctionsToProblemLines(statuses);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('满意度问卷');
    const rows = databaseToFlatRows(db);
    expect(rows.find((row) => row.indicator_seq === 1)?.target_text).toBe('≥3万亩');
    expect(rows.find((row) => row.indicator_seq === 3)?.basis).toBe('满意度问卷');
  });

  it('sign-off: a named reviewer; a later correction sends the document back to review; the flat sheet carries it', () => {
    setReviewStatus(db, { documentSha256: SHA, status: 'signed_off', reviewer: '张签' }, AT);
    expect(databaseToReviewStatuses(db).get(SHA)).toEqual({ status: 'signed_off', reviewer: '张签' });
    expect(databaseToFlatRows(db)[0]).toMatchObject({ review_status: 'signed_off', reviewed_by: '张签' });
    const correction = upsertCorrection(db, { ...target(1, 1, 'level3'), after: '新建农田', author: '李审' }, LATER);
    expect(databaseToReviewStatuses(db).get(SHA)).toEqual({ status: 'in_review', reviewer: '李审' });
    expect(deleteCorrection(db, correction!.id)).toBe(true);
    setReviewStatus(db, { documentSha256: SHA, status: 'unreviewed', reviewer: '张签' }, LATER);
    expect(databaseToReviewStatuses(db).get(SHA)).toBeUndefined();
  });

  it('exports and imports a corrections file: the newer correction of a field wins', () => {
    upsertCorrection(db, { ...target(1, 1, 'target_text'), after: '≥3万亩', author: '李审', note: '见原件' }, AT);
    setReviewStatus(db, { documentSha256: SHA, status: 'in_review', reviewer: '李审' }, AT);
    const file = JSON.parse(JSON.stringify(databaseToCorrectionsFile(db, AT)));
    expect(file).toMatchObject({ format: 'budgetpdf-corrections', version: 1 });
    expect(file.corrections[0]).toEqual({
      documentSha256: SHA,
      projectSeq: 1,
      indicatorSeq: 1,
      field: 'target_text',
      before: '≥2万亩',
      after: '≥3万亩',
      author: '李审',
      correctedAt: AT.toISOString(),
      note: '见原件',
    });
    const other = openDatabase(join(dir, 'other.sqlite'));
    try {
      storeDocument(other, sampleDocument(), { pipelineVersion: 't' });
      expect(correctionsFileToDatabase(other, file)).toEqual({ added: 1, replaced: 0, keptNewer: 0, signoffs: 1 });
      expect(databaseToFlatRows(other)[0]).toMatchObject({ target_text: '≥3万亩', review_status: 'in_review' });
      // A newer local correction is kept over the file's older one.
      upsertCorrection(other, { ...target(1, 1, 'target_text'), after: '≥5万亩', author: '王审' }, LATER);
      expect(correctionsFileToDatabase(other, file)).toMatchObject({ added: 0, replaced: 0, keptNewer: 1 });
      expect(databaseToFlatRows(other)[0].target_text).toBe('≥5万亩');
      expect(() => correctionsFileToDatabase(other, { format: 'x' })).toThrow(/not a corrections file/);
      const bad = structuredClone(file);
      bad.corrections[0].field = 'id';
      expect(() => correctionsFileToDatabase(other, bad)).toThrow(/not a correctable/);
    } finally {
      other.close();
    }
  });
});

describe('corrections of rows: an indicator removed or added', () => {
  it('removes an extracted row and adds a missed one, in the flat sheet and indicators.csv; undo restores', async () => {
    const removed = upsertCorrection(db, { ...target(1, 3, ROW_FIELD), after: 'removed', author: '李审' }, AT);
    expect(removed).toMatchObject({ before: 'extracted', after: 'removed' });
    const seq = addIndicatorRow(
      db,
      {
        documentSha256: SHA,
        projectSeq: 2,
        values: { level1: '效益指标', level3: '培训人次', target_text: '≥100人次' },
        author: '李审',
      },
      AT,
    );
    expect(seq).toBe(2);
    // Fields of the added row are corrected like any other.
    upsertCorrection(db, { ...target(2, 2, 'basis'), after: '培训计划', author: '王审' }, LATER);
    const rows = databaseToFlatRows(db);
    expect(rows.map((row) => [row.project_seq, row.indicator_seq])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    expect(rows[3]).toMatchObject({
      project_name: '农技推广补助',
      level1: '效益指标',
      level3: '培训人次',
      target_text: '≥100人次',
      basis: '培训计划',
      page: 7,
      corrected: 1,
    });
    expect(rows[3].corrected_fields).toContain('row_added');
    expect(databaseToFlatRows(db, {}, { as: 'extracted' })).toHaveLength(4);
    expect(databaseToFlatRows(db, {}, { as: 'extracted' }).map((row) => row.indicator_seq)).toEqual([1, 2, 3, 1]);

    const out = join(dir, 'rows');
    await exportCsv(db, out, { bom: false });
    const indicators = readFileSync(join(out, 'indicators.csv'), 'utf8').trim().split('\n');
    expect(indicators).toHaveLength(1 + 4);
    expect(indicators.at(-1)).toMatch(/^,2,2,效益指标,,培训人次,,≥100人次,,,,培训计划,7,,,,annual$/);
    expect(readFileSync(join(out, 'indicators.csv'), 'utf8')).not.toContain('群众满意度');

    expect(() => upsertCorrection(db, { ...target(1, 9, ROW_FIELD), after: 'added', author: 'a' })).toThrow();
    expect(() =>
      addIndicatorRow(db, { documentSha256: SHA, projectSeq: 2, values: { level3: 'x' }, author: 'a' }),
    ).toThrow(/level1/);
    // Undo: the removal and the addition (with its fields) go.
    expect(deleteCorrection(db, removed!.id)).toBe(true);
    const added = databaseToCorrectionStatuses(db).find((c) => c.field === ROW_FIELD)!;
    expect(deleteCorrection(db, added.id)).toBe(true);
    expect(databaseToCorrectionStatuses(db)).toEqual([]);
    expect(databaseToFlatRows(db)).toHaveLength(4);
  });

  it('an added row that a re-import now extracts is a conflict, not a second row', () => {
    addIndicatorRow(db, { documentSha256: SHA, projectSeq: 2, values: { level1: '效益指标' }, author: '李审' }, AT);
    const doc = sampleDocument();
    doc.projects[1].indicators.push({ ...doc.projects[1].indicators[0], seq: 2, level1: '满意度指标' });
    storeDocument(db, doc, { pipelineVersion: 't' });
    expect(databaseToCorrectionStatuses(db).map((c) => [c.field, c.status])).toEqual([
      [ROW_FIELD, 'conflict'],
      ['level1', 'conflict'],
    ]);
    expect(
      databaseToFlatRows(db)
        .filter((row) => row.project_seq === 2)
        .map((row) => row.level1),
    ).toEqual(['产出指标', '满意度指标']);
  });
});
