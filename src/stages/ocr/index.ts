/**
 * OCR: a placed page image → PageText with source 'ocr'. Binarise, deskew, find the table rules,
 * recognise cell by cell with the rules erased (whole-page recognition of ruled tables misreads a
 * quarter of the Han characters, docs/design.md §4), text outside tables line by line. Runs and rulings
 * come back in page points so the same layout stage builds the tables.
 *
 * This file is the orchestration: page image → cells and line pieces → crops (cellCrops.ts) →
 * first reading → re-readings (decided by rereadPolicy.ts; codes in codeCell.ts, short pieces and
 * collapsed cells in strips.ts, comparators in comparatorLine.ts) → runs. Every reading the stage gets
 * from the pool is first put in the forms the page prints (linesWithPrintedForms), so that no rule
 * depends on which engine read.
 */
import type { OcrDecision, OcrReader, OrientationVote, PageText, TextRun } from '../../model/index.js';
import {
  type CellCrop,
  cellCropToImage,
  cellCropToInkCount,
  cellCropToInkRowProfile,
  deskewedToPageRaster,
  emptyRowBandCount,
  linesToRuns,
  linesWithPrintedForms,
  linesWithoutBlankSymbols,
  pixelRulesToRulings,
} from './cellCrops.js';
import { profileToLineRanges } from './cellLines.js';
import { cellCropToCodeReads, codeCellReading } from './codeCell.js';
import { comparatorLineJoined, withComparatorFromImage } from './comparatorLine.js';
import type { PlacedImage } from './pageImage.js';
import type { OcrLine, OcrPool, PageSegMode } from './pool.js';
import {
  pageRasterToOrientationLines,
  type TextOrientationClassifier,
  turnedProbabilitiesToVote,
} from './orientation.js';
import {
  binaryToSkewDeg,
  type GrayImage,
  grayToBinary,
  grayToDeskewed,
  grayToTurned180,
  otsuThreshold,
} from './raster.js';
import {
  betterReading,
  CODE_CHARACTERS,
  DIGIT_CHARACTERS,
  isCollapsedReading,
  NUMBER_CHARACTERS,
  numberRereadPattern,
  readingText,
  rereadWhitelist,
  thinStrokesToOnes,
} from './rereadPolicy.js';
import { binaryToRules, binaryToTextLineBoxes, ruleOptionsForDpi, rulesToCellBoxes } from './rules.js';
import { cellLinesToStripReading, isShortPiece, shortPiecesToRuns, STRIP_MIN_PIECES } from './strips.js';

/** Pixels trimmed inside a cell's box, in points: the blurred fringe of its rules. */
const CELL_INSET_PT = 0.5;
/** A cell with fewer ink pixels than this share of its area is empty (JPEG speckle). */
const CELL_MIN_INK_SHARE = 0.002;
/**
 * A line piece no wider than this many times its height is one character (`目` of a spaced `目 录`): PSM 10, as PSM 7
 * returned nothing.
 */
const SINGLE_CHARACTER_MAX_ASPECT = 1.3;

/** One crop to read: a table cell, or a piece of a text line outside the tables. */
type CropJob = { crop: CellCrop; mode: PageSegMode; isLine: boolean };

/**
 * The runs of one cell or line piece: its first reading, then the re-readings rereadPolicy.ts asks
 * for (a collapsed multi-line cell as a strip of its lines, codes until the check passes, numbers
 * and page numbers with their alphabet, misread shares and amounts with eng, lone `1`s from the
 * image, comparators from the image).
 */
