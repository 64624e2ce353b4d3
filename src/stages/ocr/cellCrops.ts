/**
 * Crop geometry of the OCR stage: the deskewed page the crops of a page are cut from (PageRaster),
 * one cell's or text-line piece's crop on it (CellCrop), the image tesseract reads of a crop, and a
 * crop's readings placed back on the page as runs in points.
 *
 * PageRaster and CellCrop are TypeScript types, not zod schemas: they are in-memory bundles of the
 * page's typed arrays, built once per page and once per cell, never parsed nor stored (their parts
 * GrayImage, BinaryImage and PixelBox are the zod schemas of raster.ts).
 */
import type { Ruling, TextRun } from '../../model/index.js';
import type { LineRows } from './cellLines.js';
import type { PlacedImage } from './pageImage.js';
import type { OcrLine, OcrSymbol } from './pool.js';
import { type BinaryImage, type GrayImage, type PixelBox, grayToCrop, grayToPadded, grayToScaled } from './raster.js';
import type { PixelRule } from './rules.js';

/** White border around each crop, in points: tesseract misreads glyphs touching the edge. */
const CROP_PADDING_PT = 3;
/** Crops from scans below this resolution are upscaled to it: LSTM chi_sim reads 10.5pt text best at ~300 dpi. */
const OCR_TARGET_DPI = 300;

/** Where the page image lies on the page: its box in points and its size in pixels. */
export type PageFrame = { boxPt: PlacedImage['boxPt']; widthPx: number; heightPx: number };

/** The deskewed page every crop of one page is cut from, and how crops are made of it: built once per page. */
export type PageRaster = {
  /** The deskewed page image. */
  gray: GrayImage;
  /** Its ink, at inkThreshold. */
  binary: BinaryImage;
  /** 1 where a pixel belongs to a table rule: rules are erased from every crop and left out of every ink count. */
  ruleMask: Uint8Array;
  /** Grey level at or below which a pixel is ink (the page's Otsu threshold). */
  inkThreshold: number;
  frame: PageFrame;
  /** Resolution of the scan. */
  dpi: number;
  /** White border around each crop, in pixels of the scan. */
  paddingPx: number;
  /** Factor each crop is upscaled by for tesseract (1: read at the scan's resolution). */
  scale: number;
};

/** One table cell or text-line piece of a page, to be read: built once per cell. */
export type CellCrop = PageRaster & {
  /** The cell's box on the deskewed page, inside its rules. */
  box: PixelBox;
  /** The text lines of a cell that holds more than one (cellLines.ts), in rows of the box; undefined for one line. */
  lineRanges?: LineRows[];
};

/** The page raster of a deskewed page image: crop padding and upscaling for the scan's resolution. */
export function deskewedToPageRaster(
  deskewed: Pick<PageRaster, 'gray' | 'binary' | 'ruleMask' | 'inkThreshold'>,
  placed: Pick<PlacedImage, 'boxPt' | 'dpi'>,
): PageRaster {
  const { dpi } = placed;
  return {
    ...deskewed,
    frame: { boxPt: placed.boxPt, widthPx: deskewed.gray.widthPx, heightPx: deskewed.gray.heightPx },
    dpi,
    paddingPx: Math.round((CROP_PADDING_PT * dpi) / 72),
    scale: dpi < OCR_TARGET_DPI * 0.9 ? OCR_TARGET_DPI / dpi : 1,
  };
}

/**
 * The crop of a cell as tesseract reads it: rule pixels (and a 1px fringe) painted white, padded, scaled by crop.scale.
 */
