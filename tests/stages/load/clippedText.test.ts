import { describe, expect, it } from 'vitest';
import { operatorListToGraphics, PathOps, PdfOps, type Matrix } from '../../../src/stages/load/operatorList.js';
import { textItemsToRuns, type PdfTextItem } from '../../../src/stages/load/textContent.js';

// The viewport matrix of an unrotated A4 page at scale 1: y flipped, origin moved to the top.
const A4: Matrix = [1, 0, 0, -1, 0, 842];
const { moveTo, lineTo, closePath } = PathOps;
const clipRect = (x: number, y: number, w: number, h: number) => [
  PdfOps.endPath,
  [new Float32Array([moveTo, x, y, lineTo, x + w, y, lineTo, x + w, y + h, lineTo, x, y + h, closePath])],
  null,
];
const item = (str: string, x: number, y: number): PdfTextItem => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width: 10 * [...str].length,
  height: 10,
  fontName: 'f1',
});

describe('text painted outside its clip (a merged cell label Calc prints whole on each page, clipped to the part)', () => {
  // A cell part from y=700 to y=740 in user space (page top 102–142): the label's first line at baseline 745 lies
  // above the clip (cut off by the break), its second line at baseline 725 inside.
  const fn = [
    PdfOps.save,
    PdfOps.eoClip,
    PdfOps.constructPath,
    PdfOps.beginText,
    PdfOps.moveText,
    PdfOps.showText,
    PdfOps.endText,
    PdfOps.beginText,
    PdfOps.setTextMatrix,
    PdfOps.showText,
    PdfOps.endText,
    PdfOps.restore,
    PdfOps.beginText,
    PdfOps.moveText,
    PdfOps.showText,
    PdfOps.endText,
  ];
  const args = [
    null,
    null,
    clipRect(100, 700, 200, 40),
    null,
    [110, 745],
    [[]],
    null,
    null,
    [new Float32Array([1, 0, 0, 1, 110, 725])],
    [[]],
    null,
    null,
    null,
    [110, 800],
    [[]],
    null,
  ];

  it('records where each text operator starts and the clip it is painted in (none after the restore)', () => {
    const { textClips } = operatorListToGraphics(fn, args, A4);
    expect(textClips).toEqual([
      { x: 110, y: 97, clip: { x0: 100, top: 102, x1: 300, bottom: 142 } },
      { x: 110, y: 117, clip: { x0: 100, top: 102, x1: 300, bottom: 142 } },
    ]);
  });

  it('leaves out the runs whose box lies outside their clip and keeps the rest', () => {
    const { textClips } = operatorListToGraphics(fn, args, A4);
    const items = [item('生态环境', 110, 745), item('监测规划', 110, 725), item('页眉', 110, 800)];
    expect(textItemsToRuns(items, {}, A4, textClips).map((run) => run.text)).toEqual(['监测规划', '页眉']);
    expect(textItemsToRuns(items, {}, A4).map((run) => run.text)).toEqual(['生态环境', '监测规划', '页眉']);
  });
});