async function cropJobToRuns({ crop, mode, isLine }: CropJob, pool: OcrPool): Promise<TextRun[]> {
  const { lineRanges, inkThreshold, scale, dpi } = crop;
  const image = cellCropToImage(crop);
  const request = {
    image,
    pageSegMode: mode,
    dpi: dpi * scale,
    region: isLine ? ('line' as const) : ('cell' as const),
  };
  let first = await pool.recognise(request);
  let decision: OcrDecision = 'read';
  // A multi-line cell whose block reading collapsed is read again as one strip of its lines.
  if (lineRanges && isCollapsedReading(first, crop, lineRanges)) {
    const strip = await cellLinesToStripReading({ ...crop, lineRanges }, pool);
    if (readingText(strip).length > readingText(first).length) [first, decision] = [strip, 'reread:strip'];
  }
  if (isLine) first = linesWithoutBlankSymbols(first, image, inkThreshold);
  const whitelist = rereadWhitelist(first, isLine);
  let lines = first;
  if (whitelist === CODE_CHARACTERS) {
    lines = await codeCellReading(first, cellCropToCodeReads(crop, request, pool));
    if (lines !== first) decision = 'reread:code';
  } else if (whitelist !== null) {
    const reread = await pool.recognise({ ...request, charWhitelist: whitelist, language: 'eng' });
    lines = betterReading(first, reread, isLine);
    decision = alphabetRereadDecision(first, reread, lines, decision);
  }
  // Misread shares and amounts are read again by eng with the number alphabet (numberRereadPattern).
  const latinPattern = isLine || whitelist !== null ? null : numberRereadPattern(first, image, crop);
  if (latinPattern !== null) {
    const latin = await pool.recognise({ ...request, charWhitelist: NUMBER_CHARACTERS, language: 'eng' });
    if (latinPattern.test(readingText(latin))) [lines, decision] = [latin, 'reread:number'];
  }
  if (isLine && whitelist === DIGIT_CHARACTERS && !/^\d+$/.test(readingText(lines))) {
    const ones = thinStrokesToOnes(crop);
    if (ones !== null) {
      decision = 'reread:thin_strokes';
      lines = lines.map((line, i) =>
        i === 0
          ? { ...line, text: ones, words: [{ ...line, text: ones, symbols: [] }] }
          : { ...line, text: '', words: [] },
      );
    }
  }
  if (!isLine) {
    const withComparator = withComparatorFromImage(comparatorLineJoined(lines) ?? lines, crop);
    if (readingText(withComparator) !== readingText(lines)) decision = 'reread:comparator';
    lines = withComparator;
  }
  return linesToRuns(lines, crop).map((run) => ({ ...run, decision }));
}

/**
 * The decision of an alphabet re-read (rereadWhitelist): when the first reading is PP-OCR's and the re-reading
 * tesseract's, two engines were compared (`engines_agree` on the same text, else `engine_vote`); otherwise the
 * re-reading replaced the first one (`reread:alphabet`) or not.
 */
export function alphabetRereadDecision(
  first: OcrLine[],
  reread: OcrLine[],
  kept: OcrLine[],
  before: OcrDecision,
): OcrDecision {
  const firstEngine = readingEngine(first);
  const rereadEngine = readingEngine(reread);
  if (readingText(reread) !== '' && firstEngine && rereadEngine && firstEngine !== rereadEngine)
    return readingText(reread) === readingText(first) ? 'engines_agree' : 'engine_vote';
  return kept === reread ? 'reread:alphabet' : before;
}

/** The recogniser of a reading (the pool tags its lines); undefined for a reading with no tagged line. */
export function readingEngine(lines: OcrLine[]): OcrReader | undefined {
  return lines.find((line) => line.engine !== undefined)?.engine;
}

/** The engine's pool with every reading in the forms the page prints (linesWithPrintedForms). */
const poolWithPrintedForms = (pool: OcrPool): OcrPool => ({
  workerCount: pool.workerCount,
  recognise: async (request) => linesWithPrintedForms(await pool.recognise(request)),
});

export type OcrPageReport = {
  skewDeg: number;
  cellCount: number;
  lineCount: number;
  recogniseCalls: number;
  seconds: number;
  /** The text-orientation vote, when a classifier was given; and the seconds it took (sampling and classifying). */
  orientation?: OrientationVote;
  orientationSeconds: number;
};

/** Rules, cells, text lines and the crop raster of a deskewed page image. */
function deskewedToLayout(gray: GrayImage, threshold: number, placed: PlacedImage) {
  const { dpi } = placed;
  const binary = grayToBinary(gray, threshold);
  const { rules, ruleMask } = binaryToRules(binary, ruleOptionsForDpi(dpi));
  const cells = rulesToCellBoxes(rules, binary.widthPx, binary.heightPx, dpi);
  const lineBoxes = binaryToTextLineBoxes(binary, ruleMask, cells, dpi);
  const raster = deskewedToPageRaster({ gray, binary, ruleMask, inkThreshold: threshold }, placed);
  return { rules, cells, lineBoxes, raster };
}

