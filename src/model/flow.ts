import { z } from 'zod';
import { Box } from './geometry.js';
import { Cell, TextLine } from './layout.js';

/**
 * A merged cell cut by one or more page breaks (stitch): its parts, one per page, share an id; the label is the text
 * printed in one of the parts (spreadsheet writers centre it in the whole merged area, so it may sit in any part, or in
 * every part). A part printed empty takes the span's label.
 */
export const CellSpan = z.object({
  id: z.number().int().min(1),
  /** The text printed in the span's parts ('' when no part prints one). */
  label: z.string(),
  /** This part's place among the span's parts, 0 on the first page. */
  part: z.number().int().min(0),
  parts: z.number().int().min(2),
});
export type CellSpan = z.infer<typeof CellSpan>;

/** A cell of a logical table: a layout cell, with its span when it is one part of a merged cell cut by a page break. */
export const FlowCell = Cell.extend({ span: CellSpan.optional() });
export type FlowCell = z.infer<typeof FlowCell>;

/** One row of a logical table: the cells that start in this grid row, left to right, each keeping page and box. */
export const FlowRow = z.object({
  pageNumber: z.number().int().min(1),
  top: z.number(),
  bottom: z.number(),
  cells: z.array(FlowCell),
});
export type FlowRow = z.infer<typeof FlowRow>;

/** A table in reading order; its rows may come from several pages (stitched). */
export const FlowTable = Box.extend({
  kind: z.literal('table'),
  pageFirst: z.number().int().min(1),
  pageLast: z.number().int().min(1),
  /** Column edges of the first page's grid, in points. */
  colEdgesPt: z.array(z.number()),
  rows: z.array(FlowRow),
});
export type FlowTable = z.infer<typeof FlowTable>;

/** A line of text outside any table. */
export const FlowLine = TextLine.extend({
  kind: z.literal('line'),
});
export type FlowLine = z.infer<typeof FlowLine>;

export const FlowBlock = z.discriminatedUnion('kind', [FlowLine, FlowTable]);
export type FlowBlock = z.infer<typeof FlowBlock>;

/** The document's blocks in reading order, page furniture (page numbers) left out. */
export const DocumentFlow = z.object({
  pageCount: z.number().int().min(0),
  blocks: z.array(FlowBlock),
});
export type DocumentFlow = z.infer<typeof DocumentFlow>;
