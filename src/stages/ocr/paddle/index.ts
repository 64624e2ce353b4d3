/**
 * PP-OCR recognition (onnxruntime-node, models from npm), the second OCR engine beside tesseract.js:
 * cells found by the rulings are cut into line crops by projection (grayCellToLineCrops), each line
 * is read by the rec model (withPaddleRecogniser → recogniseLine), and a reading can be given back
 * as the OcrLine the tesseract path returns (paddleReadingToOcrLine); crops projection cannot split
 * can be split by the det model (withPaddleDetector). See docs/ocr-engines.md.
 */
export {
  PaddleRecModelFiles,
  PaddleRecModelName,
  keysTextToCharacters,
  paddleRecModelFiles,
  readKeys,
} from './models.js';
export {
  PaddleCharacter,
  PaddleLineReading,
  PaddleRecogniserOptions,
  REC_DEFAULT_HEIGHT_PX,
  REC_MAX_BATCH_INPUT_PX,
  REC_MAX_BATCH_LINES,
  REC_MIN_WIDTH_PX,
  REC_WIDTH_STEP_PX,
  RecInputPadding,
  lineToResizedWidthPx,
  resizedWidthToInputWidthPx,
  REC_MAX_WIDTH_HEIGHTS,
  REC_MIN_WIDTH_HEIGHTS,
  ctcProbabilitiesToReading,
  grayLineToRecInput,
  withPaddleRecogniser,
  type PaddleRecogniser,
} from './recogniser.js';
export { CellLineCrop, LINE_CROP_MARGIN_INK_HEIGHTS, grayCellToLineCrops } from './cellLineCrops.js';
export { paddleReadingToOcrLine } from './readingToOcrLine.js';
export {
  DET_BOX_THRESHOLD,
  DET_LIMIT_SIDE_PX,
  DET_PIXEL_THRESHOLD,
  DET_UNCLIP_RATIO,
  paddleDetModelPath,
  probabilityMapToBoxes,
  withPaddleDetector,
  type PaddleDetector,
} from './detector.js';
