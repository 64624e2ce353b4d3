/** Synthetic page images with one text line, for the OCR stage's line finding (rules.ts) tests. */
import { grayToBinary, type GrayImage } from '../../src/stages/ocr/raster.js';
import { binaryToTextLineBoxes } from '../../src/stages/ocr/rules.js';

/** A rectangle of ink in pixels: [x0, x1) × [top, bottom). */
export type InkBlock = { x0: number; x1: number; top: number; bottom: number };

/** Solid glyph blocks standing on one text line, rows 100..129 (30 px). */
export const lineGlyphs = (blocks: Array<{ x0: number; width: number }>): InkBlock[] =>
  blocks.map(({ x0, width }) => ({ x0, x1: x0 + width, top: 100, bottom: 130 }));

/** A white page (grey 250) widthPx × 240 with the given blocks of ink (grey 20). */
export function pageWithInk(widthPx: number, blocks: InkBlock[]): GrayImage {
  const heightPx = 240;
  const gray = new Uint8Array(widthPx * heightPx).fill(250);
  for (const { x0, x1, top, bottom } of blocks)
    for (let y = top; y < bottom; y++) for (let x = x0; x < x1; x++) gray[y * widthPx + x] = 20;
  return { widthPx, heightPx, gray };
}

/** The x ranges of the text-line pieces found on a page with no rules and no cells. */
export function pieceXsOf(image: GrayImage, dpi: number): number[][] {
  const binary = grayToBinary(image);
  return binaryToTextLineBoxes(binary, new Uint8Array(binary.ink.length), [], dpi).map((box) => [box.x0, box.x1]);
}
