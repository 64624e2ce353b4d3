/**
 * The indicator header's cells read through the vocabulary (src/vocabulary/labels.ts): which entries they
 * matched (for the template a document matched), which cells no entry knows (finding unknown_label), and
 * the header texts as printed (`分值（90）` gives the weights' printed total).
 */
import type { FlowRow } from '../../model/flow.js';
import type { DraftProject } from '../../model/draft.js';
import { indicatorHeaderVariantOf, labelKey } from '../../vocabulary/index.js';
import { HEADER_GROUP_WORDS, headerBlockOf } from '../../vocabulary/tableRows.js';
import { cellToRaw } from './flowText.js';

export type HeaderLabels = Required<Pick<DraftProject, 'labelsSeen' | 'unknownLabels' | 'indicatorHeaders'>>;

export function rowsToHeaderLabels(rows: FlowRow[]): HeaderLabels {
  const labels: HeaderLabels = { labelsSeen: [], unknownLabels: [], indicatorHeaders: [] };
  const header = headerBlockOf(rows);
  if (header === null) return labels;
  const cells = rows
    .slice(header.first, header.last + 1)
    .flatMap((row) => row.cells)
    .filter((cell) => labelKey(cell.text) !== '')
    .sort((a, b) => a.x0 - b.x0);
  for (const cell of cells) {
    const key = labelKey(cell.text);
    labels.indicatorHeaders.push(key);
    if (HEADER_GROUP_WORDS.includes(key)) continue;
    const variant = indicatorHeaderVariantOf(cell.text);
    if (variant === null) labels.unknownLabels.push(cellToRaw(cell));
    else if (!labels.labelsSeen.includes(variant.text)) labels.labelsSeen.push(variant.text);
  }
  return labels;
}
