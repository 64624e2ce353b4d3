/**
 * Strips: crops laid side by side in one image and read together. The short line pieces of a page
 * (page numbers of the contents, a spaced heading's characters) are read in one strip, as chi_sim
 * reads such a piece alone poorly; a multi-line cell whose block reading collapsed is read as one
 * strip of its lines (cellLines.ts).
 */
import type { OcrDecision, TextRun } from '../../model/index.js';
import {
  type CellCrop,
  type PageRaster,
  cellCropToImage,
  linesToRuns,
  linesWithoutBlankSymbols,
  ocrTextToRunText,
  pixelBoxToPt,
} from './cellCrops.js';
import { nearestSpan, stripReadingToCellLines, type LineRows } from './cellLines.js';
import type { OcrLine, OcrPool, RecogniseRequest } from './pool.js';
import type { GrayImage, PixelBox } from './raster.js';
import { DIGIT_CHARACTERS, readingConfidence, readingText } from './rereadPolicy.js';

/**
 * A line piece at most this many times as wide as it is tall is short: a page number of the contents,
 * a spaced heading's character. chi_sim reads such a piece alone poorly (seed scans: serif `1` → 于/下,
 * `7` → 革, `19` → 芍; PSM 10 forced `11` into one character) but well among others: read together.
 */
const SHORT_PIECE_MAX_ASPECT = 2.2;
/**
 * White between the crops of a strip, in crop paddings (on top of each crop's own): a wide gap keeps the pieces apart.
 */
const STRIP_GAP_PADDINGS = 2;
/** Short pieces are read in one strip when a page has at least this many. */
export const STRIP_MIN_PIECES = 2;

export const isShortPiece = (box: PixelBox) => box.x1 - box.x0 <= SHORT_PIECE_MAX_ASPECT * (box.bottom - box.top);

/** Crops laid side by side (centred vertically, white between): one image, and each crop's x range and top in it. */
export function cropsToStrip(
  crops: GrayImage[],
  gapPx: number,
): { strip: GrayImage; spans: Array<{ x0: number; x1: number; top: number }> } {
  const heightPx = Math.max(...crops.map((crop) => crop.heightPx));
  const widthPx = crops.reduce((sum, crop) => sum + crop.widthPx, 0) + gapPx * (crops.length - 1);
  const gray = new Uint8Array(widthPx * heightPx).fill(255);
  const spans: Array<{ x0: number; x1: number; top: number }> = [];
  let x = 0;
  for (const crop of crops) {
    const top = Math.floor((heightPx - crop.heightPx) / 2);
    for (let y = 0; y < crop.heightPx; y++)
      gray.set(crop.gray.subarray(y * crop.widthPx, (y + 1) * crop.widthPx), (y + top) * widthPx + x);
    spans.push({ x0: x, x1: x + crop.widthPx, top });
    x += crop.widthPx + gapPx;
  }
  return { strip: { widthPx, heightPx, gray }, spans };
}

/**
 * A strip symbol centred further than this many symbol widths outside every piece's ink is dropped (0: its centre must
 * lie on a piece; seed contents read a `4` over the white before `11`).
 */
const STRIP_SYMBOL_MAX_OUTSIDE_WIDTHS = 0;

/**
 * The symbols of a strip's reading given back to the piece (ink x range in the strip) holding each symbol's centre: one
 * text and confidence per crop.
 */
export function stripLinesToPieces(
  lines: OcrLine[],
  spans: Array<{ x0: number; x1: number }>,
): Array<{ text: string; confidence: number } | null> {
  const pieces: Array<{ text: string; confidence: number } | null> = spans.map(() => null);
  const symbols = lines
    .flatMap((line) => line.words.flatMap((word) => word.symbols))
    .filter((symbol) => symbol.text.trim() !== '');
  // The last symbol of a word may come back with a box reaching the end of the strip (`0@554-1607`): its width is taken
  // as the median.
  const widths = symbols.map((symbol) => symbol.x1 - symbol.x0).sort((a, b) => a - b);
  const medianWidth = widths[Math.floor(widths.length / 2)] ?? 0;
  for (const line of lines) {
    for (const word of line.words) {
      for (const symbol of word.symbols) {
        if (symbol.text.trim() === '') continue;
        const centre = symbol.x0 + Math.min(symbol.x1 - symbol.x0, medianWidth) / 2;
        const { index: at, distance } = nearestSpan(centre, spans);
        // A symbol centred in the white between pieces is read into blank paper (a `4` before `10`).
        if (at < 0 || distance > medianWidth * STRIP_SYMBOL_MAX_OUTSIDE_WIDTHS) continue;
        const piece = pieces[at];
        pieces[at] = piece
          ? { text: piece.text + symbol.text, confidence: Math.min(piece.confidence, symbol.confidence) }
          : { text: symbol.text, confidence: symbol.confidence };
      }
    }
  }
  return pieces;
}

