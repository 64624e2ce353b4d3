/**
 * Text: LoadedPdf → PageText[] — per page the text layer when it is usable, else OCR
 * (image-only pages, garbled fonts, or every page under --ocr always).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { BudgetPdfError } from '../../errors.js';
import type { LoadedPage, LoadedPdf, OcrEngineName, OcrMode, PageText } from '../../model/index.js';
import { pageToPlacedImage } from '../ocr/pageImage.js';
import { placedImageToPageText } from '../ocr/index.js';
import { withOcrEnginePool } from '../ocr/enginePool.js';
import { type TextOrientationClassifier, withTextOrientationClassifier } from '../ocr/orientation.js';
import type { OcrPool } from '../ocr/pool.js';

import { blankPageToPageText, isBlankPage } from './blankPage.js';

export { blankPageToPageText, isBlankPage } from './blankPage.js';
export { loadedToReadFindings, pageNumbersToRanges } from './readFindings.js';

export function pageNeedsOcr(page: LoadedPage, mode: OcrMode): boolean {
  if (mode === 'always') return true;
  return page.textLayer !== 'usable';
}

export function loadedPageToPageText(page: LoadedPage): PageText {
  return {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: 'text',
    runs: page.runs,
    rulings: page.rulings,
  };
}

/** The pages to render and OCR: those the mode sends to OCR, less the blank ones. */
export function loadedToPagesToRender(loaded: LoadedPdf, mode: OcrMode): LoadedPage[] {
  return loadedToOcrPages(loaded, mode).filter((page) => !isBlankPage(page));
}

/**
 * A page's text without rendering: its text layer, or, for a blank page sent to OCR, the empty OCR text; null when it
 * must be rendered.
 */
export function loadedPageToUnrenderedText(page: LoadedPage, mode: OcrMode): PageText | null {
  if (!pageNeedsOcr(page, mode)) return loadedPageToPageText(page);
  return isBlankPage(page) ? blankPageToPageText(page) : null;
}

/** The pages the mode sends to OCR; a document with such pages under `never` fails with needs_ocr. */
export function loadedToOcrPages(loaded: LoadedPdf, mode: OcrMode): LoadedPage[] {
  const ocrPages = loaded.pages.filter((page) => pageNeedsOcr(page, mode));
  if (ocrPages.length > 0 && mode === 'never') {
    const page = ocrPages[0];
    throw new BudgetPdfError(
      'needs_ocr',
      loaded.sourcePath,
      `page ${page.pageNumber} has ${page.textLayer === 'none' ? 'no text layer' : 'a garbled text layer'} and --ocr never was given`,
    );
  }
  return ocrPages;
}

/**
 * Per page the text layer, or OCR of the page rendered from `doc`, the open document `loaded` was
 * read from (blank pages are not rendered). Without `ocrPool` a pool of `ocrEngine` (tesseract by
 * default) is started for the call.
 */
export async function loadedToPageTexts(
  loaded: LoadedPdf,
  options: { ocr: OcrMode; ocrPool?: OcrPool; ocrEngine?: OcrEngineName; doc: PDFDocumentProxy },
): Promise<PageText[]> {
  const ocrPages = loadedToPagesToRender(loaded, options.ocr);
  const texts = loaded.pages.map((page) => loadedPageToUnrenderedText(page, options.ocr));
  if (ocrPages.length === 0) return texts as PageText[];
  const run = (pool: OcrPool) => ocrPagesToPageTexts(loaded, ocrPages, options.doc, pool);
  const ocrTexts = options.ocrPool
    ? await run(options.ocrPool)
    : await withOcrEnginePool({ engine: options.ocrEngine }, run);
  for (const pageText of ocrTexts) texts[pageText.pageNumber - 1] = pageText;
  return texts as PageText[];
}

/**
 * The pages to OCR rendered from the open document they were loaded from, one at a time; a page read upside down is
 * turned before OCR (orientation.ts), whichever engine reads.
 */
async function ocrPagesToPageTexts(
  loaded: LoadedPdf,
  pages: LoadedPage[],
  doc: PDFDocumentProxy,
  pool: OcrPool,
): Promise<PageText[]> {
  return withTextOrientationClassifier(async (classifier) => {
    const out: PageText[] = [];
    for (const loadedPage of pages) out.push(await ocrPageToPageText(loaded, loadedPage, doc, pool, classifier));
    return out;
  });
}

/** One page to OCR, rendered, turned when read upside down, and read. */
async function ocrPageToPageText(
  loaded: LoadedPdf,
  loadedPage: LoadedPage,
  doc: PDFDocumentProxy,
  pool: OcrPool,
  classifier: TextOrientationClassifier,
): Promise<PageText> {
  const page = await doc.getPage(loadedPage.pageNumber);
  try {
    const placed = await pageToPlacedImage(page, loadedPage);
    const { pageText } = await placedImageToPageText(placed, loadedPage, pool, classifier);
    return pageText;
  } catch (error) {
    if (error instanceof BudgetPdfError)
      throw new BudgetPdfError(error.code, loaded.sourcePath, `page ${loadedPage.pageNumber}: ${error.message}`, {
        cause: error,
      });
    throw error;
  } finally {
    page.cleanup();
  }
}
