import { pathToPdfBytes } from './extractDocument.js';
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
  // Only a regular file within the size limit (not_regular_file, file_too_large), as for import.
  const { bytes } = await pathToPdfBytes(pdfPath);
  const { extractPdf } = await import('../pipeline.js');
  const ocr = options.ocr ?? 'auto';
  const extraction = await withLazyOcrPool({ workers: options.ocrWorkers, engine: options.ocrEngine }, (ocrPool) =>
    extractPdf(bytes.slice(), { sourcePath: pdfPath, ocr, ocrPool: ocr === 'never' ? undefined : ocrPool }),
  );
  return { bytes, extraction };
}
