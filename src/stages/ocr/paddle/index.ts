/**
 * PP-OCR recognition (onnxruntime-node, models from npm), the second OCR engine beside tesseract.js:
 * cells found by the rulings are cut into line crops by projection (grayCellToLineCrops), each line
 * is read by the rec model (withPaddleRecogniser → recogniseLine), and a reading can be given back
 * as the OcrLine the tesseract path returns (paddleReadingToOcrLine). See docs/ocr-engines.md.
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
  REC_MAX_WIDTH_HEIGHTS,
  REC_MIN_WIDTH_HEIGHTS,
  ctcProbabilitiesToReading,
  grayLineToRecInput,
  withPaddleRecogniser,
  type PaddleRecogniser,
} from './recogniser.js';
export { CellLineCrop, LINE_CROP_MARGIN_INK_HEIGHTS, grayCellToLineCrops } from './cellLineCrops.js';
export { paddleReadingToOcrLine } from './readingToOcrLine.js';
