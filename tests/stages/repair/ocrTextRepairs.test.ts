import { describe, expect, it } from 'vitest';
import {
  amountUnitRecovered,
  codeByCheckChar,
  monthHeaderRecovered,
  moneyDigitsOnly,
  percentRecovered,
  targetComparatorRecovered,
} from '../../../src/stages/repair/ocrTextRepairs.js';

// A code of the documented shape whose check character passes (computed by hand from docs/design.md §3's rule
// and confirmed by the example in docs/contract.md).
const GOOD_CODE = '13081122P00781510001G';

describe('OCR repairs', () => {
  it('recovers ≥ read as >= in a target', () => expect(targetComparatorRecovered('>=50家')).toBe('≥50家'));
  it('does not turn a leading 2 into ≥', () => expect(targetComparatorRecovered('250家')).toBeNull());
  it('picks the O/0 reading that passes the check', () =>
    expect(codeByCheckChar('13O81122P00781510001G')).toBe(GOOD_CODE));
  it('picks the I/1 reading across a wrapped space', () =>
    expect(codeByCheckChar('13081122P0078I5I0001 G')).toBe(GOOD_CODE));
  it('reads money from digits only', () => expect(moneyDigitsOnly('1O10，07')).toBe('1010.07'));
});

describe('OCR repairs of codes, targets and month headers', () => {
  it('reads a leading 二 before a number in a target as ≥', () =>
    expect(targetComparatorRecovered('二 90%')).toBe('≥90%'));
  it('does not take 二 inside prose for ≥', () => expect(targetComparatorRecovered('二季度完成')).toBeNull());
  it('keeps a full-width ＝ (the OCR stage found no chevron in its glyph)', () =>
    expect(targetComparatorRecovered('＝100%')).toBeNull());
  it('does not make a failing code pass by swapping its digits for letters', () =>
    expect(codeByCheckChar('13081122P00781510001H')).toBeNull());
  it('takes the one letter→digit swap that passes', () =>
    expect(codeByCheckChar('13081122P0078151D001G')).toBe(GOOD_CODE));
  it('maps a serif J read as ] back to J', () =>
    expect(codeByCheckChar('52010388P00231510001]')).toBe('52010388P00231510001J'));
  it('recovers a month header with a misread last character', () =>
    expect(monthHeaderRecovered('6月咸')).toBe('6月底'));
  it('keeps 月末 as printed', () => expect(monthHeaderRecovered('12月末')).toBeNull());
});

describe('spend-plan percentages', () => {
  it('reads 109 in a spend-plan cell as 10%', () => expect(percentRecovered('109')).toBe('10%'));
  it('reads 109% in a spend-plan cell as 10%, the % sign also read', () =>
    expect(percentRecovered('109%')).toBe('10%'));
  it('keeps 100 and 90', () => {
    expect(percentRecovered('100')).toBeNull();
    expect(percentRecovered('90')).toBeNull();
  });
});

describe('amount units read by OCR', () => {
  const units = ['元', '千元', '万元', '亿元'];
  it('recovers 千元 and 万元 from their usual misreadings', () => {
    expect(amountUnitRecovered('干元', units)).toBe('千元');
    expect(amountUnitRecovered('于元', units)).toBe('千元');
    expect(amountUnitRecovered('为元', units)).toBe('万元');
    expect(amountUnitRecovered('方元', units)).toBe('万元');
  });

  it('leaves known units and unexplained readings alone', () => {
    expect(amountUnitRecovered('万元', units)).toBeNull();
    expect(amountUnitRecovered('美元', units)).toBeNull();
    expect(amountUnitRecovered('元', units)).toBeNull();
  });
});

describe('money with thousands separators read by OCR', () => {
  it('keeps thousands separators for the normaliser and still reads a lone comma as the decimal point', () => {
    expect(moneyDigitsOnly('3,865,2O0.00')).toBe('3,865,200.00');
    expect(moneyDigitsOnly('3，865，200.00')).toBe('3,865,200.00');
    expect(moneyDigitsOnly('123，03')).toBe('123.03');
    expect(moneyDigitsOnly('3,865,200.00')).toBeNull();
  });
});
