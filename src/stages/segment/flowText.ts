/** RawText from the flow's lines and cells (with their lowest OCR confidence), and finding a line. */
import type { Cell } from '../../model/index.js';
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { PositionedText, RawText } from '../../model/draft.js';
import { labelKey } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';

/** The lowest OCR confidence among the sources (cells or lines), as an optional field: absent for the text layer. */
function withConfidence<T extends RawText>(raw: T, sources: ReadonlyArray<{ confidence?: number }>): T {
  const known = sources
    .map((source) => source.confidence)
    .filter((confidence): confidence is number => confidence !== undefined);
  return known.length === 0 ? raw : { ...raw, confidence: Math.min(...known) };
}

export function cellToRaw(cell: Cell): RawText {
  return withConfidence(
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
  return withConfidence(raw, filled);
}

export function toPositioned(cell: Cell): PositionedText {
  return { ...cellToRaw(cell), x0: cell.x0, x1: cell.x1 };
}

export function lineText(line: FlowLine): RawText {
  return withConfidence({ text: line.text.trim(), lines: [line.text.trim()], pageNumber: line.pageNumber }, [line]);
}

/** Paragraph lines joined; `lines` holds the joined text, since reflowing a paragraph is reading, not repair. */
export function linesToParagraph(lines: FlowLine[], firstLineText?: string): RawText | null {
  const texts = lines.map((line) => line.text);
  if (firstLineText !== undefined && texts.length > 0) texts[0] = firstLineText;
  const text = joinWrappedLines(texts);
  if (text === '') return null;
  return withConfidence({ text, lines: [text], pageNumber: lines[0]?.pageNumber ?? null }, lines);
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
