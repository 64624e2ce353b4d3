/**
 * An image (a cell, a line outside the tables) read by PP-OCR: cut into lines by projection (grayCellToLineCrops), the
 * lines too tall to be one split by the det model when asked, each line recognised and given back as the OcrLine the
 * tesseract path returns, in the image's pixels, with symbols boxed on their ink.
 */
import type { OcrImage, OcrLine } from '../pool.js';
import { type BinaryImage, grayToBinary, otsuThreshold } from '../raster.js';
import { type CellLineCrop, grayCellToLineCrops } from './cellLineCrops.js';
import type { PaddleDetector } from './detector.js';
import { paddleReadingToOcrLine } from './readingToOcrLine.js';
import type { PaddleRecogniser } from './recogniser.js';

/** The ink inside a box of the image (a box with none is kept as it is: blank paper, which the OCR stage drops). */
function boxToInkBox<B extends { x0: number; top: number; x1: number; bottom: number }>(
  box: B,
  binary: BinaryImage,
): B {
  let x0 = Infinity;
  let x1 = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (let y = Math.max(0, box.top); y < Math.min(binary.heightPx, box.bottom); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(binary.widthPx, box.x1); x++) {
      if (binary.ink[y * binary.widthPx + x] !== 1) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + 1);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
    }
  }
  return x1 > x0 ? { ...box, x0, top, x1, bottom } : box;
}

/**
 * Symbol boxes shrunk to their glyph's ink and word boxes to their symbols', as tesseract's are:
 * PP-OCR's character spans run from one CTC spike to the next over the line's full height, where a
 * `：` covers a few per cent of its span and the OCR stage would drop it as blank paper.
 */
function lineToInkBoxes(line: OcrLine, binary: BinaryImage): OcrLine {
  const words = line.words.map((word) => {
    const symbols = word.symbols.map((symbol) => boxToInkBox(symbol, binary));
    return {
      ...word,
      symbols,
      x0: Math.min(...symbols.map((s) => s.x0)),
      top: Math.min(...symbols.map((s) => s.top)),
      x1: Math.max(...symbols.map((s) => s.x1)),
      bottom: Math.max(...symbols.map((s) => s.bottom)),
    };
  });
  return { ...line, words };
}

/**
 * An image read by PP-OCR: its lines by projection, each recognised, as OcrLines in the image's
 * pixels (symbols boxed on their ink), top to bottom; lines that read as nothing are left out
 * (tesseract gives none for them).
 */
export async function imageToPaddleLines(
  image: OcrImage,
  recogniser: Pick<PaddleRecogniser, 'recogniseLine'>,
  detection?: TooTallLineDetection,
): Promise<OcrLine[]> {
  const inkThreshold = otsuThreshold(image);
  const projected = grayCellToLineCrops(image, { inkThreshold, maxLineHeightPx: detection?.maxLineHeightPx });
  const crops = detection
    ? (
        await Promise.all(
          projected.map((crop) => (crop.tooTall ? tooTallCropToLineCrops(crop, detection, inkThreshold) : [crop])),
        )
      ).flat()
    : projected;
  const readings = await Promise.all(crops.map((crop) => recogniser.recogniseLine(crop.image)));
  const binary = grayToBinary(image, inkThreshold);
  return readings
    .map((reading, i) => paddleReadingToOcrLine(reading, crops[i]))
    .filter((line) => line.text.trim() !== '')
    .map((line) => lineToInkBoxes(line, binary));
}

/** Lines projection cannot separate, split by the det model: crops whose ink is taller than maxLineHeightPx. */
export type TooTallLineDetection = { detector: Pick<PaddleDetector, 'grayToLineBoxes'>; maxLineHeightPx: number };

/**
 * Tallest line ink a request's crop is read as one line with, in points (10.5pt table text's Han ink is ~10pt; a title
 * at 16pt ~15pt; two touching 10.5pt lines ~20pt): taller crops go to the det model.
 */
export const PADDLE_MAX_LINE_HEIGHT_PT = 18;
const POINTS_PER_INCH = 72;

/** The tallest line ink read as one line in an image of that resolution, in pixels (PADDLE_MAX_LINE_HEIGHT_PT). */
export function dpiToMaxLineHeightPx(dpi: number): number {
  return (dpi * PADDLE_MAX_LINE_HEIGHT_PT) / POINTS_PER_INCH;
}

/**
 * A crop taller than a line cut into the lines the det model finds in it (each with the ink inside its box); the crop
 * itself when the model finds fewer than two.
 */
async function tooTallCropToLineCrops(
  crop: CellLineCrop,
  detection: TooTallLineDetection,
  inkThreshold: number,
): Promise<CellLineCrop[]> {
  const boxes = await detection.detector.grayToLineBoxes(crop.image);
  if (boxes.length < 2) return [crop];
  const binary = grayToBinary(crop.image, inkThreshold);
  return boxes.flatMap((box) => {
    const ink = boxToInkBox(box, binary);
    if (ink === box) return [];
    const widthPx = box.x1 - box.x0;
    const gray = new Uint8Array(widthPx * (box.bottom - box.top));
    for (let y = box.top; y < box.bottom; y++)
      gray.set(
        crop.image.gray.subarray(y * crop.image.widthPx + box.x0, y * crop.image.widthPx + box.x1),
        (y - box.top) * widthPx,
      );
    return [
      {
        image: { widthPx, heightPx: box.bottom - box.top, gray },
        originX: crop.originX + box.x0,
        originY: crop.originY + box.top,
        inkBox: {
          x0: crop.originX + ink.x0,
          top: crop.originY + ink.top,
          x1: crop.originX + ink.x1,
          bottom: crop.originY + ink.bottom,
        },
        tooTall: false,
      },
    ];
  });
}
