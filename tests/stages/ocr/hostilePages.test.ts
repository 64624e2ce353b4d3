/**
 * Hostile and unusual input, rows 1–3: blank pages under --ocr auto, a decompression bomb, a huge
 * MediaBox. The PDFs are written here (hostilePdfs.ts) into a temp dir; each is read in a child
 * process (hostileRun.ts) so its peak RSS (VmHWM: canvases, image buffers and wasm included) and
 * time are its own. Bounds are generous: the machine is shared.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadedPage, LoadedPdf } from '../../../src/model/index.js';
import { pageToRenderDpi, RENDER_MAX_PIXELS } from '../../../src/stages/load/canvas.js';
import { bytesToOversizedImages, IMAGE_MAX_PIXELS } from '../../../src/stages/load/imageBudget.js';
import {
  blankPageToPageText,
  isBlankPage,
  loadedPageToPageText,
  loadedToReadFindings,
  pageNumbersToRanges,
} from '../../../src/stages/text/index.js';
import { blankPagesPdf, hugePagePdf, imageBombPdf, ruledPagesPdf } from './hostilePdfs.js';

/** The acceptance bound on peak RSS for the 400-blank-page PDF and the bomb. */
const PEAK_RSS_MAX_MB = 1500;

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type RunOutcome = {
  ok: boolean;
  code?: string;
  message?: string;
  pageSources?: string[];
  runCount?: number;
  findings?: { rule: string; severity: string; message: string; pageNumber: number | null }[];
  peakRssMb: number;
  seconds: number;
};

function runHostile(command: 'extract' | 'review', pdf: Buffer, name: string): Promise<RunOutcome> {
  const pdfPath = join(dir, name);
  writeFileSync(pdfPath, pdf);
  const script = fileURLToPath(new URL('./hostileRun.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, command, pdfPath, join(dir, `${name}.review`)],
      { maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(line) as RunOutcome);
        } catch {
          reject(new Error(`hostileRun gave no outcome (${error?.message ?? ''}): ${stderr.slice(-2000)}`));
        }
      },
    );
  });
}

const a4 = (pageNumber: number, over: Partial<LoadedPage> = {}): LoadedPage => ({
  pageNumber,
  widthPt: 595,
  heightPt: 842,
  rotationDeg: 0,
  runs: [],
  rulings: [],
  images: [],
  textLayer: 'none',
  ...over,
});

describe('pixel budgets (pure)', () => {
  it('keeps the dpi of a page that fits and lowers it for one that does not', () => {
    expect(pageToRenderDpi(595, 842, 300)).toBe(300);
    for (const side of [6000, 14_400]) {
      const dpi = pageToRenderDpi(side, side, 300);
      expect(dpi).toBeLessThan(300);
      expect(Math.ceil((side * dpi) / 72) ** 2).toBeLessThanOrEqual(RENDER_MAX_PIXELS);
      expect(Math.ceil((side * dpi) / 72) ** 2).toBeGreaterThan(RENDER_MAX_PIXELS * 0.9);
    }
  });

  it('finds declared image sizes over the decode budget in the raw bytes', async () => {
    expect(bytesToOversizedImages(await imageBombPdf(20_000))).toEqual([{ widthPx: 20_000, heightPx: 20_000 }]);
    expect(bytesToOversizedImages(await imageBombPdf(1000))).toEqual([]);
    expect(20_000 * 20_000).toBeGreaterThan(IMAGE_MAX_PIXELS);
    const indirect = Buffer.from('1 0 obj << /Subtype /Image /Width 20000 0 R /Height 20000 >> stream', 'latin1');
    expect(bytesToOversizedImages(indirect)).toEqual([]);
    const nested = Buffer.from(
      '7 0 obj << /Width 9000 /DecodeParms << /Predictor 15 /Columns 9000 >> /Subtype /Image /Height 9000 >> stream',
      'latin1',
    );
    expect(bytesToOversizedImages(nested)).toEqual([{ widthPx: 9000, heightPx: 9000 }]);
    const mask = Buffer.from(
      '8 0 obj << /Type /XObject /ImageMask true /Subtype/Image /Width 9000 /Height 9000 >> stream',
      'latin1',
    );
    expect(bytesToOversizedImages(mask)).toEqual([{ widthPx: 9000, heightPx: 9000 }]);
  });

  it('says which pages are blank, once, and which renders were lowered', () => {
    expect(pageNumbersToRanges([1, 2, 3, 5, 7, 8])).toBe('1–3、5、7–8');
    const ruled = [{ x0: 10, top: 10, x1: 500, bottom: 11, orientation: 'horizontal' as const }];
    const pages = [
      a4(1),
      a4(2),
      a4(3, { rulings: ruled, widthPt: 6000, heightPt: 6000 }),
      a4(4),
      a4(5, { textLayer: 'usable', runs: [{ x0: 1, top: 1, x1: 2, bottom: 2, text: 'x', fontSizePt: 9 }] }),
    ];
    expect(pages.map(isBlankPage)).toEqual([true, true, false, true, false]);
    const loaded: LoadedPdf = {
      sha256: '0'.repeat(64),
      sourcePath: 'x.pdf',
      pageCount: 5,
      pages,
      oversizedImages: [{ widthPx: 20_000, heightPx: 20_000 }],
    };
    const pageTexts = pages.map((page) =>
      page.textLayer === 'usable'
        ? loadedPageToPageText(page)
        : isBlankPage(page)
          ? blankPageToPageText(page)
          : { ...loadedPageToPageText(page), source: 'ocr' as const },
    );
    const findings = loadedToReadFindings(loaded, pageTexts);
    expect(findings.map((f) => f.rule)).toEqual(['blank_pages', 'render_downscaled', 'image_over_budget']);
    expect(findings[0].message).toContain('1–2、4');
    expect(findings[1].pageNumber).toBe(3);
    expect(findings[2].message).toContain('20000×20000');
  });
});

