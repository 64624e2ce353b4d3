import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPdf, withPdf } from '../../../src/stages/load/index.js';
import { runsToTextLayerState } from '../../../src/stages/load/textLayer.js';
import { BudgetPdfError, isBudgetPdfError } from '../../../src/errors.js';
import type { TextRun } from '../../../src/model/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures-small/${name}`, import.meta.url));
const load = (name: string) =>
  loadPdf(new Uint8Array(readFileSync(fixture(name))), { sourcePath: name, sha256: 'a'.repeat(64) });

async function loadError(bytes: Uint8Array): Promise<BudgetPdfError> {
  try {
    await loadPdf(bytes, { sourcePath: 'bad.pdf', sha256: 'b'.repeat(64) });
  } catch (error) {
    return error as BudgetPdfError;
  }
  throw new Error('expected loadPdf to fail');
}

describe('loadPdf', () => {
  it('reads a per-glyph UniGB-UCS2-H landscape page: size, glyph text, filled-rectangle rulings', async () => {
    const loaded = await load('direct-per-glyph-landscape.pdf');
    expect(loaded.pageCount).toBe(1);
    const [page] = loaded.pages;
    expect(page).toMatchObject({ pageNumber: 1, widthPt: 842, heightPt: 595, rotationDeg: 0, textLayer: 'usable' });
    expect(page.runs.map((r) => r.text).join('')).toBe('一级指标二级指标产出指标数量指标质量指标');
    const first = page.runs[0];
    expect(first.x0).toBeCloseTo(110, 3);
    expect(first.x1).toBeCloseTo(150, 3);
    // baseline at y=482 (PDF) = 113 from the top; FontDescriptor ascent 859/1000 of 10pt
    expect(first.bottom).toBeCloseTo(113 + 1.41, 2);
    expect(first.top).toBeCloseTo(113 - 8.59, 2);
    expect(page.rulings.filter((r) => r.orientation === 'horizontal')).toHaveLength(4);
    expect(page.rulings.filter((r) => r.orientation === 'vertical')).toHaveLength(9);
    expect(page.rulings[0]).toEqual({ orientation: 'horizontal', x0: 100, x1: 500, top: 94.75, bottom: 95.25 });
  });

  it('reads a /Rotate 90 page with a non-zero MediaBox origin as displayed', async () => {
    const [page] = (await load('stroked-rotated.pdf')).pages;
    expect(page).toMatchObject({ widthPt: 400, heightPt: 300, rotationDeg: 90 });
    const vertical = page.rulings
      .filter((r) => r.orientation === 'vertical')
      .map((r) => [(r.x0 + r.x1) / 2, r.top, r.bottom]);
    expect(vertical).toEqual([
      [100, 50, 250],
      [200, 50, 250],
      [150, 50, 250],
    ]);
    expect(page.runs).toHaveLength(1);
    expect(page.runs[0].text).toBe('Total');
    expect(page.runs[0].top).toBeCloseTo(60, 3);
  });

  it('reports an image-only page with no text layer and the image placement', async () => {
    const [page] = (await load('image-only.pdf')).pages;
    expect(page.textLayer).toBe('none');
    expect(page.runs).toEqual([]);
    expect(page.images).toHaveLength(1);
    expect(page.images[0]).toMatchObject({ x0: 72, x1: 272, top: 670, bottom: 770, widthPx: 20, heightPx: 10 });
  });

  it('rejects an encrypted PDF with encrypted_pdf naming the file', async () => {
    await expect(load('encrypted.pdf')).rejects.toMatchObject({ code: 'encrypted_pdf', file: 'encrypted.pdf' });
  });

  it('rejects bytes that are not a PDF with not_pdf', async () => {
    const error = await loadError(new TextEncoder().encode('hello, not a pdf'));
    expect(error).toBeInstanceOf(BudgetPdfError);
    expect(error.code).toBe('not_pdf');
    expect(error.message).toContain('bad.pdf');
  });

  it('rejects a truncated PDF with corrupt_pdf', async () => {
    const bytes = readFileSync(fixture('stroked-rotated.pdf')).subarray(0, 40);
    const error = await loadError(new Uint8Array(bytes));
    expect(error.code).toMatch(/^(corrupt_pdf|no_pages)$/);
  });
});

describe('runsToTextLayerState', () => {
  const runOf = (text: string): TextRun => ({ text, x0: 0, top: 0, x1: 10, bottom: 10, fontSizePt: 10 });

  it('calls ordinary budget text usable', () => {
    expect(
      runsToTextLayerState([
        runOf('项目编码13081122P00781510001G 预算规模及资金用途 产出指标 数量指标 申报奖励企业数'),
      ]),
    ).toBe('usable');
  });

  it('calls a page without runs none', () => {
    expect(runsToTextLayerState([])).toBe('none');
  });

  it('calls replacement and private-use characters garbled', () => {
    expect(runsToTextLayerState([runOf('\ufffd\ufffd\ue001\ue002项目')])).toBe('garbled');
  });

  it('calls text made mostly of rare Han characters garbled', () => {
    // CJK Extension A and rare characters, what a wrong CID→Unicode map produces
    expect(runsToTextLayerState([runOf('㐀㐁㐂㐃㐄㐅㐆㐇㐈㐉㐊㐋㐌㐍㐎㐏㐐㐑㐒㐓㐔㐕项目')])).toBe('garbled');
  });
});

describe('withPdf translates pdf.js errors raised inside any call on the open document', () => {
  const pdfBytes = () => new Uint8Array(readFileSync(fixture('stroked-rotated.pdf')));
  it('a pdf.js FormatError from getTextContent/getOperatorList/render becomes corrupt_pdf naming the file', async () => {
    const pdfjsError = Object.assign(new Error('Bad FCHECK in flate stream'), { name: 'FormatError' });
    const error = await withPdf(pdfBytes(), 'broken.pdf', async () => {
      throw pdfjsError;
    }).catch((thrown: unknown) => thrown);
    expect(isBudgetPdfError(error) && [error.code, error.file, error.message, error.cause]).toEqual([
      'corrupt_pdf',
      'broken.pdf',
      'broken.pdf: corrupt PDF: Bad FCHECK in flate stream',
      pdfjsError,
    ]);
  });
  it('our own errors and bugs pass through unchanged', async () => {
    const bug = new TypeError('x is undefined');
    await expect(
      withPdf(pdfBytes(), 'a.pdf', async () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });
});
