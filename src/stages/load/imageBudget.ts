/**
 * The pixel budget for decoding embedded images. pdf.js decodes every image of a page while building
 * its operator list (the load stage asks for it on every page): a 20 000×20 000 Flate image in a
 * 389 KB file is 400 Mpx, 6–8 GB and a minute of inflating. pdf.js is opened with
 * `maxImageSize: IMAGE_MAX_PIXELS`, so it drops such an image before decoding it; the image then
 * leaves no trace in the operator list, so the declared sizes are read off the file's bytes here
 * (an image XObject's dictionary is never inside a compressed object stream) to say so in a finding.
 */
import type { OversizedImage } from '../../model/index.js';

/** The most pixels an embedded image may declare and still be decoded: a 600 dpi A3 scan is 70 Mpx. */
export const IMAGE_MAX_PIXELS = 80_000_000;

/** Bytes either side of `/Subtype /Image` searched for its dictionary's /Width and /Height. */
const IMAGE_DICT_WINDOW_BYTES = 1024;

/** Every image XObject whose declared /Width × /Height exceeds `maxPixels`, from the raw bytes. */
export function bytesToOversizedImages(bytes: Uint8Array, maxPixels = IMAGE_MAX_PIXELS): OversizedImage[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: OversizedImage[] = [];
  for (let at = buffer.indexOf('/Image'); at >= 0; at = buffer.indexOf('/Image', at + 6)) {
    const start = Math.max(0, at - IMAGE_DICT_WINDOW_BYTES);
    const text = buffer.toString('latin1', start, Math.min(buffer.length, at + IMAGE_DICT_WINDOW_BYTES));
    const here = at - start;
    // Only the `/Image` of a `/Subtype /Image` (not /ImageMask, /ImageB, /Im0 …): one hit per image object.
    if (!/\/Subtype\s*$/u.test(text.slice(Math.max(0, here - 16), here)) || /[A-Za-z0-9]/u.test(text[here + 6] ?? ''))
      continue;
    // The object around this /Image: from its `obj` keyword to its `stream` (the dictionary, nested DecodeParms
    // included).
    const open = text.lastIndexOf('obj', here);
    const close = text.indexOf('stream', here);
    const dict = text.slice(Math.max(open, 0), close < 0 ? text.length : close);
    const width = /\/Width\s+(\d+)\b(?!\s+\d+\s+R)/u.exec(dict);
    const height = /\/Height\s+(\d+)\b(?!\s+\d+\s+R)/u.exec(dict);
    if (!width || !height) continue;
    const widthPx = Number(width[1]);
    const heightPx = Number(height[1]);
    if (widthPx * heightPx > maxPixels) found.push({ widthPx, heightPx });
  }
  return found;
}