describe('hostile PDFs in a child process (peak RSS, time)', () => {
  it('row 1: 400 blank pages are neither rendered nor OCR’d, noted once, well under the RSS bound', {
    timeout: 120_000,
  }, async () => {
    const pdf = blankPagesPdf(400);
    expect(pdf.length).toBeLessThan(100_000);
    const outcome = await runHostile('extract', pdf, 'blank400.pdf');
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.pageSources).toEqual(['ocr']);
    expect(outcome.runCount).toBe(0);
    const blank = outcome.findings!.filter((f) => f.rule === 'blank_pages');
    expect(blank).toHaveLength(1);
    expect(blank[0].message).toContain('1–400');
    expect(outcome.peakRssMb).toBeLessThan(PEAK_RSS_MAX_MB);
    expect(outcome.seconds).toBeLessThan(60);
  });

  it('row 1: memory of rendered pages is flat in page count (each canvas released)', { timeout: 180_000 }, async () => {
    const few = await runHostile('extract', ruledPagesPdf(2), 'ruled2.pdf');
    const many = await runHostile('extract', ruledPagesPdf(10), 'ruled10.pdf');
    expect(few.ok && many.ok).toBe(true);
    expect(many.findings!.some((f) => f.rule === 'blank_pages')).toBe(false);
    // 8 more pages at 300 dpi: before, each kept ~100 MB (canvas) + 35 MB (getImageData).
    expect(many.peakRssMb - few.peakRssMb).toBeLessThan(250);
  });

  it('row 2: a 400 Mpx Flate image in a 389 KB file is not decoded: a finding, bounded memory and time', {
    timeout: 120_000,
  }, async () => {
    const pdf = await imageBombPdf(20_000);
    expect(pdf.length).toBeLessThan(500_000);
    const outcome = await runHostile('extract', pdf, 'bomb.pdf');
    expect(outcome.ok, outcome.message).toBe(true);
    const over = outcome.findings!.filter((f) => f.rule === 'image_over_budget');
    expect(over).toHaveLength(1);
    expect(over[0].message).toContain('20000×20000');
    expect(outcome.peakRssMb).toBeLessThan(PEAK_RSS_MAX_MB);
    expect(outcome.seconds).toBeLessThan(40);
  });

  it('row 3: a 6000 pt page under OCR renders within the pixel budget, with the reason', {
    timeout: 120_000,
  }, async () => {
    const outcome = await runHostile('extract', hugePagePdf(6000), 'huge6000.pdf');
    expect(outcome.ok, outcome.message).toBe(true);
    const lowered = outcome.findings!.filter((f) => f.rule === 'render_downscaled');
    expect(lowered).toHaveLength(1);
    expect(lowered[0].message).toContain('6000×6000 pt');
    expect(outcome.peakRssMb).toBeLessThan(PEAK_RSS_MAX_MB);
  });

  it('row 3: review of a 14 400 pt page renders within the pixel budget', { timeout: 120_000 }, async () => {
    const pdf = hugePagePdf(14_400);
    expect(pdf.length).toBeLessThan(1000);
    const outcome = await runHostile('review', pdf, 'huge14400.pdf');
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.findings!.some((f) => f.rule === 'render_downscaled')).toBe(true);
    expect(outcome.peakRssMb).toBeLessThan(PEAK_RSS_MAX_MB);
  });
});
