/**
 * The pipeline on one screen. Each stage is a function from one plain artefact to the next
 * (see src/model/); PDF parsing, OCR, the database and the clock stay at the edges.
 *
 *   PDF bytes
 *    → load       LoadedPdf      per page: runs with boxes, ruling segments, images, text-layer state
 *    → text       PageText[]     runs from the text layer, or from OCR for scanned/garbled pages
 *   ───────────── the effectful half above (pdf.js, OCR), the pure half below ─────────────
 *    → layout     PageLayout[]   rulings → intersections → cells → tables; lines outside tables
 *    → stitch     DocumentFlow   tables continued over pages joined (+ Repair[])
 *    → segment    DocumentDraft  cover, contents, goals, measures, one draft per project
 *    → repair     DocumentDraft  codes, wrapped cells, CJK spaces, OCR vocabulary (+ Repair[])
 *    → normalise  BudgetDocument zod-validated records + Finding[]
 *    → store      SQLite, one transaction per document (src/stages/store)
 *
 * A batch import loads in a worker thread and, for a document with pages to OCR, hands its
 * LoadedPdf and bytes to the main thread, which renders only those pages for its OCR pool
 * (`loadedPdfToPageTexts`): a scan is parsed twice, a text-layer document once.
 */
import { createHash } from 'node:crypto';
import { loadPdf, withPdf } from './stages/load/index.js';
import {
  loadedPageToUnrenderedText,
  loadedToPagesToRender,
  loadedToPageTexts,
  loadedToReadFindings,
} from './stages/text/index.js';
import { layoutPage } from './stages/layout/index.js';
import { stitchPages } from './stages/stitch/index.js';
import { flowToDraft } from './stages/segment/index.js';
import { repairDraft } from './stages/repair/index.js';
import { draftToDocument } from './stages/normalise/index.js';
import type { BudgetDocument, LoadedPdf, OcrEngineName, OcrMode, PageLayout, PageText } from './model/index.js';
import type { DocumentFlow } from './model/flow.js';
import type { DocumentDraft } from './model/draft.js';
import type { OcrPool } from './stages/ocr/pool.js';

export const PIPELINE_VERSION = '0.1.0';

export type ExtractOptions = {
  sourcePath: string;
  ocr?: OcrMode;
  /** Shared OCR worker pool; created per call when absent and OCR is needed. */
  ocrPool?: OcrPool;
  /**
   * The engine of the pool created per call (DEFAULT_OCR_ENGINE, paddle, by default; `paddle`: PP-OCR reads the Han
   * text, tesseract the codes and numbers). A given `ocrPool` reads with its own engine.
   */
  ocrEngine?: OcrEngineName;
};

/** What the effectful half reads: the loaded pages and, per page, the text the later stages work from. */
export type ReadPdf = { loaded: LoadedPdf; pageTexts: PageText[] };

/** Every stage's artefact, for `budgetpdf inspect` and for tests. */
export type Extraction = ReadPdf & {
  layouts: PageLayout[];
  flow: DocumentFlow;
  draft: DocumentDraft;
  repairedDraft: DocumentDraft;
  document: BudgetDocument;
};

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The effectful half: PDF bytes → loaded pages and page texts (OCR where the mode says). pdf.js gets copies of the
 * bytes.
 */
export async function pdfToPageTexts(
  bytes: Uint8Array,
  options: ExtractOptions & { sha256: string },
): Promise<ReadPdf> {
  const loaded = await loadPdf(bytes.slice(), { sourcePath: options.sourcePath, sha256: options.sha256 });
  return loadedPdfToPageTexts(bytes, loaded, {
    ocr: options.ocr ?? 'auto',
    ocrPool: options.ocrPool,
    ocrEngine: options.ocrEngine,
  });
}

/**
 * Page texts of a loaded document (loaded here or in an extraction worker). Pages to OCR are
 * rendered from a second opening of the bytes: the load released each page's decoded images as it
 * went (page.cleanup()), which keeps a long scan's memory flat, and pdf.js does not send a page's
 * image objects again to the document that released them.
 */
export async function loadedPdfToPageTexts(
  bytes: Uint8Array,
  loaded: LoadedPdf,
  options: { ocr: OcrMode; ocrPool?: OcrPool; ocrEngine?: OcrEngineName },
): Promise<ReadPdf> {
  const pageTexts =
    loadedToPagesToRender(loaded, options.ocr).length === 0
      ? loaded.pages.map((page) => loadedPageToUnrenderedText(page, options.ocr) as PageText)
      : await withPdf(bytes.slice(), loaded.sourcePath, (doc) => loadedToPageTexts(loaded, { ...options, doc }));
  return { loaded, pageTexts };
}

/** The pure half: page texts → records, with every intermediate artefact. No I/O. */
export function pageTextsToExtraction({ loaded, pageTexts }: ReadPdf): Extraction {
  const layouts = pageTexts.map(layoutPage);
  const stitched = stitchPages(layouts);
  const draft = flowToDraft(stitched.flow);
  const repaired = repairDraft(draft);
  const document = draftToDocument(repaired.draft, {
    sha256: loaded.sha256,
    sourcePath: loaded.sourcePath,
    pageCount: loaded.pageCount,
    pageSources: pageTexts.map((page) => page.source),
    repairs: [...loadRepairs(loaded, pageTexts), ...stitched.repairs, ...repaired.repairs],
    readFindings: loadedToReadFindings(loaded, pageTexts),
  });
  return { loaded, pageTexts, layouts, flow: stitched.flow, draft, repairedDraft: repaired.draft, document };
}

/** The load's text repairs (control characters removed) of the pages whose text layer was used, not OCRed. */
function loadRepairs(loaded: LoadedPdf, pageTexts: PageText[]) {
  const textPages = new Set(pageTexts.filter((page) => page.source === 'text').map((page) => page.pageNumber));
  return loaded.pages.flatMap((page) => (textPages.has(page.pageNumber) ? (page.repairs ?? []) : []));
}

export async function extractPdf(bytes: Uint8Array, options: ExtractOptions): Promise<Extraction> {
  const sha256 = sha256Hex(bytes); // before pdf.js takes ownership of a copy of the bytes
  return pageTextsToExtraction(await pdfToPageTexts(bytes, { ...options, sha256 }));
}
