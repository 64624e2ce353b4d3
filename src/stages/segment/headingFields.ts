/**
 * The fields a project or department table takes from its heading: the unit lines around it and its printed title.
 * Shared by the project tables (index.ts) and the department tables (deptTargets.ts).
 */
import type { FlowBlock, FlowLine } from '../../model/flow.js';
import type { RawText } from '../../model/draft.js';
import { joinWrappedLines } from '../../vocabulary/text.js';
import { sourcesToRaw } from './flowText.js';
import { lineToProjectHeading, type Heading } from './headings.js';
import { blocksToUnitFields, rowsToUnit, type UnitFields } from './unitLines.js';

/**
 * Each heading's unit and amount unit: from the blocks between the heading and its first project
 * table; failing that, from the lines right above the heading (a unit line and `单位：万元` printed
 * above each heading, reviewer's case), never from the next project's; failing that, the previous
 * project's (one unit line for several tables).
 */
export function headingToUnitFields(blocks: FlowBlock[], heading: Heading, previous: UnitFields): UnitFields {
  let firstTable = heading.index + 1;
  while (firstTable < heading.endIndex) {
    const block = blocks[firstTable];
    if (block.kind === 'table' && rowsToUnit(block.rows) === null) break;
    firstTable++;
  }
  const below = blocksToUnitFields(
    blocks
      .slice(heading.index + 1, firstTable)
      .filter((block) => !(block.kind === 'line' && heading.titleLines.includes(block))),
  );
  let aboveStart = heading.index;
  while (
    aboveStart > 0 &&
    blocks[aboveStart - 1].kind === 'line' &&
    lineToProjectHeading((blocks[aboveStart - 1] as FlowLine).text.trim()) === null
  )
    aboveStart--;
  const above = blocksToUnitFields(blocks.slice(aboveStart, heading.index));
  const unit = below.unit ?? above.unit;
  return {
    unitCode: unit ? unit.unitCode : previous.unitCode,
    unitName: unit ? unit.unitName : previous.unitName,
    amountUnit: below.amountUnit ?? above.amountUnit ?? previous.amountUnit,
  };
}

/** A heading's title as printed, its lines joined, without the printed number (`1.`, `（一）`). */
export function headingToTitleText(heading: Heading): string {
  return joinWrappedLines(
    heading.titleLines.map((line, index) =>
      index === 0 && !heading.unnumbered
        ? (lineToProjectHeading(line.text.trim())?.rest ?? line.text.trim())
        : line.text,
    ),
  );
}

/** A heading's title (headingToTitleText) as the table's `tableTitle`, with its lines' OCR provenance. */
export function headingToTitle(heading: Heading): RawText {
  return sourcesToRaw(headingToTitleText(heading), heading.titleLines[0].pageNumber, heading.titleLines);
}
