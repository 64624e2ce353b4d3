import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';
import type { DocumentDraft, DraftIndicatorRow, RawText } from '../../../src/model/draft.js';
import { repairDraft } from '../../../src/stages/repair/index.js';
import { level1FromLevel2s } from '../../../src/stages/repair/vocabularySnaps.js';

const ocr = (text: string, confidence = 80): RawText => ({ text, lines: [text], pageNumber: 6, confidence });
const printed = (text: string): RawText => ({ text, lines: [text], pageNumber: 6 });
const row = (level1: RawText, level2: RawText): DraftIndicatorRow => ({
  pageNumber: 6,
  level1,
  level2,
  level3: null,
  description: null,
  target: null,
  basis: null,
  extra: {},
});

function draftOf(indicators: DraftIndicatorRow[]): DocumentDraft {
  return {
    cover: { title: null, preparedBy: null },
    toc: [],
    overallGoal: null,
    subGoals: [],
    measures: [],
    projects: [
      {
        seq: 3,
        tableTitle: printed('3、某补贴绩效目标表'),
        ...EMPTY_DRAFT_PROJECT_FIELDS,
        indicators,
        pageFirst: 6,
        pageLast: 7,
      },
    ],
  };
}

describe('a level-1 cell read as noise, named by its level-2 names', () => {
  it('is the one level-1 name owning every level-2 name of its rows', () => {
    expect(level1FromLevel2s('1人芭J有有标', ['服务对象满意度指标'])).toBe('满意度指标');
    expect(level1FromLevel2s('二症c++继', ['社会效益指标', '生态效益指标'])).toBe('效益指标');
  });

  it('is left when it reads as a level-1 name (a level-2 under the wrong level-1 stays a finding)', () => {
    expect(level1FromLevel2s('产出指标', ['服务对象满意度指标'])).toBeNull();
  });

  it('is left when the level-2 names have other owners or none', () => {
    expect(level1FromLevel2s('人人', ['数量指标', '社会效益指标'])).toBeNull();
    expect(level1FromLevel2s('人人', ['服务对象'])).toBeNull();
    expect(level1FromLevel2s('人人', [])).toBeNull();
  });

  it('is repaired in the repair stage for every row of the printed cell and logged as ocr_vocabulary', () => {
    const noise = ocr('1人芭J有有标', 0);
    const { draft, repairs } = repairDraft(
      draftOf([
        row(ocr('效益指标'), ocr('社会效益指标')),
        row(noise, ocr('服务对象满意度指标')),
        row(noise, ocr('满意度指标')),
      ]),
    );
    expect(draft.projects[0].indicators.map((indicator) => indicator.level1?.text)).toEqual([
      '效益指标',
      '满意度指标',
      '满意度指标',
    ]);
    expect(repairs.filter((repair) => repair.field.endsWith('level1'))).toEqual([
      {
        pageNumber: 6,
        projectSeq: 3,
        kind: 'ocr_vocabulary',
        field: 'indicators[1].level1',
        before: '1人芭J有有标',
        after: '满意度指标',
        confidence: 0,
      },
    ]);
  });

  it('leaves printed (text-layer) level-1 cells alone', () => {
    const { draft } = repairDraft(draftOf([row(printed('某某'), printed('服务对象满意度指标'))]));
    expect(draft.projects[0].indicators[0].level1?.text).toBe('某某');
  });
});
