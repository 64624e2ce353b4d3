/**
 * Test and bench helper: text rendered to greyscale images with @napi-rs/canvas in a CJK font of the machine
 * (CI installs fonts-wqy-zenhei), black on white, like a clean 300 dpi scan of 10.5pt print.
 */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { findCjkFontFile } from '../src/stages/load/canvas.js';
import { pixelsToGray, type GrayImage } from '../src/stages/ocr/raster.js';

const FAMILY = 'budgetpdf-test-cjk';
let registered = false;

function fontFamily(): string {
  if (!registered) {
    const path = findCjkFontFile();
    if (!path) throw new Error('no CJK font on this machine (apt-get install fonts-wqy-zenhei)');
    GlobalFonts.registerFromPath(path, FAMILY);
    registered = true;
  }
  return FAMILY;
}

/** 10.5pt at 300 dpi. */
export const DEFAULT_FONT_PX = Math.round((10.5 * 300) / 72);

/** Lines of text, one under the other, on a white image with a margin of marginPx. */
export function textToGray(
  lines: string[],
  options: { fontPx?: number; marginPx?: number; lineGapPx?: number } = {},
): GrayImage {
  const fontPx = options.fontPx ?? DEFAULT_FONT_PX;
  const marginPx = options.marginPx ?? Math.round(fontPx * 0.5);
  const lineGapPx = options.lineGapPx ?? Math.round(fontPx * 0.4);
  const font = `${fontPx}px "${fontFamily()}"`;
  const probe = createCanvas(1, 1).getContext('2d');
  probe.font = font;
  const widthPx = Math.ceil(Math.max(...lines.map((line) => probe.measureText(line).width))) + 2 * marginPx;
  const heightPx = lines.length * fontPx + (lines.length - 1) * lineGapPx + 2 * marginPx;
  const canvas = createCanvas(widthPx, heightPx);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, widthPx, heightPx);
  context.fillStyle = '#000000';
  context.font = font;
  context.textBaseline = 'top';
  lines.forEach((line, i) => {
    context.fillText(line, marginPx, marginPx + i * (fontPx + lineGapPx));
  });
  return pixelsToGray(context.getImageData(0, 0, widthPx, heightPx).data, widthPx, heightPx, 4);
}
