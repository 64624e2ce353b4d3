import { describe, expect, it } from 'vitest';
import { indicatorRowToUnitHint } from '../../../src/stages/normalise/targets.js';
import type { DraftIndicatorRow, RawText } from '../../../src/model/draft.js';

describe('indicatorRowToUnitHint on an extended indicator table (指标方向, 计量单位 …)', () => {
  const raw = (text: string): RawText => ({ text, lines: [text], pageNumber: 1 });
  const row = (extra: Record<string, string>): DraftIndicatorRow => ({
    pageNumber: 1,
    level1: raw('产出指标'),
    level2: null,
    level3: null,
    description: null,
    target: raw('95'),
    basis: null,
    extra: Object.fromEntries(Object.entries(extra).map(([key, text]) => [key, raw(text)])),
  });
  it('gives the 计量单位 or 度量单位 as the unit, whatever the 指标方向 says', () => {
    expect(indicatorRowToUnitHint(row({ 指标方向: '正向', 计量单位: '%' }))).toEqual({ unit: '%' });
    expect(indicatorRowToUnitHint(row({ 指标方向: '反 向', 度量单位: '元/ 公里' }))).toEqual({ unit: '元/公里' });
  });
  it('leaves placeholders (—, 无, －, 空) and absent columns null', () => {
    expect(indicatorRowToUnitHint(row({ 指标性质: '≤', 度量单位: '—' }))).toEqual({ unit: null });
    expect(indicatorRowToUnitHint(row({ 计量单位: '无' }))).toEqual({ unit: null });
    expect(indicatorRowToUnitHint(row({ 计量单位: '－－' }))).toEqual({ unit: null });
    expect(indicatorRowToUnitHint(row({}))).toEqual({ unit: null });
  });
});
