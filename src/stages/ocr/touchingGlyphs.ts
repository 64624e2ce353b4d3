/**
 * Glyphs that touch in the scan, pulled apart. A tightly set Latin font blurred at 200 dpi joins
 * neighbours through a serif: the foot of a `1` runs into the hook of a following `J`, and the pair
 * reads as one `U` in every model and scale (eco-2023 direct writer at 200 dpi, a wrapped code's
 * final `1J`). Where an ink piece of a line is wider than one glyph and its middle narrows to a
 * thin neck (a single stroke), white columns inserted at the neck let tesseract see two glyphs.
 */
import type { OcrLine, OcrSymbol } from './pool.js';
import { type BinaryImage, type GrayImage, type PixelBox, columnInkRuns } from './raster.js';

/** A cut between touching glyphs: white is inserted before column x, in rows [top, bottom) (one text line). */
export type GlyphCut = { x: number; top: number; bottom: number };

/**
 * An ink piece at least this wide for its line's ink height may hold two glyphs (`1J` 1.09; a digit ~0.65, a W ~1.3).
 */
const PIECE_MIN_WIDTH_OVER_LINE_HEIGHT = 0.9;
/** The neck is looked for in the middle of the piece, this share of its width in from either side. */
const NECK_SEARCH_INSET_SHARE = 0.25;
/**
 * A neck: a column whose ink is one stroke at most this share of the line's ink height (a foot serif is ~0.1; a glyph's
 * stem the whole height).
 */
const NECK_MAX_INK_OVER_LINE_HEIGHT = 0.2;

/**
 * Where to pull apart the touching glyphs of each text line of a box (rows: line ranges relative to
 * box.top; the whole box as one line when absent). A piece wider than a glyph is cut at the middle of
 * its emptiest run of columns holding one thin stroke, if any; each half is looked at again.
 */
export function touchingGlyphCuts(
  binary: BinaryImage,
  ruleMask: Uint8Array,
  box: PixelBox,
  lineRows: Array<{ start: number; end: number }> = [{ start: 0, end: box.bottom - box.top }],
): GlyphCut[] {
  const isInk = (x: number, y: number) => {
    const i = y * binary.widthPx + x;
    return binary.ink[i] === 1 && ruleMask[i] === 0;
  };
  const cuts: GlyphCut[] = [];
  for (const rows of lineRows) {
    const top = box.top + rows.start;
    const bottom = box.top + rows.end;
    const pieces = columnInkRuns(box.x1 - box.x0, top, bottom, (x, y) => isInk(box.x0 + x, y)).map((piece) => ({
      ...piece,
      x0: piece.x0 + box.x0,
      x1: piece.x1 + box.x0,
    }));
    const lineHeight = Math.max(0, ...pieces.map((piece) => piece.bottom - piece.top));
    if (lineHeight === 0) continue;
    // A neck column holds one thin stroke: its ink is a single run of rows (the middle of a `0` holds two).
    const neckInk = (x: number) => {
      let count = 0;
      let runs = 0;
      for (let y = top; y < bottom; y++) {
        if (!isInk(x, y)) continue;
        count++;
        if (y === top || !isInk(x, y - 1)) runs++;
      }
      return runs === 1 && count <= NECK_MAX_INK_OVER_LINE_HEIGHT * lineHeight ? count : Infinity;
    };
    const cutPiece = (x0: number, x1: number) => {
      if (x1 - x0 < PIECE_MIN_WIDTH_OVER_LINE_HEIGHT * lineHeight) return;
      const inset = Math.floor(NECK_SEARCH_INSET_SHARE * (x1 - x0));
      const inks = Array.from({ length: Math.max(0, x1 - 2 * inset - x0) }, (_, i) => neckInk(x0 + inset + i));
      const least = Math.min(...inks);
      if (inks.length === 0 || least === Infinity) return;
      const best = x0 + inset + inks.indexOf(least);
      let last = best;
      while (last + 1 < x1 - inset && inks[last + 1 - x0 - inset] === least) last++;
      const x = Math.floor((best + last + 1) / 2);
      cuts.push({ x, top, bottom });
      cutPiece(x0, x);
      cutPiece(x, x1);
    };
    for (const piece of pieces) cutPiece(piece.x0, piece.x1);
  }
  return cuts.sort((a, b) => a.top - b.top || a.x - b.x);
}

/**
 * The image with gapPx white columns inserted before each cut's column in its rows; rows with fewer cuts end in white.
 */
export function grayWithGapsInserted(image: GrayImage, cuts: GlyphCut[], gapPx: number): GrayImage {
  const cutsInRow = (y: number) => cuts.filter((cut) => y >= cut.top && y < cut.bottom).map((cut) => cut.x);
  let most = 0;
  for (let y = 0; y < image.heightPx; y++) most = Math.max(most, cutsInRow(y).length);
  const widthPx = image.widthPx + most * gapPx;
  const gray = new Uint8Array(widthPx * image.heightPx).fill(255);
  for (let y = 0; y < image.heightPx; y++) {
    const xs = cutsInRow(y).sort((a, b) => a - b);
    let from = 0;
    let to = 0;
    for (const x of [...xs, image.widthPx]) {
      gray.set(image.gray.subarray(y * image.widthPx + from, y * image.widthPx + x), y * widthPx + to);
      to += x - from + gapPx;
      from = x;
    }
  }
  return { widthPx, heightPx: image.heightPx, gray };
}

/**
 * An x of the image with gaps inserted, back in the image without them: the gaps before it (in the rows of the box's
 * vertical centre) taken off.
 */
function xWithoutGaps(x: number, centreY: number, cuts: GlyphCut[], gapPx: number): number {
  let shift = 0;
  for (const cut of cuts.filter((c) => centreY >= c.top && centreY < c.bottom).sort((a, b) => a.x - b.x)) {
    if (x < cut.x + shift + gapPx) return x < cut.x + shift ? x - shift : cut.x;
    shift += gapPx;
  }
  return x - shift;
}

/**
 * Lines read from an image with gaps inserted (all in the same coordinates as the cuts), their boxes in the image
 * without them.
 */
export function linesWithoutGaps(lines: OcrLine[], cuts: GlyphCut[], gapPx: number): OcrLine[] {
  const box = <T extends OcrSymbol>(item: T): T => {
    const centreY = (item.top + item.bottom) / 2;
    return {
      ...item,
      x0: xWithoutGaps(item.x0, centreY, cuts, gapPx),
      x1: xWithoutGaps(item.x1, centreY, cuts, gapPx),
    };
  };
  return lines.map((line) => ({
    ...box(line),
    words: line.words.map((word) => ({ ...box(word), symbols: word.symbols.map(box) })),
  }));
}
