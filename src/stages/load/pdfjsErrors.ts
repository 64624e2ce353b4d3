/**
 * pdf.js's errors told by name, without loading pdf.js (an extraction worker installs its rejection
 * filter before pdf.js is loaded). pdf.js 5.4 does not export PasswordException; its errors carry
 * the class name in `name`.
 */
export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** pdf.js error classes: a parse failure inside a damaged file, not a bug of ours. */
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
  'PasswordException',
]);

export function isPdfjsError(error: unknown): boolean {
  const name = errorName(error);
  return name !== undefined && PDFJS_ERROR_NAMES.has(name);
}
