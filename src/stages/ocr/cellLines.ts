/**
 * Multi-line cells read as one line. chi_sim's block layout (PSM 6) on a small cell of two tightly
 * set lines sometimes collapses the whole cell into one wrong glyph (a cell `…平台知名` / `度`
 * read as `本`, at either scale), and wrapped project codes lose their second line; the LSTM reads
 * a single line far more reliably. So a cell's text lines are found from its ink profile, laid
 * side by side in one strip, read as one line (PSM 7), and the symbols are given back to their
 * lines in the coordinates of the cell's own crop, as if the cell had been read as a block.
 */
import type { OcrLine, OcrSymbol, OcrWord } from './pool.js';

export type RowRange = { start: number; end: number };
/**
 * A text line's rows: the range cut for its crop, and the band of its ink inside it. A line of punctuation alone (a
 * lone `。` wrapped under a line) also gives textStart, the row its line's glyphs would start at (its ink's end less
 * the height of the cell's tallest line): PP-OCR reads a ring cut without the rows above it as `o` (blurred, as `0` or
 * `6`), and as `。` when it sits at the bottom left of a glyph's square a line high.
 */
export type LineRows = RowRange & { inkStart: number; inkEnd: number; textStart?: number };

/**
 * A row holding at most this share of the fullest row's ink is white between two text lines: at
 * 200 dpi, blur joins tightly set lines (a descender touching the next line's top), so a line
 * boundary is a valley of the profile, not always an empty row.
 */
const BAND_VALLEY_MAX_SHARE = 0.04;
/** Two bands whose rows together span at most this share of the tallest band are one text line. */
const BAND_MERGE_MAX_LINE_SHARE = 1.2;
/** A band lower than this share of the tallest band is a speck or a stroke end (a dot of 度), not a line. */
const BAND_MIN_HEIGHT_SHARE = 0.3;
/**
 * A lone `。` wrapped onto a cell's last line is a band of a fifth of a line (its ring sits low in the line's box),
 * lower than BAND_MIN_HEIGHT_SHARE: a band at least this share of the tallest band tall may still be a line of its
 * own when it is set apart (PUNCTUATION_LINE_MIN_GAP_SHARE). Lower ones (a speck, a rule's remnant) never are.
 */
const PUNCTUATION_LINE_MIN_HEIGHT_SHARE = 0.15;
/**
 * A low band under a line, set apart from it by at least this share of the tallest band of rows below the valley
 * threshold (and as far from any band under it), is a line of punctuation: a stroke end or a dot belonging to a line
 * is a valley or two away from it (a line's ascent above a `。` and the gap between lines are more than this).
 */
const PUNCTUATION_LINE_MIN_GAP_SHARE = 0.4;

/** Ink bands (text lines) of a row profile, as row ranges [start, end) of the profile. */
export function profileToBands(profile: ArrayLike<number>): RowRange[] {
  return profileToLineBands(profile).map(({ start, end }) => ({ start, end }));
}

/** A band of profileToBands, marked when it is a line of punctuation alone. */
type LineBand = RowRange & { punctuationOnly: boolean };

/** The bands of profileToBands, those of lines of punctuation alone marked. */
function profileToLineBands(profile: ArrayLike<number>): LineBand[] {
  let fullest = 0;
  for (let i = 0; i < profile.length; i++) fullest = Math.max(fullest, profile[i]);
  if (fullest === 0) return [];
  const valley = Math.floor(BAND_VALLEY_MAX_SHARE * fullest);
  const bands: RowRange[] = [];
  let start = -1;
  for (let i = 0; i <= profile.length; i++) {
    const ink = i < profile.length && profile[i] > valley;
    if (ink && start < 0) start = i;
    if (!ink && start >= 0) {
      bands.push({ start, end: i });
      start = -1;
    }
  }
  const tallest = Math.max(...bands.map((band) => band.end - band.start));
  const found = faintLinesAsBands(profile, bands, tallest);
  // A lone glyph's line (`度`, `务`) holds so little ink beside a full line that it has valleys of its
  // own: neighbours that together are no taller than a line are one line.
  const merged: RowRange[] = [];
  for (const band of found) {
    const last = merged[merged.length - 1];
    if (last && band.end - last.start <= BAND_MERGE_MAX_LINE_SHARE * tallest) last.end = band.end;
    else merged.push({ ...band });
  }
  return merged.flatMap((band, i): LineBand[] =>
    band.end - band.start >= BAND_MIN_HEIGHT_SHARE * tallest
      ? [{ ...band, punctuationOnly: false }]
      : isPunctuationLine(merged, i, tallest)
        ? [{ ...band, punctuationOnly: true }]
        : [],
  );
}

