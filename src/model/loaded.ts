import { z } from 'zod';
import { Box } from './geometry.js';
import { Repair } from './findings.js';
import { OcrDecision, OcrReader } from './ocrReading.js';

/** One piece of text as the text layer (or OCR) placed it: a glyph, a word or a line. */
export const TextRun = Box.extend({
  text: z.string(),
  fontSizePt: z.number(),
  fontName: z.string().optional(),
  /** OCR confidence 0..100; absent for text-layer runs. */
  confidence: z.number().optional(),
  /** The recogniser of the reading the run comes from; absent for text-layer runs. */
  engine: OcrReader.optional(),
  /** How the reading was decided (docs/ocr-engines.md); absent for text-layer runs. */
  decision: OcrDecision.optional(),
});
export type TextRun = z.infer<typeof TextRun>;

/** A horizontal or vertical table rule: a stroked line or a thin filled rectangle. */
export const Ruling = Box.extend({
  orientation: z.enum(['horizontal', 'vertical']),
});
export type Ruling = z.infer<typeof Ruling>;

/** An image painted on the page, with its placement. */
export const PageImage = Box.extend({
  widthPx: z.number().int(),
  heightPx: z.number().int(),
  objectId: z.string(),
});
export type PageImage = z.infer<typeof PageImage>;

export const TextLayerState = z.enum(['usable', 'none', 'garbled']);
export type TextLayerState = z.infer<typeof TextLayerState>;

/** What the load stage reads off one page, before any interpretation. */
export const LoadedPage = z.object({
  pageNumber: z.number().int().min(1),
  widthPt: z.number(),
  heightPt: z.number(),
  rotationDeg: z.number().int(),
  runs: z.array(TextRun),
  rulings: z.array(Ruling),
  images: z.array(PageImage),
  textLayer: TextLayerState,
  /**
   * What the load changed in the text layer's text (control_character: controls and noncharacters removed); absent when
   * nothing.
   */
  repairs: z.array(Repair).optional(),
});
export type LoadedPage = z.infer<typeof LoadedPage>;

/** An embedded image's declared size, in pixels. */
export const OversizedImage = z.object({ widthPx: z.number().int(), heightPx: z.number().int() });
export type OversizedImage = z.infer<typeof OversizedImage>;

export const LoadedPdf = z.object({
  sha256: z.string(),
  sourcePath: z.string(),
  pageCount: z.number().int(),
  pages: z.array(LoadedPage),
  /**
   * Embedded images whose declared size exceeds the decode budget (stages/load/imageBudget.ts):
   * pdf.js dropped them undecoded, so the pages showing them have no image. Absent when none.
   */
  oversizedImages: z.array(OversizedImage).optional(),
});
export type LoadedPdf = z.infer<typeof LoadedPdf>;

export const TextSource = z.enum(['text', 'ocr']);
export type TextSource = z.infer<typeof TextSource>;

/**
 * Which pages are read by OCR: `auto` those without a usable text layer (none, or garbled);
 * `always` every page; `never` none (a document with such a page fails with needs_ocr).
 */
export const OcrMode = z.enum(['auto', 'always', 'never']);
export type OcrMode = z.infer<typeof OcrMode>;

/**
 * Which recogniser gives the first reading of Han text on pages read by OCR: `paddle` (PP-OCRv4 rec
 * on onnxruntime-node, each crop cut into lines by projection; the default, chosen by exact fields
 * on unseen probe scans and speed: docs/ocr-engines.md), `tesseract` (tesseract.js chi_sim) or `hybrid` (PP-OCR in table cells, tesseract.js for the text outside
 * the tables). The eng and whitelisted re-reads of codes and numbers are tesseract's under all three
 * (docs/ocr-engines.md).
 */
export const OcrEngineName = z.enum(['tesseract', 'paddle', 'hybrid']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;
export const DEFAULT_OCR_ENGINE: OcrEngineName = 'paddle';

/** The runs and rulings the layout stage works from, whatever produced them. */
/** The text-orientation vote of a scanned page (src/stages/ocr/orientation.ts). */
export const OrientationVote = z.object({
  /** 180 when the page was read upside down and turned before OCR, else 0. */
  turnedDeg: z.union([z.literal(0), z.literal(180)]),
  /** Lines classified, and those whose label was confident enough to vote. */
  lineCount: z.number().int(),
  votingLineCount: z.number().int(),
  /** Share of the confidence-weighted votes that said 180° (0–1; 0 when no line voted). */
  turnedShare: z.number(),
});
export type OrientationVote = z.infer<typeof OrientationVote>;

export const PageText = z.object({
  pageNumber: z.number().int().min(1),
  widthPt: z.number(),
  heightPt: z.number(),
  source: TextSource,
  runs: z.array(TextRun),
  rulings: z.array(Ruling),
  /** Present when OCR found the page upside down and turned its image by 180° before reading it. */
  orientation: OrientationVote.optional(),
});
export type PageText = z.infer<typeof PageText>;
