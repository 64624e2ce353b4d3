/** A committed scan read by OCR, for the tests of tests/ocr that hold one scan to its measured baseline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BudgetDocument } from '../../src/model/index.js';
import { extractPdf } from '../../src/pipeline.js';
import { withOcrPool } from '../../src/stages/ocr/pool.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

/** The document extracted from the scan at `scanPath` (relative to the repository) with OCR, in its own OCR pool. */
export async function scanToDocument(scanPath: string): Promise<BudgetDocument> {
  return withOcrPool({}, async (ocrPool) => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, scanPath)));
    return (await extractPdf(bytes, { sourcePath: scanPath, ocr: 'auto', ocrPool })).document;
  });
}
