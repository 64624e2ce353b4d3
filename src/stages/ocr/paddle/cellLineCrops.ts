/**
 * A cell's crop cut into text-line crops for a one-line recogniser (PP-OCR rec reads one line):
 * the rows of each line from the ink row profile (cellLines.ts, the same split the tesseract path
 * uses for its strips), the columns from the line's ink, with a white margin around the ink.
 */
import { z } from 'zod';
import { profileToLineRanges } from '../cellLines.js';
import { type GrayImage, PixelBox, grayToBinary, otsuThreshold } from '../raster.js';

/**
 * White kept around a line's ink, in ink heights (PaddleOCR's detector grows its boxes by about this
 * much).
 */
export const LINE_CROP_MARGIN_INK_HEIGHTS = 0.2;

export const CellLineCrop = z.object({
  image: z.custom<GrayImage>(),
  /** Cell-crop coordinates of the line image's pixel (0, 0) (negative where white was added beyond the cell). */
  originX: z.number().int(),
  originY: z.number().int(),
  /** The line's ink in cell-crop pixels. */
  inkBox: PixelBox,
  /**
   * True when the line's ink is taller than maxLineHeightPx: lines the projection could not separate (detection
   * needed).
   */
  tooTall: z.boolean(),
});
export type CellLineCrop = z.infer<typeof CellLineCrop>;

/** A white-padded copy of box of the image: rows and columns outside the image are white. */
function grayToWindow(image: GrayImage, box: PixelBox): GrayImage {
  const widthPx = Math.max(1, box.x1 - box.x0);
  const heightPx = Math.max(1, box.bottom - box.top);
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  for (let y = Math.max(0, box.top); y < Math.min(image.heightPx, box.bottom); y++) {
    const x0 = Math.max(0, box.x0);
    const x1 = Math.min(image.widthPx, box.x1);
    if (x1 > x0)
      gray.set(
        image.gray.subarray(y * image.widthPx + x0, y * image.widthPx + x1),
        (y - box.top) * widthPx + (x0 - box.x0),
      );
  }
  return { widthPx, heightPx, gray };
}

/**
 * The text lines of a cell's greyscale crop (rules already erased), top to bottom. inkThreshold: grey
 * values at or below it are ink (the page's Otsu threshold; the cell's own when not given).
 */
export function grayCellToLineCrops(
  cell: GrayImage,
  options: { inkThreshold?: number; maxLineHeightPx?: number } = {},
): CellLineCrop[] {
  const binary = grayToBinary(cell, options.inkThreshold ?? otsuThreshold(cell));
  const profile = new Int32Array(cell.heightPx);
  for (let y = 0; y < cell.heightPx; y++) {
    let count = 0;
    for (let x = 0; x < cell.widthPx; x++) count += binary.ink[y * cell.widthPx + x];
    profile[y] = count;
  }
  const crops: CellLineCrop[] = [];
  for (const range of profileToLineRanges(profile)) {
    // Columns and rows of the ink within the line's rows (the cut rows, so stroke ends in a valley count).
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (let y = range.start; y < range.end; y++) {
      for (let x = 0; x < cell.widthPx; x++) {
        if (binary.ink[y * cell.widthPx + x] !== 1) continue;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x + 1);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
      }
    }
    if (x1 <= x0) continue;
    const inkHeight = bottom - top;
    // A line of punctuation alone (a lone `。`) is cut as its glyph's square: a line high (from where its line's text
    // starts) and as wide, the ring at its bottom left (cellLines.ts LineRows).
    const textTop = Math.min(top, range.textStart ?? top);
    const marginPx = Math.max(
      1,
      Math.round(LINE_CROP_MARGIN_INK_HEIGHTS * (range.inkEnd - Math.min(range.inkStart, range.textStart ?? Infinity))),
    );
    const textRight = range.textStart === undefined ? x1 : Math.max(x1, x0 + (range.inkEnd - range.textStart));
    const window = { x0: x0 - marginPx, top: textTop - marginPx, x1: textRight + marginPx, bottom: bottom + marginPx };
    // The line's image keeps only its own rows: rows of the neighbouring lines in the margin are painted white.
    const image = grayToWindow(cell, window);
    for (let y = window.top; y < window.bottom; y++) {
      if (y >= range.start && y < range.end) continue;
      image.gray.fill(255, (y - window.top) * image.widthPx, (y - window.top + 1) * image.widthPx);
    }
    crops.push({
      image,
      originX: window.x0,
      originY: window.top,
      inkBox: { x0, top, x1, bottom },
      tooTall: options.maxLineHeightPx !== undefined && inkHeight > options.maxLineHeightPx,
    });
  }
  return crops;
}
