import { describe, expect, it } from 'vitest';
import { PLACE_NAMES_BY_PROVINCE } from '../../src/vocabulary/placeNames.js';

const names = Object.values(PLACE_NAMES_BY_PROVINCE).flatMap((list) => list.split(' '));

describe('PLACE_NAMES_BY_PROVINCE', () => {
  it('holds province, prefecture and county names of every province', () => {
    expect(Object.keys(PLACE_NAMES_BY_PROVINCE)).toHaveLength(34);
    expect(PLACE_NAMES_BY_PROVINCE.江苏省.split(' ')).toEqual(expect.arrayContaining(['江苏省', '南京市', '溧水区']));
    expect(PLACE_NAMES_BY_PROVINCE.河南省.split(' ')).toContain('漯河市');
    expect(PLACE_NAMES_BY_PROVINCE.河北省.split(' ')).toContain('涞水县');
  });

  it('is deduplicated within a province and leaves placeholders and zones out', () => {
    for (const list of Object.values(PLACE_NAMES_BY_PROVINCE)) {
      const provinceNames = list.split(' ');
      expect(new Set(provinceNames).size).toBe(provinceNames.length);
    }
    expect(names).not.toContain('市辖区');
    expect(names.filter((name) => /直辖|开发区|园区|^$/u.test(name))).toEqual([]);
  });
});
