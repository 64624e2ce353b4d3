import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OCR_SMALL_TABLE_CELLS } from '../../../support/ocrSmallTable.js';
import { isBudgetPdfError } from '../../../src/errors.js';
import { loadPdf, withPdf } from '../../../src/stages/load/index.js';
import { withOcrPool } from '../../../src/stages/ocr/pool.js';
import { loadedToPageTexts } from '../../../src/stages/text/index.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/scanned/${name}`, import.meta.url)));

async function pageTextsOf(name: string, ocr: 'auto' | 'always' | 'never') {
  const bytes = fixture(name);
  const loaded = await loadPdf(bytes.slice(), { sourcePath: name, sha256: '0'.repeat(64) });
  // The pages to OCR are rendered from a fresh opening (the load released the page images).
  return withPdf(bytes.slice(), name, (doc) =>
    withOcrPool({ workers: 2 }, (ocrPool) => loadedToPageTexts(loaded, { ocr, ocrPool, doc })),
  );
}

const EXPECTED_EXACT_RUNS = OCR_SMALL_TABLE_CELLS;

describe('loadedToPageTexts on an image-only scan', () => {
  it('OCRs the page: known cells read exactly, rules found, confidence kept', { timeout: 120_000 }, async () => {
    const [page] = await pageTextsOf('ocr-small-table.scan300.pdf', 'auto');
    expect(page.source).toBe('ocr');
    const texts = page.runs.map((run) => run.text);
    for (const expected of EXPECTED_EXACT_RUNS) expect(texts).toContain(expected);
    // 5 horizontal rules and 7 vertical ones (one interrupted by the merged 一级指标 cell → 8 pieces at most).
    expect(page.rulings.filter((r) => r.orientation === 'horizontal')).toHaveLength(5);
    expect(page.rulings.filter((r) => r.orientation === 'vertical').length).toBeGreaterThanOrEqual(7);
    for (const run of page.runs) expect(run.confidence).toBeGreaterThanOrEqual(0);
    // The 指标值确定依据 header sits right of the 指标值 column, inside the table's first row, in points.
    const header = page.runs.find((run) => run.text === '指标值确定依据')!;
    const left = page.rulings.filter((r) => r.orientation === 'vertical').map((r) => r.x0);
    expect(header.x0).toBeGreaterThan(Math.min(...left));
    expect(header.top).toBeGreaterThan(100);
    expect(header.bottom).toBeLessThan(140);
  });

  it('OCRs a page whose font has no Unicode map instead of importing nonsense', { timeout: 120_000 }, async () => {
    const [page] = await pageTextsOf('garbled-font-no-tounicode.pdf', 'auto');
    expect(page.source).toBe('ocr');
    const texts = page.runs.map((run) => run.text);
    expect(texts).toContain('一级指标');
    expect(texts).toContain('园林绿化养护技术标准和年度考核办法');
  });

  it('refuses an image-only page under --ocr never, naming file and page', async () => {
    const error = await pageTextsOf('ocr-small-table.scan200.pdf', 'never').catch((e: unknown) => e);
    expect(isBudgetPdfError(error) && error.code).toBe('needs_ocr');
    expect(String((error as Error).message)).toContain('ocr-small-table.scan200.pdf');
    expect(String((error as Error).message)).toContain('page 1');
  });

  it('passes a usable text layer through untouched under auto', async () => {
    const [page] = await pageTextsOf('ocr-small-table.pdf', 'auto');
    expect(page.source).toBe('text');
    expect(page.runs.map((run) => run.text).join('')).toContain('一级指标');
  });
});
