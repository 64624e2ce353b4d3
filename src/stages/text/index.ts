/**
 * Text: LoadedPdf → PageText[] — per page the text layer when it is usable, else OCR
 * (image-only pages, garbled fonts, or every page under --ocr always).
 */
import { z } from 'zod';
import { BudgetPdfError } from '../../errors.js';
import type { LoadedPage, LoadedPdf, PageText } from '../../model/index.js';
import { withPdf } from '../load/index.js';
import { pageToPlacedImage } from '../ocr/pageImage.js';
import { placedImageToPageText } from '../ocr/index.js';
import { withOcrPool, type OcrPool } from '../ocr/pool.js';

export const OcrMode = z.enum(['auto', 'always', 'never']);
export type OcrMode = z.infer<typeof OcrMode>;

export function pageNeedsOcr(page: LoadedPage, mode: OcrMode): boolean {
  if (mode === 'always') return true;
  return page.textLayer !== 'usable';
}

export function loadedPageToPageText(page: LoadedPage): PageText {
  return { pageNumber: page.pageNumber, widthPt: page.widthPt, heightPt: page.heightPt, source: 'text', runs: page.runs, rulings: page.rulings };
}

export async function loadedToPageTexts(
  loaded: LoadedPdf,
  options: { ocr: OcrMode; ocrPool?: OcrPool; bytes: Uint8Array },
): Promise<PageText[]> {
  const ocrPages = loaded.pages.filter((page) => pageNeedsOcr(page, options.ocr));
  if (ocrPages.length > 0 && options.ocr === 'never') {
    const page = ocrPages[0];
    throw new BudgetPdfError(
      'needs_ocr',
      loaded.sourcePath,
      `page ${page.pageNumber} has ${page.textLayer === 'none' ? 'no text layer' : 'a garbled text layer'} and --ocr never was given`,
    );
  }
  const texts = loaded.pages.map((page) => (pageNeedsOcr(page, options.ocr) ? null : loadedPageToPageText(page)));
  if (ocrPages.length === 0) return texts as PageText[];
  const run = (pool: OcrPool) => ocrPagesToPageTexts(loaded, ocrPages, options.bytes, pool);
  const ocrTexts = options.ocrPool ? await run(options.ocrPool) : await withOcrPool({}, run);
  for (const pageText of ocrTexts) texts[pageText.pageNumber - 1] = pageText;
  return texts as PageText[];
}

async function ocrPagesToPageTexts(loaded: LoadedPdf, pages: LoadedPage[], bytes: Uint8Array, pool: OcrPool): Promise<PageText[]> {
  // pdf.js takes ownership of the bytes it is given: hand it a copy.
  return withPdf(bytes.slice(), loaded.sourcePath, async (doc) => {
    const out: PageText[] = [];
    for (const loadedPage of pages) {
      const page = await doc.getPage(loadedPage.pageNumber);
      try {
        const placed = await pageToPlacedImage(page, loadedPage);
        const { pageText } = await placedImageToPageText(placed, loadedPage, pool);
        out.push(pageText);
      } catch (error) {
        if (error instanceof BudgetPdfError) throw new BudgetPdfError(error.code, loaded.sourcePath, `page ${loadedPage.pageNumber}: ${error.message}`, { cause: error });
        throw error;
      } finally {
        page.cleanup();
      }
    }
    return out;
  });
}