/**
 * A band too low for a line that is one all the same: a lone `。` (or `、`) wrapped onto a line of its own, under a
 * line and set apart from it and from any band under it by more than the gap a stroke end or a speck leaves.
 */
function isPunctuationLine(bands: RowRange[], i: number, tallest: number): boolean {
  const band = bands[i];
  const above = bands[i - 1];
  const below = bands[i + 1];
  const minGap = PUNCTUATION_LINE_MIN_GAP_SHARE * tallest;
  return (
    above !== undefined &&
    above.end - above.start >= BAND_MIN_HEIGHT_SHARE * tallest &&
    band.end - band.start >= PUNCTUATION_LINE_MIN_HEIGHT_SHARE * tallest &&
    band.start - above.end >= minGap &&
    (below === undefined || below.start - band.end >= minGap)
  );
}

/**
 * A short line of thin strokes under a full line (`…生活方⏎式。`, a lone `。`) holds so little ink per row that only a
 * few of its rows rise above the valley threshold: pieces lower than a line, merged into the line above or dropped as
 * specks, so the line's crop took both lines and the recogniser read one. Rows of ink set apart by empty rows on
 * both sides, at least a line's minimum height, whose bands are all such pieces, are one band instead.
 */
function faintLinesAsBands(profile: ArrayLike<number>, bands: RowRange[], tallest: number): RowRange[] {
  const isPiece = (band: RowRange) => band.end - band.start < BAND_MIN_HEIGHT_SHARE * tallest;
  const out: RowRange[] = [];
  let next = 0;
  let start = -1;
  for (let i = 0; i <= profile.length; i++) {
    const ink = i < profile.length && profile[i] > 0;
    if (ink && start < 0) start = i;
    if (ink || start < 0) continue;
    const block = { start, end: i };
    start = -1;
    const inside: RowRange[] = [];
    while (next < bands.length && bands[next].start < block.end) inside.push(bands[next++]);
    const faint =
      inside.length > 0 && inside.every(isPiece) && block.end - block.start >= BAND_MIN_HEIGHT_SHARE * tallest;
    // A lone `。` under a line may have no row above the valley threshold at all: its rows, set apart from the line
    // above, are a band for the filter of punctuation lines to judge.
    const previous = out[out.length - 1];
    const apart =
      inside.length === 0 &&
      previous !== undefined &&
      block.start - previous.end >= PUNCTUATION_LINE_MIN_GAP_SHARE * tallest &&
      block.end - block.start >= PUNCTUATION_LINE_MIN_HEIGHT_SHARE * tallest;
    out.push(...(faint || apart ? [block] : inside));
  }
  return out;
}

/**
 * The rows of each text line of a cell: its bands, cut between neighbours at the emptiest row, the
 * first reaching up to row 0 and the last down to the end, so that no ink (a speck dropped as a band,
 * a stroke end in a valley) is lost to a line.
 */
export function profileToLineRanges(profile: ArrayLike<number>): LineRows[] {
  const bands = profileToLineBands(profile);
  if (bands.length === 0) return [];
  const tallest = Math.max(...bands.map((band) => band.end - band.start));
  const cuts: number[] = [];
  for (let i = 1; i < bands.length; i++) {
    let best = bands[i - 1].end;
    for (let row = bands[i - 1].end; row < bands[i].start; row++) if (profile[row] < profile[best]) best = row;
    // Equal emptiest rows: cut in the middle of the run of them.
    let last = best;
    while (last + 1 < bands[i].start && profile[last + 1] === profile[best]) last++;
    cuts.push(Math.floor((best + last + 1) / 2));
  }
  const bounds = [0, ...cuts, profile.length];
  return bands.map((band, i) => ({
    start: bounds[i],
    end: bounds[i + 1],
    inkStart: band.start,
    inkEnd: band.end,
    ...(band.punctuationOnly ? { textStart: Math.max(0, band.end - tallest) } : {}),
  }));
}

