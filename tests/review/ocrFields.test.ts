/** The review page's OCR provenance (issue 13): what a cell's tooltip says, and each page's list of OCR-read fields. */
import { describe, expect, it } from 'vitest';
import type { OcrField } from '../../src/model/index.js';
import { cellToOcrTip, ocrFieldsToHtml } from '../../src/review/reviewHtml.js';
import { OCR_LOW_CONFIDENCE } from '../../src/stages/normalise/index.js';

const field = (name: string, confidence: number, engine: OcrField['engine'] = 'paddle'): OcrField => ({
  projectSeq: 1,
  field: name,
  pageNumber: 3,
  engine,
  confidence,
  decision: 'read',
  text: `<${name}>`,
});

describe('cellToOcrTip', () => {
  it('names confidence, engine and decision of a cell read by OCR', () => {
    expect(cellToOcrTip({ confidence: 61.7, engine: 'paddle', decision: 'reread:code' })).toBe(
      'OCR confidence 62 · paddle · reread:code',
    );
    expect(cellToOcrTip({ confidence: 40 })).toBe('OCR confidence 40');
  });
});

describe('ocrFieldsToHtml', () => {
  it('lists the fields least sure first, marks and opens the low ones, escapes the text', () => {
    const html = ocrFieldsToHtml([
      field('indicators[0].level3', 97),
      field('indicators[0].target', OCR_LOW_CONFIDENCE - 10, 'tesseract'),
    ]);
    expect(html).toContain('<details class="ocr-fields" open>');
    expect(html).toContain(`2 个OCR识别字段（其中 1 个置信度低于 ${OCR_LOW_CONFIDENCE}`);
    const rows = [...html.matchAll(/<tr class="ocr-field( low)?" data-field="([^"]+)" data-engine="(\w+)"/g)];
    expect(rows.map((row) => [row[2], row[3], row[1] === ' low'])).toEqual([
      ['indicators[0].target', 'tesseract', true],
      ['indicators[0].level3', 'paddle', false],
    ]);
    expect(html).toContain('第1条指标的指标值');
    expect(html).toContain('&lt;indicators[0].target&gt;');
    expect(html).not.toContain('<indicators');
  });

  it('is folded when no field is low, and empty without fields', () => {
    expect(ocrFieldsToHtml([field('code', 90)])).toContain(
      '<details class="ocr-fields"><summary>1 个OCR识别字段</summary>',
    );
    expect(ocrFieldsToHtml([])).toBe('');
  });
});