/** OCR of one page image into the PageText the layout stage reads. */
export async function placedImageToPageText(
  placed: PlacedImage,
  page: { pageNumber: number; widthPt: number; heightPt: number },
  enginePool: OcrPool,
  orientationClassifier?: TextOrientationClassifier,
): Promise<{ pageText: PageText; report: OcrPageReport }> {
  let orientationSeconds = 0;
  const pool = poolWithPrintedForms(enginePool);
  const started = performance.now();
  const { dpi } = placed;
  const threshold = otsuThreshold(placed.image);
  const skewDeg = binaryToSkewDeg(grayToBinary(placed.image, threshold));
  const deskewed = grayToDeskewed(placed.image, skewDeg);
  let layout = deskewedToLayout(deskewed, threshold, placed);
  let orientation: OrientationVote | undefined;
  if (orientationClassifier) {
    const orientationStarted = performance.now();
    const lines = pageRasterToOrientationLines(layout.raster, layout.cells, layout.lineBoxes);
    orientation = turnedProbabilitiesToVote(await orientationClassifier.linesToTurnedProbabilities(lines));
    // Turning about the centre commutes with the deskew: the deskewed page is turned, its rules found again.
    if (orientation.turnedDeg === 180) layout = deskewedToLayout(grayToTurned180(deskewed), threshold, placed);
    orientationSeconds = (performance.now() - orientationStarted) / 1000;
  }
  const { rules, cells, lineBoxes, raster } = layout;
  const insetPx = Math.max(1, Math.round((CELL_INSET_PT * dpi) / 72));

  const jobs: CropJob[] = [];
  for (const cell of cells) {
    const crop: CellCrop = {
      ...raster,
      box: { x0: cell.x0 + insetPx, top: cell.top + insetPx, x1: cell.x1 - insetPx, bottom: cell.bottom - insetPx },
    };
    const { box } = crop;
    if (box.x1 <= box.x0 || box.bottom <= box.top) continue;
    if (cellCropToInkCount(crop) < CELL_MIN_INK_SHARE * (box.x1 - box.x0) * (box.bottom - box.top)) continue;
    const profile = cellCropToInkRowProfile(crop);
    const lineRanges = profileToLineRanges(profile);
    jobs.push({
      crop: { ...crop, lineRanges: lineRanges.length <= 1 ? undefined : lineRanges },
      mode: emptyRowBandCount(profile) <= 1 ? '7' : '6',
      isLine: false,
    });
  }
  const shortPieces = lineBoxes.filter(isShortPiece);
  const stripped = shortPieces.length >= STRIP_MIN_PIECES;
  for (const line of lineBoxes) {
    if (stripped && isShortPiece(line)) continue;
    const singleCharacter = line.x1 - line.x0 <= SINGLE_CHARACTER_MAX_ASPECT * (line.bottom - line.top);
    jobs.push({ crop: { ...raster, box: line }, mode: singleCharacter ? '10' : '7', isLine: true });
  }
  const stripRuns = stripped ? shortPiecesToRuns(raster, shortPieces, pool) : Promise.resolve([]);

  const results = await Promise.all(jobs.map((job) => cropJobToRuns(job, pool)));
  const fromStrip = await stripRuns;
  const pageText: PageText = {
    pageNumber: page.pageNumber,
    widthPt: page.widthPt,
    heightPt: page.heightPt,
    source: 'ocr',
    runs: [...results.flat(), ...fromStrip],
    rulings: pixelRulesToRulings(rules, raster.frame),
    ...(orientation?.turnedDeg === 180 ? { orientation } : {}),
  };
  return {
    pageText,
    report: {
      skewDeg,
      cellCount: cells.length,
      lineCount: lineBoxes.length,
      recogniseCalls: jobs.length + (stripped ? 1 : 0),
      seconds: (performance.now() - started) / 1000,
      orientation,
      orientationSeconds,
    },
  };
}