export function cellCropToImage(crop: CellCrop): GrayImage {
  const { gray, ruleMask, box } = crop;
  const image = grayToCrop(gray, box);
  for (let y = 0; y < image.heightPx; y++) {
    for (let x = 0; x < image.widthPx; x++) {
      const py = y + box.top;
      const px = x + box.x0;
      let onRule = false;
      for (let dy = -1; dy <= 1 && !onRule; dy++) {
        for (let dx = -1; dx <= 1 && !onRule; dx++) {
          const qy = py + dy;
          const qx = px + dx;
          if (qy >= 0 && qx >= 0 && qy < gray.heightPx && qx < gray.widthPx)
            onRule = ruleMask[qy * gray.widthPx + qx] === 1;
        }
      }
      if (onRule) image.gray[y * image.widthPx + x] = 255;
    }
  }
  const padded = grayToPadded(image, crop.paddingPx);
  return crop.scale === 1 ? padded : grayToScaled(padded, crop.scale);
}

/** Whether the page pixel at index i is ink and no rule. */
export const isTextInk = (binary: BinaryImage, ruleMask: Uint8Array, i: number) =>
  binary.ink[i] === 1 && ruleMask[i] === 0;

/** Ink pixels (rules excluded) in each pixel row of a cell's box, top to bottom. */
export function cellCropToInkRowProfile({ binary, ruleMask, box }: CellCrop): Int32Array {
  const profile = new Int32Array(Math.max(0, box.bottom - box.top));
  for (let y = box.top; y < box.bottom; y++) {
    let count = 0;
    for (let x = box.x0; x < box.x1; x++) if (isTextInk(binary, ruleMask, y * binary.widthPx + x)) count++;
    profile[y - box.top] = count;
  }
  return profile;
}

/** Ink pixels (rules excluded) in a cell's box. */
export function cellCropToInkCount({ binary, ruleMask, box }: CellCrop): number {
  let count = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.x0; x < box.x1; x++) if (isTextInk(binary, ruleMask, y * binary.widthPx + x)) count++;
  }
  return count;
}

/** Text lines separated by rows without ink: 1 → the cell is read as a single line (PSM 7), more → as a block. */
export function emptyRowBandCount(profile: Int32Array): number {
  let bands = 0;
  for (let y = 0; y < profile.length; y++) if (profile[y] > 0 && (y === 0 || profile[y - 1] === 0)) bands++;
  return bands;
}

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/**
 * Tesseract puts spaces between Han characters; they are not in the print. A space next to ASCII (205003 单位名) is kept.
 */
export function ocrTextToRunText(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '').replace(/\s+/g, ' ').trim();
}

/** A box in pixels of the deskewed page → the same box in page points. */
export function pixelBoxToPt(box: { x0: number; top: number; x1: number; bottom: number }, frame: PageFrame) {
  const sx = (frame.boxPt.x1 - frame.boxPt.x0) / frame.widthPx;
  const sy = (frame.boxPt.bottom - frame.boxPt.top) / frame.heightPx;
  return {
    x0: frame.boxPt.x0 + box.x0 * sx,
    top: frame.boxPt.top + box.top * sy,
    x1: frame.boxPt.x0 + box.x1 * sx,
    bottom: frame.boxPt.top + box.bottom * sy,
  };
}

export function pixelRulesToRulings(rules: PixelRule[], frame: PageFrame): Ruling[] {
  return rules.map((rule) => ({ ...pixelBoxToPt(rule, frame), orientation: rule.orientation }));
}

/**
 * The lines read from a cell's crop image as runs in page points, one per line with text, at the lowest confidence of
 * its words, with the engine that read it.
 */
export function linesToRuns(lines: OcrLine[], crop: CellCrop): TextRun[] {
  const { box, paddingPx, scale, frame, dpi } = crop;
  const runs: TextRun[] = [];
  for (const line of lines) {
    const text = ocrTextToRunText(line.text);
    if (!text) continue;
    const pixel = {
      x0: box.x0 + line.x0 / scale - paddingPx,
      top: box.top + line.top / scale - paddingPx,
      x1: box.x0 + line.x1 / scale - paddingPx,
      bottom: box.top + line.bottom / scale - paddingPx,
    };
    const confidences = line.words.filter((w) => w.text.trim()).map((w) => w.confidence);
    runs.push({
      ...pixelBoxToPt(pixel, frame),
      text,
      fontSizePt: ((pixel.bottom - pixel.top) * 72) / dpi,
      confidence: confidences.length ? Math.min(...confidences) : line.confidence,
      ...(line.engine === undefined ? {} : { engine: line.engine }),
    });
  }
  return runs;
}

