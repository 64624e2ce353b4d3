import { describe, expect, it } from 'vitest';
import { draftIndicatorRow, draftOfProjects, EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';
import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../../src/model/draft.js';
import { repairDraft } from '../../../src/stages/repair/index.js';
import { draftToOcrFindings, OCR_LOW_CONFIDENCE } from '../../../src/stages/normalise/index.js';

const ocr = (text: string, confidence: number, pageNumber = 7): RawText => ({
  text,
  lines: [text],
  pageNumber,
  confidence,
});
const printed = (text: string): RawText => ({ text, lines: [text], pageNumber: 7 });

function project(overrides: Partial<DraftProject>): DraftProject {
  return {
    seq: 3,
    tableTitle: printed('某专项绩效目标表'),
    ...EMPTY_DRAFT_PROJECT_FIELDS,
    indicators: [],
    pageFirst: 7,
    pageLast: 7,
    ...overrides,
  };
}

const draftOf = (p: DraftProject): DocumentDraft => draftOfProjects([p]);
const row = (cells: Partial<DraftIndicatorRow>): DraftIndicatorRow => draftIndicatorRow(7, cells);

describe('OCR repairs in the repair stage', () => {
  it('reads a code by its check character and logs ocr_check_char with the cell confidence', () => {
    const { draft, repairs } = repairDraft(
      draftOf(
        project({
          code: { text: '13O81122P00781510 001G', lines: ['13O81122P00781510', '001G'], pageNumber: 7, confidence: 41 },
        }),
      ),
    );
    expect(draft.projects[0].code!.text).toBe('13081122P00781510001G');
    expect(repairs.find((r) => r.kind === 'ocr_check_char')).toMatchObject({
      field: 'code',
      before: '13O81122P00781510001G',
      after: '13081122P00781510001G',
      confidence: 41,
      projectSeq: 3,
    });
  });

  it('recovers ≥ in a target, money from digits, level names and month headers from the vocabulary', () => {
    const p = project({
      budgetTotal: ocr('1O10，07', 70),
      spendPlanHeaders: [{ ...ocr('6月咸', 55), x0: 0, x1: 10 }],
      indicators: [row({ level1: ocr('产出措标', 80), level2: ocr('数最指标', 62), target: ocr('二 90%', 30) })],
    });
    const { draft, repairs } = repairDraft(draftOf(p));
    const repaired = draft.projects[0];
    expect(repaired.budgetTotal!.text).toBe('1010.07');
    expect(repaired.spendPlanHeaders[0].text).toBe('6月底');
    expect(repaired.indicators[0].level1!.text).toBe('产出指标');
    expect(repaired.indicators[0].level2!.text).toBe('数量指标');
    expect(repaired.indicators[0].target!.text).toBe('≥90%');
    expect(repairs.map((r) => r.kind).sort()).toEqual([
      'cjk_space',
      'ocr_comparator',
      'ocr_money',
      'ocr_vocabulary',
      'ocr_vocabulary',
      'ocr_vocabulary',
    ]);
    expect(repairs.find((r) => r.kind === 'ocr_comparator')).toMatchObject({
      field: 'indicators[0].target',
      before: '二90%',
      after: '≥90%',
      confidence: 30,
    });
  });

  it('leaves text-layer text alone (no confidence, no OCR repair)', () => {
    const { draft, repairs } = repairDraft(
      draftOf(
        project({
          code: printed('13O81122P00781510001G'),
          indicators: [row({ level2: printed('数最指标'), target: printed('二 90%') })],
        }),
      ),
    );
    expect(draft.projects[0].code!.text).toBe('13O81122P00781510001G');
    expect(draft.projects[0].indicators[0].level2!.text).toBe('数最指标');
    expect(repairs.filter((r) => r.kind.startsWith('ocr_'))).toEqual([]);
  });
});

describe('ocr_low_confidence findings', () => {
  it('names page, project, field and text of each OCR cell below the threshold, and only those', () => {
    const p = project({
      name: ocr('某专项', OCR_LOW_CONFIDENCE + 20, 8),
      indicators: [row({ level3: ocr('申报奖励企业数', OCR_LOW_CONFIDENCE - 10, 9), basis: printed('依据') })],
    });
    const findings = draftToOcrFindings(draftOf(p));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'ocr_low_confidence',
      projectSeq: 3,
      pageNumber: 9,
      severity: 'warning',
    });
    expect(findings[0].message).toContain('indicators[0].level3');
    expect(findings[0].message).toContain('第 9 页');
    expect(findings[0].message).toContain('申报奖励企业数');
  });
});
