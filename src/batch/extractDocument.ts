/**
 * One file of a batch: PDF bytes → a BudgetDocument the store accepts, or a typed BudgetPdfError.
 * Runs in an extraction worker thread (text layer) or in the main thread (OCR, tests).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BudgetPdfError, isBudgetPdfError } from '../errors.js';
import { BudgetDocument } from '../model/document.js';
import type { OcrPool } from '../stages/ocr/pool.js';

export const BatchOcrMode = z.enum(['auto', 'always', 'never']);
export type BatchOcrMode = z.infer<typeof BatchOcrMode>;

/** What a successful extraction sends back to the writer: the records and how many pages were OCRed. */
export const ExtractedDocument = z.object({
  document: BudgetDocument,
  ocrPageCount: z.number().int().min(0),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;

/**
 * Refuses a readable PDF that is not a budget-performance text: no project table
 * (…绩效目标表 with its 项目编码/一级指标 tables) was found in it. Chosen over importing an empty
 * document with a finding, so that an archive's stray PDFs (notices, scans of letters) do not
 * become rows that look like budgets.
 */
export function documentToAccepted(document: BudgetDocument): BudgetDocument {
  if (document.projects.length === 0) {
    throw new BudgetPdfError(
      'no_budget_tables',
      document.sourcePath,
      `no project table (绩效目标表) found in ${document.pageCount} page(s): not a budget-performance document`,
    );
  }
  return document;
}

/** pdf.js error classes: a parse failure inside a page of a damaged file, not a bug of ours. */
const PDFJS_ERROR_NAMES = new Set([
  'FormatError',
  'InvalidPDFException',
  'XRefEntryException',
  'XRefParseException',
  'MissingDataException',
  'ParserEOFException',
  'UnknownErrorException',
  'AbortException',
  'MissingPDFException',
  'ResponseException',
  'UnexpectedResponseException',
]);

export function isPdfjsError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && PDFJS_ERROR_NAMES.has(name);
}

/** Errors pdf.js raises while reading a damaged file become `corrupt_pdf`; ours pass through. */
export function extractionErrorToTyped(error: unknown, sourcePath: string): unknown {
  if (isBudgetPdfError(error)) return error;
  if (isPdfjsError(error)) {
    return new BudgetPdfError('corrupt_pdf', sourcePath, `corrupt PDF: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

/** A file of the batch read into a buffer of its own (transferable, not a view into Node's pool), and its sha256. */
export async function pathToPdfBytes(path: string): Promise<{ bytes: Uint8Array; sha256: string }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export type ExtractBatchOptions = { sourcePath: string; ocr: BatchOcrMode; ocrPool?: OcrPool };

/** The whole pipeline from bytes to an accepted document (load → … → normalise). */
export async function pdfBytesToExtractedDocument(bytes: Uint8Array, options: ExtractBatchOptions): Promise<ExtractedDocument> {
  // Loaded lazily: the writer and the report never load pdf.js.
  const { extractPdf } = await import('../pipeline.js');
  try {
    const extraction = await extractPdf(bytes, { sourcePath: options.sourcePath, ocr: options.ocr, ocrPool: options.ocrPool });
    const ocrPageCount = (extraction.pageTexts ?? []).filter((page) => page.source === 'ocr').length;
    return { document: documentToAccepted(extraction.document), ocrPageCount };
  } catch (error) {
    throw extractionErrorToTyped(error, options.sourcePath);
  }
}
