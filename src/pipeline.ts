/**
 * The pipeline on one screen. Each stage is a function from one plain artefact to the next
 * (see src/model/); PDF parsing, OCR, the database and the clock stay at the edges.
 *
 *   PDF bytes
 *    → load       LoadedPdf      per page: runs with boxes, ruling segments, images, text-layer state
 *    → text       PageText[]     runs from the text layer, or from OCR for scanned/garbled pages
 *    → layout     PageLayout[]   rulings → intersections → cells → tables; lines outside tables
 *    → stitch     DocumentFlow   tables continued over pages joined (+ Repair[])
 *    → segment    DocumentDraft  cover, contents, goals, measures, one draft per project
 *    → repair     DocumentDraft  codes, wrapped cells, CJK spaces, OCR vocabulary (+ Repair[])
 *    → normalise  BudgetDocument zod-validated records + Finding[]
 *    → store      SQLite, one transaction per document (src/stages/store)
 */
import { createHash } from 'node:crypto';
import { loadPdf } from './stages/load/index.js';
import { loadedToPageTexts, type OcrMode } from './stages/text/index.js';
import { layoutPage } from './stages/layout/index.js';
import { stitchPages } from './stages/stitch/index.js';
import { flowToDraft } from './stages/segment/index.js';
import { repairDraft } from './stages/repair/index.js';
import { draftToDocument } from './stages/normalise/index.js';
import type { BudgetDocument, LoadedPdf, PageLayout, PageText } from './model/index.js';
import type { DocumentFlow } from './model/flow.js';
import type { DocumentDraft } from './model/draft.js';
import type { OcrPool } from './stages/ocr/pool.js';

export const PIPELINE_VERSION = '0.1.0';

export type ExtractOptions = {
  sourcePath: string;
  ocr?: OcrMode;
  /** Shared OCR worker pool; created per call when absent and OCR is needed. */
  ocrPool?: OcrPool;
};

/** Every stage's artefact, for `budgetpdf inspect` and for tests. */
export type Extraction = {
  loaded: LoadedPdf;
  pageTexts: PageText[];
  layouts: PageLayout[];
  flow: DocumentFlow;
  draft: DocumentDraft;
  repairedDraft: DocumentDraft;
  document: BudgetDocument;
};

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function extractPdf(bytes: Uint8Array, options: ExtractOptions): Promise<Extraction> {
  const sha256 = sha256Hex(bytes); // before pdf.js takes ownership of a copy of the bytes
  const loaded = await loadPdf(bytes.slice(), { sourcePath: options.sourcePath, sha256 });
  const pageTexts = await loadedToPageTexts(loaded, { ocr: options.ocr ?? 'auto', ocrPool: options.ocrPool, bytes });
  const layouts = pageTexts.map(layoutPage);
  const stitched = stitchPages(layouts);
  const draft = flowToDraft(stitched.flow);
  const repaired = repairDraft(draft);
  const document = draftToDocument(repaired.draft, {
    sha256,
    sourcePath: options.sourcePath,
    pageCount: loaded.pageCount,
    pageSources: pageTexts.map((page) => page.source),
    repairs: [...stitched.repairs, ...repaired.repairs],
  });
  return { loaded, pageTexts, layouts, flow: stitched.flow, draft, repairedDraft: repaired.draft, document };
}
