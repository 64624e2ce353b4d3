import { readFile } from 'node:fs/promises';
import { BudgetPdfError } from '../errors.js';
import type { Extraction } from '../pipeline.js';
import type { OcrEngineName, OcrMode } from '../model/index.js';
import { withLazyOcrPool } from './lazyOcrPool.js';

/**
 * One PDF file through the pipeline without a database (for `inspect` and `review`): its bytes
 * (kept, since pdf.js takes ownership of what it is given) and every stage's artefact.
 */
export async function pdfFileToExtraction(
  pdfPath: string,
  options: { ocr?: OcrMode; ocrEngine?: OcrEngineName; ocrWorkers?: number },
): Promise<{ bytes: Uint8Array; extraction: Extraction }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(pdfPath));
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', pdfPath, (error as Error).message, { cause: error });
  }
  const { extractPdf } = await import('../pipeline.js');
  const ocr = options.ocr ?? 'auto';
  const extraction = await withLazyOcrPool({ workers: options.ocrWorkers, engine: options.ocrEngine }, (ocrPool) =>
    extractPdf(bytes.slice(), { sourcePath: pdfPath, ocr, ocrPool: ocr === 'never' ? undefined : ocrPool }),
  );
  return { bytes, extraction };
}