/** A short piece's reading of Latin letters (and digits), at least one letter: `s`, `lz`, `l4`. */
const LATIN_SHORT_PIECE = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,3}$/;

/** Short line pieces of a page read together in one strip; a piece the strip leaves empty is read alone. */
export async function shortPiecesToRuns(page: PageRaster, boxes: PixelBox[], pool: OcrPool): Promise<TextRun[]> {
  const { paddingPx, scale, frame, dpi } = page;
  const pieceCrops: CellCrop[] = boxes.map((box) => ({ ...page, box }));
  const crops = pieceCrops.map(cellCropToImage);
  const { strip, spans } = cropsToStrip(crops, STRIP_GAP_PADDINGS * paddingPx);
  const reading = linesWithoutBlankSymbols(
    await pool.recognise({ image: strip, pageSegMode: '7', dpi: dpi * scale, region: 'line' }),
    strip,
    page.inkThreshold,
  );
  const inkPx = paddingPx * scale;
  const pieces = stripLinesToPieces(
    reading,
    spans.map((span) => ({ x0: span.x0 + inkPx, x1: span.x1 - inkPx })),
  );
  const runs: TextRun[] = [];
  for (const [i, box] of boxes.entries()) {
    let piece = pieces[i];
    let engine = reading.find((line) => line.engine !== undefined)?.engine;
    let decision: OcrDecision = 'read';
    // A short piece read as Latin letters in a Chinese document is a number misread (contents page
    // numbers at 200 dpi: 5 → s, 12 → lz): read again as digits, kept only when that gives digits.
    if (piece && LATIN_SHORT_PIECE.test(piece.text.trim())) {
      const digits = await pool.recognise({
        image: crops[i],
        pageSegMode: '7',
        dpi: dpi * scale,
        charWhitelist: DIGIT_CHARACTERS,
      });
      if (/^\d+$/.test(readingText(digits))) {
        piece = { text: readingText(digits), confidence: readingConfidence(digits) };
        engine = digits.find((line) => line.engine !== undefined)?.engine;
        decision = 'reread:alphabet';
      }
    }
    if (piece === null) {
      const alone = await pool.recognise({ image: crops[i], pageSegMode: '7', dpi: dpi * scale });
      runs.push(...linesToRuns(alone, pieceCrops[i]).map((run) => ({ ...run, decision })));
      continue;
    }
    const text = ocrTextToRunText(piece.text);
    if (!text) continue;
    runs.push({
      ...pixelBoxToPt(box, frame),
      text,
      fontSizePt: ((box.bottom - box.top) * 72) / dpi,
      confidence: piece.confidence,
      ...(engine === undefined ? {} : { engine }),
      decision,
    });
  }
  return runs;
}

/** Gap between the line crops of a cell's strip, in crop paddings (each crop brings its own padding too). */
const CELL_STRIP_GAP_PADDINGS = 1;

/** A multi-line cell read as one strip of its lines (see cellLines.ts): lines in the cell crop's coordinates. */
export async function cellLinesToStripReading(
  crop: CellCrop & { lineRanges: LineRows[] },
  pool: OcrPool,
  restrict: Pick<RecogniseRequest, 'charWhitelist' | 'language'> = {},
): Promise<OcrLine[]> {
  const { box, lineRanges, paddingPx, scale, dpi } = crop;
  const crops = lineRanges.map((range) =>
    cellCropToImage({ ...crop, box: { ...box, top: box.top + range.start, bottom: box.top + range.end } }),
  );
  const { strip, spans } = cropsToStrip(crops, Math.round(CELL_STRIP_GAP_PADDINGS * paddingPx * scale));
  // tesseract reads the white between the lines as `”` or `。`: symbols over blank paper are dropped.
  const reading = linesWithoutBlankSymbols(
    await pool.recognise({ image: strip, pageSegMode: '7', dpi: dpi * scale, ...restrict }),
    strip,
    crop.inkThreshold,
  );
  const placements = spans.map((span, i) => ({
    ...span,
    cellOffsetY: Math.round(lineRanges[i].start * scale),
    inkTop: (lineRanges[i].inkStart + paddingPx) * scale,
    inkBottom: (lineRanges[i].inkEnd + paddingPx) * scale,
  }));
  return stripReadingToCellLines(reading, placements);
}
