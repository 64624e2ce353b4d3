/**
 * Load: PDF bytes → LoadedPdf (per page: displayed size, text runs, ruling segments, images,
 * text-layer state). The only stage that talks to pdf.js.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { BudgetPdfError } from '../../errors.js';
import type { LoadedPdf, LoadedPage } from '../../model/index.js';
import { withPdf } from './pdfjs.js';
import { operatorListToGraphics, type Matrix } from './operatorList.js';
import { textItemsToRuns, type PdfTextItem, type PdfTextStyle } from './textContent.js';
import { runsToSafeRuns } from './textNormalise.js';
import { runsToTextLayerState } from './textLayer.js';
import { bytesToOversizedImages } from './imageBudget.js';

export { withPdf, pdfjsFolder } from './pdfjs.js';
export { isPdfjsError } from './pdfjsErrors.js';
export { operatorListToGraphics } from './operatorList.js';
export { textItemsToRuns } from './textContent.js';
export { runsToTextLayerState, measureTextLayer } from './textLayer.js';
export { bytesToOversizedImages, IMAGE_MAX_PIXELS } from './imageBudget.js';

export type LoadMeta = { sourcePath: string; sha256: string };

/** One page read off pdf.js: size as displayed (after /Rotate, from the viewBox), runs, rulings, images. */
export async function pdfPageToLoadedPage(page: PDFPageProxy): Promise<LoadedPage> {
  const viewport = page.getViewport({ scale: 1 });
  const pageMatrix = Array.from(viewport.transform) as Matrix;
  const [textContent, operatorList] = await Promise.all([
    page.getTextContent({ disableNormalization: true }),
    page.getOperatorList(),
  ]);
  const { rulings, images, textClips } = operatorListToGraphics(
    operatorList.fnArray,
    operatorList.argsArray,
    pageMatrix,
  );
  const rawRuns = textItemsToRuns(
    textContent.items as PdfTextItem[],
    textContent.styles as Record<string, PdfTextStyle>,
    pageMatrix,
    textClips,
  );
  // The layer is judged on the text as the font maps it (control characters count as undecodable), then cleaned.
  const { runs, repairs } = runsToSafeRuns(rawRuns, page.pageNumber);
  return {
    pageNumber: page.pageNumber,
    widthPt: viewport.width,
    heightPt: viewport.height,
    rotationDeg: ((page.rotate % 360) + 360) % 360,
    runs,
    rulings,
    images,
    textLayer: runsToTextLayerState(rawRuns),
    ...(repairs.length > 0 ? { repairs } : {}),
  };
}

/** Every page of an open document read off pdf.js, one page at a time (each released after it is read). */
export async function documentToLoadedPdf(doc: PDFDocumentProxy, meta: LoadMeta): Promise<LoadedPdf> {
  // A page tree may declare any count (/Count 0, -3 …): fewer than one page is no page to read.
  if (!(doc.numPages >= 1))
    throw new BudgetPdfError(
      'no_pages',
      meta.sourcePath,
      doc.numPages === 0 ? 'the PDF has no pages' : `the PDF declares ${doc.numPages} pages`,
    );
  const pages: LoadedPage[] = [];
  for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
    let page: PDFPageProxy;
    try {
      page = await doc.getPage(pageNumber);
    } catch (error) {
      throw new BudgetPdfError(
        'corrupt_pdf',
        meta.sourcePath,
        `cannot read page ${pageNumber}: ${(error as Error)?.message}`,
        {
          cause: error,
        },
      );
    }
    try {
      pages.push(await pdfPageToLoadedPage(page));
    } finally {
      page.cleanup();
    }
  }
  // Not re-parsed through zod: the shapes are built above, and parsing ~3000 runs a page costs time.
  const loaded: LoadedPdf = { sha256: meta.sha256, sourcePath: meta.sourcePath, pageCount: doc.numPages, pages };
  return loaded;
}

/** PDF bytes (pdf.js takes ownership of them) → LoadedPdf, naming the images too large to decode. */
export async function loadPdf(bytes: Uint8Array, meta: LoadMeta): Promise<LoadedPdf> {
  const oversizedImages = bytesToOversizedImages(bytes); // before pdf.js takes the bytes
  const loaded = await withPdf(bytes, meta.sourcePath, (doc) => documentToLoadedPdf(doc, meta));
  return oversizedImages.length > 0 ? { ...loaded, oversizedImages } : loaded;
}
