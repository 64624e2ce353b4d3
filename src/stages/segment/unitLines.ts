/**
 * The budget unit (`<code> <name>`, `单位名称：…`, a unit table) and amount unit (`单位：万元`) printed around a project table.
 */
import type { FlowBlock, FlowRow } from '../../model/flow.js';
import { type OcrProvenance, sourcesToOcrProvenance } from '../../model/ocrReading.js';
import type { DraftProject } from '../../model/draft.js';
import { UNIT_LINE_LABELS, YUAN_PER_AMOUNT_UNIT, labelKey } from '../../vocabulary/index.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { amountUnitRecovered } from '../repair/ocrTextRepairs.js';
import { sourcesToRaw } from './flowText.js';

const UNIT_LINE = /^(\d{6,})\s*([^\d\s].*)$/u;
/**
 * A unit line with a label before the code (`单位名称：308001 …`, WPS-style variant fixture), or a
 * labelled name without a code. The seed prints the bare `<code> <name>`.
 */
const LABELLED_UNIT_LINE = new RegExp(`^(?:${UNIT_LINE_LABELS.join('|')})\\s*[：:]\\s*(.+)$`, 'u');
/**
 * `单位：万元` — the amount unit is a money word, so `预算单位：308001 …` is not taken for one. The colon
 * may be misread as one other glyph by OCR (eco-2023 scanned at 300 dpi: `单位于万元`), so any single
 * non-digit glyph stands for it. Any one Han character before 元 is kept as printed (`干元` is 千元 read
 * by OCR): the repair stage snaps OCR readings to the amount units, the normaliser refuses units it does not know.
 */
export const AMOUNT_UNIT = /单位\s*(?:[：:]|[^\s\d元千万亿])?\s*(\p{Script=Han}?元)/u;

/** `<code> <name>`, `单位名称：<code> <name>` or `单位名称：<name>` → the unit; anything else → null. */
export function lineToUnit(text: string): { code: string | null; name: string } | null {
  const labelled = LABELLED_UNIT_LINE.exec(text.trim());
  const rest = labelled ? labelled[1].trim() : text.trim();
  const unit = UNIT_LINE.exec(rest);
  if (unit) return { code: unit[1], name: unit[2].trim() };
  return labelled && rest !== '' ? { code: null, name: rest } : null;
}

/** Unit tables hold at most this many rows (`单位名称 | <code> <name>`, variant fixture civil-2020: one). */
const UNIT_TABLE_MAX_ROWS = 2;

/**
 * A small table whose row starts with a unit label (`单位名称 | 512001 …`) → the unit, with the OCR provenance of the
 * cells it was read from; any other table → null.
 */
export function rowsToUnit(
  rows: FlowRow[],
): ({ code: string | null; name: string; pageNumber: number } & OcrProvenance) | null {
  if (rows.length === 0 || rows.length > UNIT_TABLE_MAX_ROWS) return null;
  for (const row of rows) {
    const filled = row.cells.filter((cell) => cell.text.trim() !== '');
    const [label, ...values] = filled;
    if (!label || values.length === 0 || !UNIT_LINE_LABELS.includes(labelKey(label.text).replace(/[：:]$/u, '')))
      continue;
    const unit = lineToUnit(
      `${labelKey(label.text).replace(/[：:]$/u, '')}：${joinWrappedLines(values.map((cell) => cell.text))}`,
    );
    if (unit) return { ...unit, pageNumber: label.pageNumber, ...sourcesToOcrProvenance(filled) };
  }
  return null;
}

export type UnitFields = Pick<DraftProject, 'unitCode' | 'unitName' | 'amountUnit'>;

/**
 * A unit as printed (`万元`) or as OCR misreads one the repair stage recovers (`干元`); any other
 * `X元` is left unread, so the project takes the unit printed above it or by the project before.
 */
function isReadableAmountUnit(unit: string): boolean {
  const units = Object.keys(YUAN_PER_AMOUNT_UNIT);
  return units.includes(unit) || amountUnitRecovered(unit, units) !== null;
}

/** The unit (`<code> <name>`, a unit table) and amount unit (`单位：万元`) read from these blocks; null where none. */
export function blocksToUnitFields(blocks: FlowBlock[]): {
  unit: Pick<UnitFields, 'unitCode' | 'unitName'> | null;
  amountUnit: string | null;
} {
  let unit: Pick<UnitFields, 'unitCode' | 'unitName'> | null = null;
  let amountUnit: string | null = null;
  for (const block of blocks) {
    if (block.kind === 'table') {
      const fromTable = rowsToUnit(block.rows);
      if (fromTable && unit === null)
        unit = {
          unitCode: fromTable.code,
          unitName: sourcesToRaw(fromTable.name, fromTable.pageNumber, [fromTable]),
        };
      continue;
    }
    const text = block.text.trim();
    const fromLine = lineToUnit(text.replace(AMOUNT_UNIT, '').trim());
    if (fromLine && unit === null)
      unit = {
        unitCode: fromLine.code,
        unitName: sourcesToRaw(fromLine.name, block.pageNumber, [block]),
      };
    const amount = AMOUNT_UNIT.exec(text);
    if (amount && amountUnit === null && isReadableAmountUnit(amount[1])) amountUnit = amount[1];
  }
  return { unit, amountUnit };
}
