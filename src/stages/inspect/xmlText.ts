/**
 * Text for SVG and HTML writers: escaped, and without the characters XML 1.0 forbids (controls
 * but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). The load already removes these from the text
 * layer; this keeps a writer's output well-formed whatever reaches it (OCR text, file names).
 */
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

/** The characters XML 1.0 forbids removed. */
export function withoutXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Escaped for an XML/HTML text node or quoted attribute, forbidden characters removed. */
export function escapeXmlText(text: string): string {
  return withoutXmlForbidden(text).replace(/[<>&"']/g, (c) => XML_ENTITY[c] ?? c);
}
