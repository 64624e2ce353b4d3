/**
 * `budgetpdf review`: one self-contained HTML page per document (no network): every page as an
 * image rendered by pdf.js on @napi-rs/canvas (for a scanned page that is its image), the detected
 * tables and cells drawn over it in SVG (colour by text source and OCR confidence), repaired cells
 * marked with before/after, findings listed and linked to their page, the records beside the page.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureOutputDir, pdfPathToOutputName } from '../outputPaths.js';
import { pdfFileToExtraction } from '../batch/extractFile.js';
import type { OcrEngineName, OcrMode } from '../model/index.js';
import type { Extraction } from '../pipeline.js';
import { createPdfjsCanvas, pageToRenderDpi, releaseCanvas } from '../stages/load/canvas.js';
import { contextWithNulSafeText } from '../stages/load/canvasText.js';
import { extractionToReviewHtml, type PageImageUri } from './reviewHtml.js';

export type ReviewOptions = { outDir?: string; ocr?: OcrMode; ocrEngine?: OcrEngineName; ocrWorkers?: number };
export type ReviewResult = {
  htmlPath: string;
  pageCount: number;
  cellCount: number;
  findingCount: number;
  extraction: Extraction;
};

/** Page images in the review: enough to read a cell, small enough that a 40-page document stays a few MB. */
export const REVIEW_RENDER_DPI = 110;
/** JPEG quality of the page images (0..1). */
export const REVIEW_JPEG_QUALITY = 0.8;

export function defaultReviewDir(pdfPath: string): string {
  return join('out', 'review', pdfPathToOutputName(pdfPath));
}

/**
 * Every page rendered to a JPEG data: URI, at `dpi` or lower for a page over RENDER_MAX_PIXELS (a 14 400 pt MediaBox).
 */
export async function pdfToPageImages(
  bytes: Uint8Array,
  sourcePath: string,
  dpi = REVIEW_RENDER_DPI,
): Promise<PageImageUri[]> {
  const { withPdf } = await import('../stages/load/pdfjs.js');
  return withPdf(bytes, sourcePath, async (doc) => {
    const images: PageImageUri[] = [];
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber += 1) {
      const page = await doc.getPage(pageNumber);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: pageToRenderDpi(base.width, base.height, dpi) / 72 });
      const canvas = createPdfjsCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      let jpeg: Buffer;
      try {
        // A glyph mapped to U+0000 in a non-embedded font would fail the render (see canvasText.ts).
        const context = contextWithNulSafeText(canvas.getContext('2d'));
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
        jpeg = await canvas.encode('jpeg', Math.round(REVIEW_JPEG_QUALITY * 100));
      } finally {
        releaseCanvas(canvas);
      }
      images.push({ pageNumber, uri: `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}` });
      page.cleanup();
    }
    return images;
  });
}

/** Runs the pipeline on one PDF (no database) and writes <outDir>/review.html. */
export async function reviewPdf(pdfPath: string, options: ReviewOptions = {}): Promise<ReviewResult> {
  const outDir = options.outDir ?? defaultReviewDir(pdfPath);
  const { bytes, extraction } = await pdfFileToExtraction(pdfPath, options);
  const images = await pdfToPageImages(bytes.slice(), pdfPath);
  await ensureOutputDir(outDir);
  const htmlPath = join(outDir, 'review.html');
  await writeFile(htmlPath, extractionToReviewHtml(extraction, images));
  return {
    htmlPath,
    pageCount: extraction.layouts.length,
    cellCount: extraction.layouts.reduce(
      (sum, layout) => sum + layout.tables.reduce((n, table) => n + table.cells.length, 0),
      0,
    ),
    findingCount: extraction.document.findings.length,
    extraction,
  };
}
