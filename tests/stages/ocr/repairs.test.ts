import { describe, expect, it } from 'vitest';
import { codeByCheckChar, codePassesCheck, fullWidthToAscii, moneyDigitsOnly, snapToVocabulary, targetComparatorRecovered } from '../../../src/stages/ocr/repairs.js';

// A code of the documented shape whose check character passes (computed by hand from DESIGN.md §3's rule
// and confirmed by the example in CONTRACT.md).
const GOOD_CODE = '13081122P00781510001G';

describe('OCR repairs', () => {
  it('normalises full-width digits and ％', () => expect(fullWidthToAscii('≥９０％')).toBe('≥90%'));
  it('leaves plain text alone', () => expect(fullWidthToAscii('90%')).toBeNull());
  it('recovers ≥ read as >= in a target', () => expect(targetComparatorRecovered('>=50家')).toBe('≥50家'));
  it('does not turn a leading 2 into ≥', () => expect(targetComparatorRecovered('250家')).toBeNull());
  it('accepts the contract example code', () => expect(codePassesCheck(GOOD_CODE)).toBe(true));
  it('picks the O/0 reading that passes the check', () => expect(codeByCheckChar('13O81122P00781510001G')).toBe(GOOD_CODE));
  it('picks the I/1 reading across a wrapped space', () => expect(codeByCheckChar('13081122P0078I5I0001 G')).toBe(GOOD_CODE));
  it('snaps a one-character misread to the vocabulary', () => expect(snapToVocabulary('苗木成活', ['数量指标', '质量指标', '时效指标'])).toBeNull());
  it('snaps 数最指标 to 数量指标', () => expect(snapToVocabulary('数最指标', ['数量指标', '质量指标', '时效指标'])).toBe('数量指标'));
  it('reads money from digits only', () => expect(moneyDigitsOnly('1O10，07')).toBe('1010.07'));
});
