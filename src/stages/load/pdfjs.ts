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

const require = createRequire(import.meta.url);
restoreNativeBuiltins();

/** node_modules/pdfjs-dist/ as a folder path ending in '/'. */
export function pdfjsFolder(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json')) + path.sep;
}

const PDF_MAGIC = '%PDF-';
/** Producers sometimes put junk (BOM, mail headers) before %PDF-; pdf.js tolerates it within its own limit. */
const PDF_MAGIC_SEARCH_BYTES = 1024;

/** pdf.js 5.4 does not export PasswordException; its errors carry the class name in `name`. */
function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_MAGIC_SEARCH_BYTES)).toString('latin1');
  return head.includes(PDF_MAGIC);
}

/**
 * Opens the bytes with pdf.js (which takes ownership of them), runs `fn`, and always destroys the
 * document. Files that cannot be opened become a BudgetPdfError naming `sourcePath`.
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
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
    restoreNativeBuiltins(); // pdf.js's worker module, loaded at the first getDocument, polyfills again
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (errorName(error) === 'PasswordException') {
      throw new BudgetPdfError('encrypted_pdf', sourcePath, 'the PDF is encrypted with a password', { cause: error });
    }
    if (errorName(error) === 'InvalidPDFException') {
      throw new BudgetPdfError('corrupt_pdf', sourcePath, `corrupt PDF: ${(error as Error).message}`, { cause: error });
    }
    throw new BudgetPdfError('corrupt_pdf', sourcePath, `cannot open PDF: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}
