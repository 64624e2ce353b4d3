/**
 * A PP-OCR line reading in the shape the tesseract path returns (OcrLine: words of symbols with
 * boxes and confidences), so that both engines can stand behind one interface.
 *
 * CTC gives each character a spike of one or a few time steps near the start of its glyph, not
 * its extent: a character's box runs from the middle between its spike and the previous one to the
 * middle between its spike and the next, the first from the line's ink start, the last to its ink end.
 * Boxes are whole pixels, as tesseract's are: the OCR stage indexes the crop's pixels with them
 * (linesWithoutBlankSymbols counted no ink under a box at x = 60.5 and dropped the symbol).
 */
import type { OcrLine, OcrSymbol, OcrWord } from '../pool.js';
import type { CellLineCrop } from './cellLineCrops.js';
import type { PaddleLineReading } from './recogniser.js';

/** tesseract reports confidences in percent; PP-OCR's are probabilities. */
const PERCENT_PER_PROBABILITY = 100;

/**
 * The reading of one line crop as an OcrLine in the cell crop's pixels. Spaces the model read split
 * words (as tesseract's do); each Han character is a symbol of its word.
 */
export function paddleReadingToOcrLine(
  reading: PaddleLineReading,
  crop: Pick<CellLineCrop, 'originX' | 'originY' | 'inkBox'>,
): OcrLine {
  const { inkBox } = crop;
  const centres = reading.characters.map((character) => crop.originX + (character.x0 + character.x1) / 2);
  const symbols: Array<OcrSymbol & { isSpace: boolean }> = reading.characters.map((character, i) => ({
    text: character.text,
    confidence: character.confidence * PERCENT_PER_PROBABILITY,
    x0: Math.round(i === 0 ? Math.min(inkBox.x0, centres[i]) : (centres[i - 1] + centres[i]) / 2),
    x1: Math.round(i === centres.length - 1 ? Math.max(inkBox.x1, centres[i]) : (centres[i] + centres[i + 1]) / 2),
    top: inkBox.top,
    bottom: inkBox.bottom,
    isSpace: character.text.trim() === '',
  }));
  const words: OcrWord[] = [];
  let current: OcrSymbol[] = [];
  const flush = () => {
    if (current.length === 0) return;
    words.push({
      text: current.map((symbol) => symbol.text).join(''),
      confidence: Math.min(...current.map((symbol) => symbol.confidence)),
      x0: current[0].x0,
      x1: current[current.length - 1].x1,
      top: inkBox.top,
      bottom: inkBox.bottom,
      symbols: current,
    });
    current = [];
  };
  for (const { isSpace, ...symbol } of symbols) {
    if (isSpace) flush();
    else current.push(symbol);
  }
  flush();
  return {
    engine: 'paddle',
    text: words.map((word) => word.text).join(' '),
    confidence: reading.confidence * PERCENT_PER_PROBABILITY,
    x0: inkBox.x0,
    x1: inkBox.x1,
    top: inkBox.top,
    bottom: inkBox.bottom,
    words,
  };
}