/** Lines read from a crop at scale 1, in the coordinates of the same crop scaled by `factor`. */
export function linesScaled(lines: OcrLine[], factor: number): OcrLine[] {
  const box = <T extends OcrSymbol>(item: T): T => ({
    ...item,
    x0: item.x0 * factor,
    top: item.top * factor,
    x1: item.x1 * factor,
    bottom: item.bottom * factor,
  });
  return lines.map((line) => ({
    ...box(line),
    words: line.words.map((word) => ({ ...box(word), symbols: word.symbols.map(box) })),
  }));
}

/** Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A). */
const FULL_WIDTH_DIGITS_AND_LETTERS = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu;
/** A full-width form (U+FF01..U+FF5E) is its ASCII character plus this offset. */
const FULL_WIDTH_TO_ASCII_OFFSET = 0xfee0;
/**
 * The radical 丶 (U+4E36), which no running text prints: PP-OCR's dictionary holds it and gives it for the enumeration
 * comma 、 (`4丶` opening a numbered goal, `宣传片丶宣传册`).
 */
const RADICAL_DOT = /\u4e36/gu;
const ENUMERATION_COMMA = '、';

/** A recognised text in the forms the page prints (see linesWithPrintedForms). */
export function ocrTextToPrintedForms(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGITS_AND_LETTERS, (char) =>
      String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_TO_ASCII_OFFSET),
    )
    .replace(RADICAL_DOT, ENUMERATION_COMMA);
}

/** The two forms of a round bracket pair: ASCII and full-width (U+FF08, U+FF09). */
const ASCII_BRACKETS = { open: '(', close: ')' } as const;
const FULL_WIDTH_BRACKETS = { open: '（', close: '）' } as const;
const OPENING_BRACKETS = new Set<string>([ASCII_BRACKETS.open, FULL_WIDTH_BRACKETS.open]);
const CLOSING_BRACKETS = new Set<string>([ASCII_BRACKETS.close, FULL_WIDTH_BRACKETS.close]);
const isBracket = (char: string) => OPENING_BRACKETS.has(char) || CLOSING_BRACKETS.has(char);
const isFullWidthBracket = (char: string) => char === FULL_WIDTH_BRACKETS.open || char === FULL_WIDTH_BRACKETS.close;
const HAN = /\p{Script=Han}/u;
/** Han, CJK punctuation (U+3000–303F) and full-width forms: the text Chinese print sets full-width brackets in. */
const CHINESE_TEXT_CHAR = new RegExp(`[${CJK}]`, 'u');

/**
 * A reading whose round bracket pairs have one width each: a pair read with members of different widths (`(试行）`,
 * `（%)`) takes the width Chinese print uses for it — full-width when it holds Han (`（2023年度）`, `（试行）`) or follows
 * Chinese text (`分值（10）`, `承市办（2016）`), ASCII otherwise (`=100.00(%)`, `(433001)`). The recognisers read the
 * bracket's width from the glyph alone, and a narrow crop or an edge gives the ASCII form of a full-width bracket; the
 * other member of the same pair is the better witness. Pairs of one width and unpaired brackets are left as read.
 */
export function ocrTextToUnifiedBrackets(text: string): string {
  const chars = Array.from(text);
  const openings: number[] = [];
  for (const [i, char] of chars.entries()) {
    if (OPENING_BRACKETS.has(char)) openings.push(i);
    if (!CLOSING_BRACKETS.has(char)) continue;
    const open = openings.pop();
    if (open === undefined || isFullWidthBracket(chars[open]) === isFullWidthBracket(char)) continue;
    const content = chars.slice(open + 1, i).join('');
    const before = open > 0 ? chars[open - 1] : '';
    const forms = HAN.test(content) || CHINESE_TEXT_CHAR.test(before) ? FULL_WIDTH_BRACKETS : ASCII_BRACKETS;
    chars[open] = forms.open;
    chars[i] = forms.close;
  }
  return chars.join('');
}

