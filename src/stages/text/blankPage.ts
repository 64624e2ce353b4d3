/**
 * Blank pages: nothing painted that OCR could read, so they are neither rendered nor OCR'd
 * (400 blank pages rendered at 300 dpi took 24 GB before).
 */
import type { LoadedPage, PageText } from '../../model/index.js';

/** A page with no text, no image and no ruling: nothing is painted on it that OCR could read. */
export function isBlankPage(page: LoadedPage): boolean {
  return page.runs.length === 0 && page.images.length === 0 && page.rulings.length === 0;
}

/**
 * A blank page sent to OCR is neither rendered nor read: its PageText is what OCR of an inkless
 * image gives, no runs and no rulings. The source stays 'ocr', the path the mode chose for the page,
 * so a scan's blank back pages leave the document's text source 'ocr' as before (not 'mixed').
 */
export function blankPageToPageText(page: LoadedPage): PageText {
  return {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: 'ocr',
    runs: [],
    rulings: [],
  };
}
