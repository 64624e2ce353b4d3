/**
 * The one place that opens pdf.js. Everything else receives a PDFDocumentProxy inside `withPdf`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
// Before pdf.js: captures the native built-ins its polyfills replace (see nativeBuiltins.ts).
import { restoreNativeBuiltins } from './nativeBuiltins.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { BudgetPdfError } from '../../errors.js';
import { errorName, isPdfjsError } from './pdfjsErrors.js';
import { IMAGE_MAX_PIXELS } from './imageBudget.js';

const require = createRequire(import.meta.url);
restoreNativeBuiltins();

/** node_modules/pdfjs-dist/ as a folder path ending in '/'. */
export function pdfjsFolder(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json')) + path.sep;
}

const PDF_MAGIC = '%PDF-';
/** Producers sometimes put junk (BOM, mail headers) before %PDF-; pdf.js tolerates it within its own limit. */
const PDF_MAGIC_SEARCH_BYTES = 1024;

/**
 * The one translation of pdf.js's errors, on open and in every call made on the open document
 * (getPage, getTextContent, getOperatorList, render): a password → encrypted_pdf, any other pdf.js
 * error → corrupt_pdf. Our own errors, and bugs, pass through unchanged.
 */
function pdfjsErrorToTyped(error: unknown, sourcePath: string, opening: boolean): unknown {
  if (error instanceof BudgetPdfError) return error;
  if (errorName(error) === 'PasswordException') {
    return new BudgetPdfError('encrypted_pdf', sourcePath, 'the PDF is encrypted with a password', { cause: error });
  }
  if (opening && errorName(error) !== 'InvalidPDFException') {
    return new BudgetPdfError(
      'corrupt_pdf',
      sourcePath,
      `cannot open PDF: ${(error as Error)?.message ?? String(error)}`,
      { cause: error },
    );
  }
  if (isPdfjsError(error))
    return new BudgetPdfError('corrupt_pdf', sourcePath, `corrupt PDF: ${(error as Error).message}`, { cause: error });
  return error;
}

function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_MAGIC_SEARCH_BYTES)).toString(
    'latin1',
  );
  return head.includes(PDF_MAGIC);
}

/**
 * Opens the bytes with pdf.js (which takes ownership of them), runs `fn`, and always destroys the
 * document. Files that cannot be opened, and pdf.js errors raised inside `fn`, become a BudgetPdfError naming
 * `sourcePath`.
 */
export async function withPdf<T>(
  bytes: Uint8Array,
  sourcePath: string,
  fn: (doc: PDFDocumentProxy) => Promise<T>,
): Promise<T> {
  if (!looksLikePdf(bytes)) {
    throw new BudgetPdfError('not_pdf', sourcePath, 'not a PDF file (no %PDF- header)');
  }
  const folder = pdfjsFolder();
  const task = getDocument({
    data: bytes,
    cMapUrl: path.join(folder, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(folder, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    maxImageSize: IMAGE_MAX_PIXELS, // larger images are dropped undecoded (imageBudget.ts)
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
    restoreNativeBuiltins(); // pdf.js's worker module, loaded at the first getDocument, polyfills again
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfjsErrorToTyped(error, sourcePath, true);
  }
  try {
    return await fn(doc);
  } catch (error) {
    throw pdfjsErrorToTyped(error, sourcePath, false);
  } finally {
    await doc.destroy();
  }
}