/**
 * The line with its bracket pairs unified (ocrTextToUnifiedBrackets on the line's text, which alone sees both members
 * of a pair split over words), the same brackets changed in its words and symbols: the k-th bracket of the words (and
 * of the symbols) is the k-th of the line. Words or symbols that do not hold the line's brackets keep theirs.
 */
function lineWithUnifiedBrackets(line: OcrLine): OcrLine {
  const text = ocrTextToUnifiedBrackets(line.text);
  if (text === line.text) return line;
  const brackets = Array.from(text).filter(isBracket);
  const countBrackets = (items: OcrSymbol[]) =>
    items.reduce((sum, item) => sum + Array.from(item.text).filter(isBracket).length, 0);
  const relabel = <T extends OcrSymbol>(items: T[]): T[] => {
    if (countBrackets(items) !== brackets.length) return items;
    let k = 0;
    return items.map((item) => {
      const relabelled = Array.from(item.text)
        .map((char) => (isBracket(char) ? brackets[k++] : char))
        .join('');
      return relabelled === item.text ? item : { ...item, text: relabelled };
    });
  };
  const symbolsOf = (words: OcrLine['words']) => words.flatMap((word) => word.symbols);
  const relabelledSymbols = relabel(symbolsOf(line.words));
  let next = 0;
  const words = relabel(line.words).map((word) => ({
    ...word,
    symbols: word.symbols.map(() => relabelledSymbols[next++]),
  }));
  return { ...line, text, words };
}

/**
 * A reading with full-width digits and Latin letters made ASCII, the radical 丶 made 、 and each round bracket pair
 * of one width (ocrTextToUnifiedBrackets), in lines, words and symbols. Which of such look-alike forms a recogniser
 * gives for a glyph is the model's, not the print's (PP-OCR's dictionary holds both digit forms and reads the
 * contents' page numbers among Han as `１`, `４`; tesseract gives ASCII): every reading the stage decides on has one
 * form, whichever engine read it.
 */
export function linesWithPrintedForms(lines: OcrLine[]): OcrLine[] {
  const fold = <T extends OcrSymbol>(item: T): T => ({ ...item, text: ocrTextToPrintedForms(item.text) });
  return lines.map((line) =>
    lineWithUnifiedBrackets({
      ...fold(line),
      words: line.words.map((word) => ({ ...fold(word), symbols: word.symbols.map(fold) })),
    }),
  );
}

/** A recognised symbol whose box holds less ink than this share is read into blank space (`目 录` → `目有录`). */
const SYMBOL_MIN_INK_SHARE = 0.03;

/** Removes symbols that tesseract placed over blank paper: their box in the crop has (almost) no ink. */
export function linesWithoutBlankSymbols(lines: OcrLine[], crop: GrayImage, inkThreshold: number): OcrLine[] {
  const inkShare = (b: { x0: number; top: number; x1: number; bottom: number }) => {
    let ink = 0;
    let area = 0;
    for (let y = Math.max(0, b.top); y < Math.min(crop.heightPx, b.bottom); y++) {
      for (let x = Math.max(0, b.x0); x < Math.min(crop.widthPx, b.x1); x++) {
        area++;
        if (crop.gray[y * crop.widthPx + x] <= inkThreshold) ink++;
      }
    }
    return area === 0 ? 1 : ink / area;
  };
  return lines.map((line) => {
    let changed = false;
    const words = line.words.map((word) => {
      const symbols = word.symbols.filter((symbol) => inkShare(symbol) >= SYMBOL_MIN_INK_SHARE);
      if (symbols.length === word.symbols.length) return word;
      changed = true;
      return { ...word, symbols, text: symbols.map((symbol) => symbol.text).join('') };
    });
    if (!changed) return line;
    const kept = words.filter((word) => word.text !== '');
    return { ...line, words: kept, text: kept.map((word) => word.text).join(' ') };
  });
}