/** Pixels from x to a span [x0, x1) of a strip (0 inside it). */
const distanceToSpan = (x: number, span: { x0: number; x1: number }) =>
  x < span.x0 ? span.x0 - x : x >= span.x1 ? x - span.x1 + 1 : 0;

/** The strip span nearest to x (the first of equals) and how far x lies outside it; index -1 when there are none. */
export function nearestSpan(
  x: number,
  spans: ReadonlyArray<{ x0: number; x1: number }>,
): { index: number; distance: number } {
  let index = -1;
  let distance = Infinity;
  spans.forEach((span, i) => {
    const d = distanceToSpan(x, span);
    if (d < distance) [index, distance] = [i, d];
  });
  return { index, distance };
}

/**
 * Where one line's crop sits in the strip (x range, top), how far below the cell crop's top its crop
 * starts, and the rows of its ink band in the cell crop: a symbol centred outside them is a stroke
 * end of the neighbouring line cut into this crop (read as `”` or `。` at the seams).
 */
export type StripPlacement = {
  x0: number;
  x1: number;
  top: number;
  cellOffsetY: number;
  inkTop: number;
  inkBottom: number;
};

const shift = <T extends OcrSymbol>(box: T, dx: number, dy: number): T => ({
  ...box,
  x0: box.x0 + dx,
  x1: box.x1 + dx,
  top: box.top + dy,
  bottom: box.bottom + dy,
});

function unionBox(boxes: OcrSymbol[]): Pick<OcrSymbol, 'x0' | 'top' | 'x1' | 'bottom'> {
  return {
    x0: Math.min(...boxes.map((box) => box.x0)),
    top: Math.min(...boxes.map((box) => box.top)),
    x1: Math.max(...boxes.map((box) => box.x1)),
    bottom: Math.max(...boxes.map((box) => box.bottom)),
  };
}

/**
 * A strip's single-line reading given back as one OcrLine per placed crop, in the cell crop's
 * coordinates: each symbol goes to the crop whose x range is nearest its centre; a word spanning two
 * crops is split between them. Crops nothing was read in give no line.
 */
export function stripReadingToCellLines(reading: OcrLine[], placements: StripPlacement[]): OcrLine[] {
  const nearest = (symbol: OcrSymbol) => nearestSpan((symbol.x0 + symbol.x1) / 2, placements).index;
  const wordsByLine: OcrWord[][] = placements.map(() => []);
  for (const line of reading) {
    for (const word of line.words) {
      const symbols = word.symbols.length > 0 ? word.symbols : [word];
      const parts = new Map<number, OcrSymbol[]>();
      for (const symbol of symbols) {
        const at = nearest(symbol);
        const place = placements[at];
        const moved = shift(symbol, -place.x0, place.cellOffsetY - place.top);
        const centreY = (moved.top + moved.bottom) / 2;
        if (centreY < place.inkTop || centreY > place.inkBottom) continue;
        parts.set(at, [...(parts.get(at) ?? []), moved]);
      }
      for (const [at, moved] of parts) {
        const text = moved.map((symbol) => symbol.text).join('');
        if (text.trim() === '') continue;
        wordsByLine[at].push({
          text,
          confidence: word.confidence,
          ...unionBox(moved),
          symbols: word.symbols.length > 0 ? moved : [],
        });
      }
    }
  }
  return wordsByLine.flatMap((words) =>
    words.length === 0
      ? []
      : [
          {
            text: words.map((word) => word.text).join(' '),
            confidence: Math.min(...words.map((word) => word.confidence)),
            ...unionBox(words),
            words,
            ...(reading[0]?.engine === undefined ? {} : { engine: reading[0].engine }),
          },
        ],
  );
}
