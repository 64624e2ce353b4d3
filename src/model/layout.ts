import { z } from 'zod';
import { Box } from './geometry.js';
import { TextSource } from './loaded.js';
import { OcrDecision, OcrEngines } from './ocrReading.js';

/** A table cell: the smallest ruled rectangle, with its span in the table grid. */
export const Cell = Box.extend({
  pageNumber: z.number().int().min(1),
  row: z.number().int().min(0),
  col: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  /** Lines of the cell top to bottom, each already joined left to right. */
  lines: z.array(z.string()),
  /** The lines joined: no separator between CJK characters, one space between ASCII words. */
  text: z.string(),
  /** Lowest OCR confidence of the cell's runs (0..100); absent for text-layer cells. */
  confidence: z.number().optional(),
  /** The engines of the cell's runs and how they were decided (sourcesToOcrProvenance); absent for text-layer cells. */
  engine: OcrEngines.optional(),
  decision: OcrDecision.optional(),
  /**
   * The writer left this edge unruled (layout closed it, closeOpenEdges): spreadsheet printing's mark of a merged cell
   * cut by a page break, so its text continues on the next (openBottom) or previous (openTop) page.
   */
  openTop: z.boolean().optional(),
  openBottom: z.boolean().optional(),
  /**
   * How far the text's vertical centre lies below (+) or above (−) the cell's, in points, when it is off-centre by more
   * than a few points (layout's textShiftPt); absent for centred text or an empty cell.
   */
  textShiftPt: z.number().optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Table = Box.extend({
  pageNumber: z.number().int().min(1),
  /** Grid lines of the table in points: rowEdgesPt.length = rowCount + 1. */
  rowEdgesPt: z.array(z.number()),
  colEdgesPt: z.array(z.number()),
  cells: z.array(Cell),
});
export type Table = z.infer<typeof Table>;

/** A line of text outside any table. */
export const TextLine = Box.extend({
  pageNumber: z.number().int().min(1),
  text: z.string(),
  fontSizePt: z.number(),
  confidence: z.number().optional(),
  engine: OcrEngines.optional(),
  decision: OcrDecision.optional(),
});
export type TextLine = z.infer<typeof TextLine>;

export const PageLayout = z.object({
  pageNumber: z.number().int().min(1),
  widthPt: z.number(),
  heightPt: z.number(),
  source: TextSource,
  tables: z.array(Table),
  lines: z.array(TextLine),
});
export type PageLayout = z.infer<typeof PageLayout>;
