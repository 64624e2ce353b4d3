/**
 * One file of a batch: PDF bytes → a BudgetDocument the store accepts, or a typed BudgetPdfError.
 * Runs in an extraction worker thread (text layer) or in the main thread (OCR, tests).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { BudgetPdfError } from '../errors.js';
import { BudgetDocument } from '../model/document.js';
import type { OcrMode } from '../model/index.js';
import type { Extraction } from '../pipeline.js';
import type { OcrPool } from '../stages/ocr/pool.js';

/** What a successful extraction sends back to the writer: the records and how many pages were OCRed. */
export const ExtractedDocument = z.object({
  document: BudgetDocument,
  ocrPageCount: z.number().int().min(0),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;

/**
 * Refuses a readable PDF that is not a budget-performance text: no project table (an indicator
 * table, or a table titled …绩效目标表/申报表/审批表: src/stages/segment/projectTables.ts) and no
 * 部门整体支出绩效目标表 (src/stages/segment/deptTargets.ts: such a document imports with zero projects) was found
 * in it, as in an ordinary 部门预算 or 部门决算 (收支总表, 项目支出表 …). Chosen over importing an empty
 * document with a finding, so that an archive's stray PDFs (notices, scans of letters) do not
 * become rows that look like budgets. A document holding only self-evaluations (自评表, skipped by segment:
 * finding self_evaluation_skipped) is refused with the same code, its message naming 自评表.
 */
export function documentToAccepted(document: BudgetDocument): BudgetDocument {
  if (document.projects.length === 0 && (document.deptTargets ?? []).length === 0) {
    const selfEvaluations = document.findings.filter((finding) => finding.rule === 'self_evaluation_skipped').length;
    if (selfEvaluations > 0)
      throw new BudgetPdfError(
        'no_budget_tables',
        document.sourcePath,
        `only self-evaluation tables (绩效自评表, ${selfEvaluations}) and no project table (绩效目标表) found in ${document.pageCount} page(s): a 自评表 reports what was done, not targets`,
      );
    throw new BudgetPdfError(
      'no_budget_tables',
      document.sourcePath,
      `no project table (绩效目标表) found in ${document.pageCount} page(s): not a budget-performance document`,
    );
  }
  return document;
}

/** An extraction as the writer stores it: the accepted document and its count of OCRed pages. */
export function extractionToExtractedDocument(
  extraction: Pick<Extraction, 'document' | 'pageTexts'>,
): ExtractedDocument {
  const ocrPageCount = (extraction.pageTexts ?? []).filter((page) => page.source === 'ocr').length;
  return { document: documentToAccepted(extraction.document), ocrPageCount };
}

/**
 * Largest PDF read, in bytes (1 GiB): a scanned budget runs to a few hundred MB at most; a larger
 * input (or a device that never ends) fails as file_too_large instead of filling memory.
 * `import --max-file-mb` changes it.
 */
export const MAX_PDF_BYTES = 1024 * 1024 * 1024;

export type ReadPdfOptions = { maxBytes?: number };

/**
 * A file of the batch read into a buffer of its own (transferable, not a view into Node's pool),
 * and its sha256. Only a regular file is read (a device such as /dev/zero, a FIFO or a socket fails
 * as not_regular_file, whatever symlink leads to it): it is opened non-blocking, so that a FIFO
 * without a writer does not hang, and checked on the open handle. At most its size at opening
 * (≤ maxBytes) is read.
 */
export async function pathToPdfBytes(
  path: string,
  options: ReadPdfOptions = {},
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const maxBytes = options.maxBytes ?? MAX_PDF_BYTES;
  let bytes: Uint8Array;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new BudgetPdfError(
        'not_regular_file',
        path,
        'not a regular file (a device, FIFO or socket); only regular files are read',
      );
    if (stats.size > maxBytes) {
      throw new BudgetPdfError(
        'file_too_large',
        path,
        `${stats.size} bytes, more than the limit of ${maxBytes} bytes (--max-file-mb)`,
      );
    }
    bytes = new Uint8Array(stats.size);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesRead } = await handle.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    if (offset < bytes.length) bytes = bytes.slice(0, offset);
  } catch (error) {
    if (error instanceof BudgetPdfError) throw error;
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  } finally {
    await handle.close();
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export type ExtractBatchOptions = { sourcePath: string; ocr: OcrMode; ocrPool?: OcrPool };

/** The whole pipeline in this thread, from bytes to an accepted document (load → … → normalise). */
export async function pdfBytesToExtractedDocument(
  bytes: Uint8Array,
  options: ExtractBatchOptions,
): Promise<ExtractedDocument> {
  // Loaded lazily: the writer and the report never load pdf.js.
  const { extractPdf } = await import('../pipeline.js');
  return extractionToExtractedDocument(
    await extractPdf(bytes, { sourcePath: options.sourcePath, ocr: options.ocr, ocrPool: options.ocrPool }),
  );
}
