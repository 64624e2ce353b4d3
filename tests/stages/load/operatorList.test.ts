import { describe, expect, it } from 'vitest';
import { operatorListToGraphics, PathOps, PdfOps, type Matrix } from '../../../src/stages/load/operatorList.js';

// The viewport matrix of an unrotated A4 page at scale 1: y flipped, origin moved to the top.
const A4: Matrix = [1, 0, 0, -1, 0, 842];
const { moveTo, lineTo, closePath } = PathOps;

/** A rectangle as pdf.js 5.4 packs `re`: moveTo + 3 lineTo + closePath. */
const rect = (x: number, y: number, w: number, h: number) => [
  moveTo,
  x,
  y,
  lineTo,
  x + w,
  y,
  lineTo,
  x + w,
  y + h,
  lineTo,
  x,
  y + h,
  closePath,
];
const path = (paintOp: number, ops: number[]) => [paintOp, [new Float32Array(ops)], new Float32Array([0, 0, 0, 0])];

describe('operatorListToGraphics', () => {
  it('turns a stroked rectangle into four rulings in top-left page points', () => {
    const { rulings } = operatorListToGraphics(
      [PdfOps.setLineWidth, PdfOps.constructPath],
      [[1], path(PdfOps.stroke, rect(100, 700, 200, 42))],
      A4,
    );
    expect(rulings).toEqual([
      { orientation: 'horizontal', x0: 100, x1: 300, top: 141.5, bottom: 142.5 },
      { orientation: 'vertical', x0: 299.5, x1: 300.5, top: 100, bottom: 142 },
      { orientation: 'horizontal', x0: 100, x1: 300, top: 99.5, bottom: 100.5 },
      { orientation: 'vertical', x0: 99.5, x1: 100.5, top: 100, bottom: 142 },
    ]);
  });

  it('turns a thin filled rectangle into one ruling and ignores a large fill', () => {
    const { rulings } = operatorListToGraphics(
      [PdfOps.constructPath],
      [path(PdfOps.fill, [...rect(100, 500, 300, 0.5), ...rect(100, 300, 300, 100), ...rect(50, 400, 0.5, 60)])],
      A4,
    );
    expect(rulings).toEqual([
      { orientation: 'horizontal', x0: 100, x1: 400, top: 341.5, bottom: 342 },
      { orientation: 'vertical', x0: 50, x1: 50.5, top: 382, bottom: 442 },
    ]);
  });

  it('applies cm inside save/restore and forgets it after restore', () => {
    const line = [moveTo, 0, 0, lineTo, 100, 0];
    const { rulings } = operatorListToGraphics(
      [PdfOps.save, PdfOps.transform, PdfOps.constructPath, PdfOps.restore, PdfOps.constructPath],
      [[], [2, 0, 0, 2, 10, 20], path(PdfOps.stroke, line), [], path(PdfOps.stroke, line)],
      A4,
    );
    expect(rulings.map((r) => [r.x0, r.x1, (r.top + r.bottom) / 2])).toEqual([
      [10, 210, 822],
      [0, 100, 842],
    ]);
    // line width 1 scaled by 2 under the cm
    expect(rulings[0].bottom - rulings[0].top).toBeCloseTo(2, 6);
  });

  it('ignores clipping paths and diagonal strokes', () => {
    const { rulings } = operatorListToGraphics(
      [PdfOps.constructPath, PdfOps.constructPath],
      [path(PdfOps.endPath, rect(0, 0, 595, 842)), path(PdfOps.stroke, [moveTo, 0, 0, lineTo, 100, 100])],
      A4,
    );
    expect(rulings).toEqual([]);
  });

  it('places a painted image by its CTM, including inside a form XObject', () => {
    const { images } = operatorListToGraphics(
      [
        PdfOps.paintFormXObjectBegin,
        PdfOps.save,
        PdfOps.transform,
        PdfOps.paintImageXObject,
        PdfOps.restore,
        PdfOps.paintFormXObjectEnd,
      ],
      [[new Float32Array([1, 0, 0, 1, 50, 0]), null], [], [200, 0, 0, 100, 72, 72], ['img_p0_1', 2480, 1240], [], []],
      A4,
    );
    expect(images).toEqual([
      { x0: 122, x1: 322, top: 670, bottom: 770, widthPx: 2480, heightPx: 1240, objectId: 'img_p0_1' },
    ]);
  });

  it('maps a page with /Rotate 90 through its viewport matrix', () => {
    // pdf.js viewport for MediaBox [0 0 595 842], rotate 90: x' = y, y' = x
    const rotated: Matrix = [0, 1, 1, 0, 0, 0];
    const { rulings } = operatorListToGraphics(
      [PdfOps.constructPath],
      [path(PdfOps.fill, rect(100, 200, 300, 0.5))],
      rotated,
    );
    expect(rulings).toEqual([{ orientation: 'vertical', x0: 200, x1: 200.5, top: 100, bottom: 400 }]);
  });
});
