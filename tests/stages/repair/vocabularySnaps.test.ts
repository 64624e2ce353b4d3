import { describe, expect, it } from 'vitest';
import {
  snapToVocabulary,
  snapToVocabularyByPrefix,
  spendPlanHeadersCompleted,
} from '../../../src/stages/repair/vocabularySnaps.js';
import { LEVEL1_NAMES, LEVEL2_NAMES } from '../../../src/vocabulary/index.js';

describe('OCR readings snapped to the vocabulary', () => {
  it('snaps a one-character misread to the vocabulary', () =>
    expect(snapToVocabulary('苗木成活', ['数量指标', '质量指标', '时效指标'])).toBeNull());
  it('snaps 数最指标 to 数量指标', () =>
    expect(snapToVocabulary('数最指标', ['数量指标', '质量指标', '时效指标'])).toBe('数量指标'));
});

describe('spend-plan headers read by OCR', () => {
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
