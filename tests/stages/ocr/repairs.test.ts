import { describe, expect, it } from 'vitest';
import { amountUnitRecovered, codeByCheckChar, codePassesCheck, fullWidthToAscii, isWholeCodeReading, spendPlanHeadersCompleted, monthHeaderRecovered, moneyDigitsOnly, percentRecovered, snapToVocabulary, snapToVocabularyByPrefix, targetComparatorRecovered } from '../../../src/stages/ocr/repairs.js';
import { LEVEL1_NAMES, LEVEL2_NAMES } from '../../../src/vocabulary/index.js';

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

describe('OCR repairs of codes, targets and month headers', () => {
  it('reads a leading 二 before a number in a target as ≥', () => expect(targetComparatorRecovered('二 90%')).toBe('≥90%'));
  it('does not take 二 inside prose for ≥', () => expect(targetComparatorRecovered('二季度完成')).toBeNull());
  it('does not make a failing code pass by swapping its digits for letters', () => expect(codeByCheckChar('13081122P00781510001H')).toBeNull());
  it('takes the one letter→digit swap that passes', () => expect(codeByCheckChar('13081122P0078151D001G')).toBe(GOOD_CODE));
  it('recovers a month header with a misread last character', () => expect(monthHeaderRecovered('6月咸')).toBe('6月底'));
  it('keeps 月末 as printed', () => expect(monthHeaderRecovered('12月末')).toBeNull());
});

describe('spend-plan percentages', () => {
  it('reads 109 in a spend-plan cell as 10%', () => expect(percentRecovered('109')).toBe('10%'));
  it('reads 109% in a spend-plan cell as 10%, the % sign also read', () => expect(percentRecovered('109%')).toBe('10%'));
  it('keeps 100 and 90', () => {
    expect(percentRecovered('100')).toBeNull();
    expect(percentRecovered('90')).toBeNull();
  });
});

describe('whole code readings', () => {
  it('counts a reading as a whole code when its 21 characters are in the alphabet once confusables are mapped', () => {
    expect(isWholeCodeReading('52010388P00231510001]')).toBe(true); // a serif J read as ]
    expect(isWholeCodeReading('52010388P0O2315 10001K')).toBe(true);
    expect(codeByCheckChar('52010388P00231510001]')).toBe('52010388P00231510001J');
  });

  it('does not count a reading that lost a character or holds one no confusable explains', () => {
    expect(isWholeCodeReading('52010388P00231510001')).toBe(false);
    expect(isWholeCodeReading('52010388P00231510001#')).toBe(false);
    expect(isWholeCodeReading('52010388P00231510001JK')).toBe(false);
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

describe('money with thousands separators and spend-plan headers read by OCR', () => {
  it('keeps thousands separators for the normaliser and still reads a lone comma as the decimal point', () => {
    expect(moneyDigitsOnly('3,865,2O0.00')).toBe('3,865,200.00');
    expect(moneyDigitsOnly('3，865，200.00')).toBe('3,865,200.00');
    expect(moneyDigitsOnly('123，03')).toBe('123.03');
    expect(moneyDigitsOnly('3,865,200.00')).toBeNull();
  });

  it('names the one month header OCR could not read from the checkpoints around it', () => {
    expect(spendPlanHeadersCompleted([3, null, 10])).toEqual([3, 6, 10]);
    expect(spendPlanHeadersCompleted([3, 6, null, 12])).toEqual([3, 6, 10, 12]);
    expect(spendPlanHeadersCompleted([null, 6, 10, 12])).toEqual([3, 6, 10, 12]);
  });

  it('names a run of unread headers when as many checkpoints lie between its neighbours (`月底`, `明底`, 10月底)', () => {
    expect(spendPlanHeadersCompleted([null, null, 10, 12])).toEqual([3, 6, 10, 12]);
    expect(spendPlanHeadersCompleted([null, null, 10])).toEqual([3, 6, 10]);
    expect(spendPlanHeadersCompleted([3, null, null, 12])).toEqual([3, 6, 10, 12]);
  });

  it('names nothing when the order leaves a choice or nothing is missing', () => {
    expect(spendPlanHeadersCompleted([3, null])).toBeNull(); // 6, 10 or 12
    expect(spendPlanHeadersCompleted([null, null, 12])).toBeNull(); // two of 3, 6 and 10
    expect(spendPlanHeadersCompleted([3, 6, 10])).toBeNull();
  });
});

describe('closed-vocabulary cells read with trailing noise', () => {
  it('snaps a reading that opens with a whole level name and trails noise to that name', () => {
    expect(snapToVocabularyByPrefix('效益指标二症c++继', LEVEL1_NAMES)).toBe('效益指标');
  });

  it('snaps a wrapped name whose second line was misread when its first half names one word only', () => {
    expect(snapToVocabularyByPrefix('服务对象人人', LEVEL2_NAMES)).toBe('服务对象满意度指标');
    expect(snapToVocabularyByPrefix('服务对象本人汪汪', LEVEL2_NAMES)).toBe('服务对象满意度指标');
  });

  it('leaves readings that several words open with, or that run longer than the word', () => {
    expect(snapToVocabularyByPrefix('生态环境汪汪', LEVEL2_NAMES)).toBeNull(); // 生态环境效益指标 or 生态环境成本指标
    expect(snapToVocabularyByPrefix('服务对象的满意程度调查结果', LEVEL2_NAMES)).toBeNull();
    expect(snapToVocabularyByPrefix('数量指标', LEVEL2_NAMES)).toBeNull(); // already a word
  });
});
