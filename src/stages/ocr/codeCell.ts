/**
 * Project code cells: a cell that read as a code is read again with the code alphabet, by each
 * reader in turn, until a reading passes the check character (codeCellReading); the readers of one
 * cell are built by cellCropToCodeReads.
 */
import { type CellCrop, cellCropToImage, linesScaled } from './cellCrops.js';
import type { OcrLine, OcrPool, RecogniseRequest } from './pool.js';
import { grayToScaled, type GrayImage } from './raster.js';
import { codePassesCheck, isWholeCodeReading } from '../../vocabulary/projectCode.js';
import { CODE_CHARACTERS, readingText } from './rereadPolicy.js';
import { cellLinesToStripReading } from './strips.js';
import { grayWithGapsInserted, linesWithoutGaps, touchingGlyphCuts } from './touchingGlyphs.js';

/** The model and alphabet of a restricted re-reading. */
export type Restriction = Pick<RecogniseRequest, 'charWhitelist' | 'language'>;
/** Reads a cell another way with a restriction; lines in the coordinates of the cell's ordinary crop image. */
export type RestrictedReader = (restrict: Restriction) => Promise<OcrLine[]>;

/** The ways a code cell can be read again. */
export type CodeCellReads = {
  /** The cell's ordinary request (its crop image, upscaled by `scale`). */
  request: RecogniseRequest;
  /** The same crop at the scan's own resolution, for crops upscaled from 200 dpi; null when not upscaled. */
  native: RecogniseRequest | null;
  /** Factor the ordinary crop is upscaled by: native readings are scaled back by it. */
  scale: number;
  pool: OcrPool;
  /** The cell's lines side by side in one strip (multi-line cells), or null. */
  stripOfLines?: RestrictedReader | null;
  /** The crop with its touching glyphs pulled apart, or null when no glyphs touch. */
  glyphsApart?: RestrictedReader | null;
};

/**
 * A cell that read as a project code, read again with the code alphabet until a reading passes the
 * check character: eng, the first reading itself, chi_sim (each misses glyphs the others read: eng
 * dropped the `1` of a wrapped `1N`, chi_sim read `1H` as `1]`, `1W` as `1 下`), the cell's lines
 * side by side in one strip (a short wrapped line such as `1W` is read poorly in a block), then,
 * for crops upscaled from 200 dpi, eng and chi_sim at the scan's own resolution (upscaled wrapped
 * codes lost their last characters), and last eng and chi_sim on the crop with touching glyphs pulled
 * apart (a wrapped `1J` whose foot and hook touch reads as `U` otherwise: touchingGlyphs.ts). When
 * none passes (a code printed with a wrong check character passes in no reading): the first reading,
 * in that order, that is a whole code once confusables are mapped (a serif J read as `]`; eco-2023's
 * planted failing `…1J` read whole only with its glyphs apart), else eng's; the repair stage maps
 * confusables and reports the failing check.
 */
export async function codeCellReading(first: OcrLine[], reads: CodeCellReads): Promise<OcrLine[]> {
  const { request, native, scale, pool, stripOfLines = null, glyphsApart = null } = reads;
  const restricted = { charWhitelist: CODE_CHARACTERS };
  const attempts: Array<() => Promise<OcrLine[]>> = [
    () => pool.recognise({ ...request, ...restricted, language: 'eng' }),
    async () => first,
    () => pool.recognise({ ...request, ...restricted }),
    ...(stripOfLines === null ? [] : [() => stripOfLines({ ...restricted, language: 'eng' })]),
    ...(native === null
      ? []
      : (['eng', 'chi_sim'] as const).map(
          (language) => async () => linesScaled(await pool.recognise({ ...native, ...restricted, language }), scale),
        )),
    ...(glyphsApart === null
      ? []
      : (['eng', 'chi_sim'] as const).map((language) => () => glyphsApart({ ...restricted, language }))),
  ];
  const readings: OcrLine[][] = [];
  for (const attempt of attempts) {
    const reading = await attempt();
    if (codePassesCheck(readingText(reading))) return reading;
    readings.push(reading);
  }
  const whole = readings.find((reading) => isWholeCodeReading(readingText(reading)));
  if (whole !== undefined) return whole;
  return readings[0] === undefined || readingText(readings[0]) === '' ? first : readings[0];
}

/** The ways a cell's crop can be read again as a code: `request` is the cell's ordinary request. */
export function cellCropToCodeReads(crop: CellCrop, request: RecogniseRequest, pool: OcrPool): CodeCellReads {
  const { lineRanges } = crop;
  return {
    request,
    native: crop.scale === 1 ? null : { ...request, image: cellCropToImage({ ...crop, scale: 1 }), dpi: crop.dpi },
    scale: crop.scale,
    pool,
    stripOfLines: lineRanges ? (restrict) => cellLinesToStripReading({ ...crop, lineRanges }, pool, restrict) : null,
    glyphsApart: glyphsApartReader(crop, request, pool),
  };
}

/** White inserted between touching glyphs, in points (6 px at 200 dpi). */
const TOUCHING_GLYPH_GAP_PT = 2;

/**
 * A reader of the cell's crop with its touching glyphs pulled apart (touchingGlyphs.ts), lines in
 * the coordinates of the ordinary crop; null when no glyphs touch.
 */
function glyphsApartReader(crop: CellCrop, request: RecogniseRequest, pool: OcrPool): RestrictedReader | null {
  const { box, paddingPx, scale } = crop;
  const cuts = touchingGlyphCuts(crop.binary, crop.ruleMask, box, crop.lineRanges).map((cut) => ({
    x: cut.x - box.x0 + paddingPx,
    top: cut.top - box.top + paddingPx,
    bottom: cut.bottom - box.top + paddingPx,
  }));
  if (cuts.length === 0) return null;
  const gapPx = Math.max(1, Math.round((TOUCHING_GLYPH_GAP_PT * crop.dpi) / 72));
  let image: GrayImage | null = null;
  return async (restrict) => {
    if (image === null) {
      const apart = grayWithGapsInserted(cellCropToImage({ ...crop, scale: 1 }), cuts, gapPx);
      image = scale === 1 ? apart : grayToScaled(apart, scale);
    }
    return linesScaled(
      linesWithoutGaps(linesScaled(await pool.recognise({ ...request, image, ...restrict }), 1 / scale), cuts, gapPx),
      scale,
    );
  };
}
