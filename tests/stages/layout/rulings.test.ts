import { describe, expect, it } from 'vitest';
import { mergeRulings, rulingsToIntersections } from '../../../src/stages/layout/rulings.js';
import type { Ruling } from '../../../src/model/index.js';

const h = (y: number, x0: number, x1: number, thickness = 0): Ruling => ({
  orientation: 'horizontal',
  x0,
  x1,
  top: y - thickness / 2,
  bottom: y + thickness / 2,
});
const v = (x: number, top: number, bottom: number, thickness = 0): Ruling => ({
  orientation: 'vertical',
  x0: x - thickness / 2,
  x1: x + thickness / 2,
  top,
  bottom,
});

describe('mergeRulings', () => {
  it('joins per-cell pieces of one border into one ruling', () => {
    const merged = mergeRulings([h(100, 50, 150, 0.5), h(100, 150, 250, 0.5), h(100, 251.5, 300, 0.5)]);
    expect(merged).toEqual([{ orientation: 'horizontal', x0: 50, x1: 300, top: 100, bottom: 100 }]);
  });

  it('snaps pieces a fraction of a point apart onto one line', () => {
    const merged = mergeRulings([v(200, 10, 60), v(200.8, 60, 110)]);
    expect(merged).toHaveLength(1);
    expect(merged[0].x0).toBeCloseTo(200.4, 5);
    expect(merged[0].top).toBe(10);
    expect(merged[0].bottom).toBe(110);
  });

  it('keeps collinear pieces with a real gap apart', () => {
    const merged = mergeRulings([h(100, 0, 100), h(100, 120, 200)]);
    expect(merged.map((r) => [r.x0, r.x1])).toEqual([
      [0, 100],
      [120, 200],
    ]);
  });

  it('keeps parallel lines further apart than the snap tolerance distinct', () => {
    const merged = mergeRulings([h(100, 0, 100), h(105, 0, 100)]);
    expect(merged.map((r) => r.top)).toEqual([100, 105]);
  });
});

describe('rulingsToIntersections', () => {
  it('finds crossings and T-junctions including ends that stop just short', () => {
    const rulings = [h(0, 0, 100), h(50, 0, 100), v(0, 0, 50), v(100, 1.5, 50)];
    const points = rulingsToIntersections(rulings).map((p) => [p.x, p.y]);
    expect(points).toEqual([
      [0, 0],
      [100, 0],
      [0, 50],
      [100, 50],
    ]);
  });

  it('finds no intersection between lines that do not meet', () => {
    expect(rulingsToIntersections([h(0, 0, 100), v(150, -50, 50)])).toEqual([]);
  });
});
