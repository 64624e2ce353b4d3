/**
 * Issue 13 "confidence everywhere": the draft's OCR-read fields become the document's ocrFields (engine, confidence,
 * decision), and ocr_low_confidence names the engine.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DocumentDraft, PositionedText, RawText } from '../../../src/model/draft.js';
import type { Repair } from '../../../src/model/index.js';
import {
  draftToDocument,
  draftToOcrFields,
  draftToOcrFindings,
  OCR_LOW_CONFIDENCE,
} from '../../../src/stages/normalise/index.js';
import { draftToTexts } from '../../support/draftTexts.js';
import { draft, ocr, project, row, typed } from '../../support/ocrDraft.js';

/**
 * A value of the schema with every optional field present, every array of one item and every record of one entry; each
 * text a distinct OCR reading (`t1`, `t2` …), so that a draft holds every field its schema knows.
 */
function everyField(schema: z.ZodType, next: () => RawText): unknown {
  if (schema === RawText) return next();
  if (schema === PositionedText) return { ...next(), x0: 0, x1: 10 };
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => everyField(def[key] as z.ZodType, next);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries((schema as z.ZodObject).shape).map(([key, field]) => [
          key,
          everyField(field as z.ZodType, next),
        ]),
      );
    case 'array':
      return [inner('element')];
    case 'record':
      return { 分值: inner('valueType') };
    case 'optional':
    case 'nullable':
    case 'default':
      return inner('innerType');
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'number':
      return 1;
    case 'string':
      return 'x';
    case 'boolean':
      return false;
    default:
      throw new Error(`everyField: no value for a ${def.type}`);
  }
}

describe('draftToOcrFields', () => {
  it('lists every OCR-read field with its engine, confidence and decision, text-layer fields left out', () => {
    const scanned = draft(
      [
        project({
          code: ocr('13030022T000000000001', 88, { engine: 'paddle+tesseract', decision: 'reread:code' }),
          name: typed('印刷的名称'),
          indicators: [row({ level1: ocr('产出指标', 97), target: ocr('≥90%', 42, { engine: 'tesseract' }) })],
        }),
      ],
      ocr('推进工作', 75),
    );
    expect(draftToOcrFields(scanned)).toEqual([
      {
        projectSeq: null,
        field: 'overallGoal',
        pageNumber: 4,
        engine: 'paddle',
        confidence: 75,
        decision: 'read',
        text: '推进工作',
      },
      {
        projectSeq: 2,
        field: 'code',
        pageNumber: 4,
        engine: 'paddle+tesseract',
        confidence: 88,
        decision: 'reread:code',
        text: '13030022T000000000001',
      },
      {
        projectSeq: 2,
        field: 'indicators[0].target',
        pageNumber: 4,
        engine: 'tesseract',
        confidence: 42,
        decision: 'read',
        text: '≥90%',
      },
      {
        projectSeq: 2,
        field: 'indicators[0].level1',
        pageNumber: 4,
        engine: 'paddle',
        confidence: 97,
        decision: 'read',
        text: '产出指标',
      },
    ]);
  });

  it("gives a field an OCR repair changed that repair's decision, and leaves re-read and layout-repaired fields alone", () => {
    const scanned = draft([
      project({
        code: ocr('13030022T000000000001', 88, { engine: 'paddle+tesseract', decision: 'reread:code' }),
        indicators: [
          row({
            level1: ocr('产出指标', 97),
            level2: ocr('数量指标', 93),
            target: ocr('≥90%', 42, { engine: 'tesseract' }),
            basis: ocr('根据年度工作计划确定', 80),
          }),
        ],
      }),
    ]);
    const repair = (field: string, kind: Repair['kind'], before: string, after: string): Repair => ({
      pageNumber: 4,
      projectSeq: 2,
      kind,
      field,
      before,
      after,
    });
    const decisions = Object.fromEntries(
      draftToOcrFields(scanned, [
        repair('indicators[0].target', 'ocr_percent', '≥90°', '≥90%'),
        repair('indicators[0].level1', 'ocr_vocabulary', '产出指', '产出指标'),
        repair('indicators[0].basis', 'ocr_consensus', '根据年度工作计戈确定', '根据年度工作计划确定'),
        // A re-read decision stays: it says what read the text before the repair tidied it.
        repair('code', 'ocr_check_char', '13030022T00000000000I', '13030022T000000000001'),
        // Layout repairs decide no reading; a repair of another project's field is not this one's.
        repair('indicators[0].level2', 'wrapped_cell', '数量', '数量指标'),
        { ...repair('indicators[0].level2', 'ocr_vocabulary', '数最指标', '数量指标'), projectSeq: 3 },
      ]).map((field) => [field.field, field.decision]),
    );
    expect(decisions).toEqual({
      code: 'reread:code',
      'indicators[0].level1': 'vocabulary',
      'indicators[0].level2': 'read',
      'indicators[0].target': 'repaired',
      'indicators[0].basis': 'consensus',
    });
  });

  it('lists every text field the draft schema has (found by walking a draft holding them all)', () => {
    let read = 0;
    const full = everyField(DocumentDraft, () => {
      read++;
      return ocr(`t${read}`, read);
    }) as DocumentDraft;
    const texts = draftToTexts(full).map(({ raw }) => raw.text);
    expect(texts.length).toBeGreaterThan(50);
    expect(
      draftToOcrFields(full)
        .map((field) => field.text)
        .sort(),
    ).toEqual(texts.sort());
  });

  it('names the engine in ocr_low_confidence', () => {
    const [finding] = draftToOcrFindings(
      draft([project({ indicators: [row({ target: ocr('≥90%', OCR_LOW_CONFIDENCE - 8, { engine: 'tesseract' }) })] })]),
    );
    expect(finding.rule).toBe('ocr_low_confidence');
    expect(finding.message).toBe(
      `第 4 页 项目 2 indicators[0].target tesseract 识别置信度 ${OCR_LOW_CONFIDENCE - 8}：“≥90%”`,
    );
  });

  it('gives the document its ocrFields, and none to a text-layer document', () => {
    const meta = {
      sha256: 'c'.repeat(64),
      sourcePath: 'x.pdf',
      pageCount: 4,
      pageSources: ['ocr' as const],
      repairs: [],
    };
    const scanned = draftToDocument(draft([project({ name: ocr('名称', 90) })]), meta);
    expect(scanned.ocrFields?.map((field) => field.field)).toEqual(['name']);
    const text = draftToDocument(draft([project({ name: typed('名称') })]), { ...meta, pageSources: ['text'] });
    expect(text).not.toHaveProperty('ocrFields');
  });
});
