/** RawText from the flow's lines and cells (with their OCR provenance: lowest confidence, engines, decision), and finding a line. */
import { type Cell, type OcrProvenance, sourcesToOcrProvenance } from '../../model/index.js';
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { PositionedText, RawText } from '../../model/draft.js';
import { labelKey } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';

/**
 * The OCR provenance of the sources (cells or lines) as optional fields — the lowest confidence, the engines involved,
 * the decision (sourcesToOcrProvenance) —: absent for the text layer.
 */
function withOcrProvenance<T extends RawText>(raw: T, sources: ReadonlyArray<OcrProvenance>): T {
  const provenance = sourcesToOcrProvenance(sources);
  return provenance.confidence === undefined ? raw : { ...raw, ...provenance };
}

export function cellToRaw(cell: Cell): RawText {
  return withOcrProvenance(
    {
      text: cell.text,
      lines: cell.lines.length > 0 ? [...cell.lines] : cell.text === '' ? [] : [cell.text],
      pageNumber: cell.pageNumber,
    },
    [cell],
  );
}

export function cellsToRaw(cells: Cell[]): RawText | null {
  const filled = cells.filter((cell) => cell.text.trim() !== '');
  if (filled.length === 0) return null;
  if (filled.length === 1) return cellToRaw(filled[0]);
  const raw = {
    text: joinWrappedLines(filled.map((cell) => cell.text)),
    lines: filled.flatMap((cell) => cellToRaw(cell).lines),
    pageNumber: filled[0].pageNumber,
  };
  return withOcrProvenance(raw, filled);
}

export function toPositioned(cell: Cell): PositionedText {
  return { ...cellToRaw(cell), x0: cell.x0, x1: cell.x1 };
}

/**
 * A text cut from or joined out of these lines or cells (a heading's title without its number, a contents entry, a
 * sub-goal's title): one line, with the sources' OCR provenance.
 */
export function sourcesToRaw(text: string, pageNumber: number | null, sources: ReadonlyArray<OcrProvenance>): RawText {
  return withOcrProvenance({ text, lines: [text], pageNumber }, sources);
}

export function lineText(line: FlowLine): RawText {
  return sourcesToRaw(line.text.trim(), line.pageNumber, [line]);
}

/** Paragraph lines joined; `lines` holds the joined text, since reflowing a paragraph is reading, not repair. */
export function linesToParagraph(lines: FlowLine[], firstLineText?: string): RawText | null {
  const texts = lines.map((line) => line.text);
  if (firstLineText !== undefined && texts.length > 0) texts[0] = firstLineText;
  const text = joinWrappedLines(texts);
  if (text === '') return null;
  return sourcesToRaw(text, lines[0]?.pageNumber ?? null, lines);
}

/** The first line from `from` on whose label key (and line) pass the test. */
export function findLineIndex(
  blocks: FlowBlock[],
  from: number,
  test: (key: string, line: FlowLine) => boolean,
): number | null {
  for (let index = from; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.kind === 'line' && test(labelKey(block.text), block)) return index;
  }
  return null;
}
