import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// Before pdf.js, as in the pipeline: the baseline runs with the same native push and JSON.parse
// (see src/stages/load/nativeBuiltins.ts), so the ratio weighs our stages, not core-js.
import { restoreNativeBuiltins } from '../src/stages/load/nativeBuiltins.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The baseline: pdf.js alone reading every page's text content and operator list. */
export async function parseWithPdfjsAlone(bytes: Uint8Array): Promise<number> {
  const doc = await pdfjs.getDocument({
    data: bytes,
    cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  restoreNativeBuiltins();
  try {
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber += 1) {
      const page = await doc.getPage(pageNumber);
      await page.getTextContent();
      await page.getOperatorList();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
