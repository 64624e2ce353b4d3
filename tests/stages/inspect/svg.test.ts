import { describe, expect, it } from 'vitest';
import { layoutToSvg } from '../../../src/stages/inspect/svg.js';
import { layoutPage } from '../../../src/stages/layout/index.js';
import type { PageText, Ruling } from '../../../src/model/index.js';

const h = (y: number, x0: number, x1: number): Ruling => ({ orientation: 'horizontal', x0, x1, top: y, bottom: y });
const v = (x: number, top: number, bottom: number): Ruling => ({ orientation: 'vertical', x0: x, x1: x, top, bottom });

const page: PageText = {
  pageNumber: 4,
  widthPt: 842,
  heightPt: 595,
  source: 'text',
  rulings: [h(100, 100, 300), h(130, 100, 300), h(160, 100, 300), v(100, 100, 160), v(200, 100, 160), v(300, 100, 160)],
  runs: [
    { text: '指标<值>', x0: 210, x1: 260, top: 105, bottom: 115, fontSizePt: 10 },
    { text: '单位：万元', x0: 100, x1: 150, top: 80, bottom: 90, fontSizePt: 10 },
  ],
};

describe('layoutToSvg', () => {
  const svg = layoutToSvg(page, layoutPage(page));

  it('draws at page size in points', () => {
    expect(svg).toMatch(/^<svg [^>]*width="842pt" height="595pt" viewBox="0 0 842 595"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws every ruling, every cell with its row/col label, and every run with escaped text', () => {
    expect(svg.match(/<line /g)).toHaveLength(6);
    for (const label of ['T0 0,0', 'T0 0,1', 'T0 1,0', 'T0 1,1']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>指标&lt;值&gt;</text>');
    expect(svg).toContain('>单位：万元</text>');
    expect(svg).toContain('<rect x="100" y="100" width="100" height="30"');
  });
});
