/** Issue 13 "confidence everywhere": repairs that decide an OCR text (vocabulary, consensus) say so in its decision. */
import { describe, expect, it } from 'vitest';
import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../../src/model/draft.js';
import type { Repair } from '../../../src/model/index.js';
import { draftToConsensus } from '../../../src/stages/repair/consensus.js';
import { repairOcrText } from '../../../src/stages/repair/index.js';
import { EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';

const ocr = (text: string, confidence: number, extra: Partial<RawText> = {}): RawText => ({
  text,
  lines: [text],
  pageNumber: 4,
  confidence,
  engine: 'paddle',
  decision: 'read',
  ...extra,
});
const typed = (text: string): RawText => ({ text, lines: [text], pageNumber: 4 });
const row = (cells: Partial<DraftIndicatorRow>): DraftIndicatorRow => ({
  pageNumber: 4,
  level1: null,
  level2: null,
  level3: null,
  description: null,
  target: null,
  basis: null,
  extra: {},
  ...cells,
});
const project = (overrides: Partial<DraftProject> = {}): DraftProject => ({
  ...EMPTY_DRAFT_PROJECT_FIELDS,
  seq: 2,
  tableTitle: typed('项目绩效目标表'),
  pageFirst: 4,
  pageLast: 4,
  ...overrides,
});
const draft = (projects: DraftProject[], overallGoal: RawText | null = null): DocumentDraft => ({
  cover: { title: null, preparedBy: null },
  toc: [],
  overallGoal,
  subGoals: [],
  measures: [],
  projects,
});

describe('repairs that decide an OCR text', () => {
  it('a level name snapped to the vocabulary is decided by it', () => {
    const repaired = repairOcrText(ocr('产出指', 60), 'level1', 'indicators[0].level1', { projectSeq: 2, repairs: [] });
    expect(repaired).toMatchObject({ text: '产出指标', decision: 'vocabulary', engine: 'paddle', confidence: 60 });
    const untouched = repairOcrText(ocr('产出指标', 60), 'level1', 'indicators[0].level1', {
      projectSeq: 2,
      repairs: [],
    });
    expect(untouched.decision).toBe('read');
  });

  it('an outvoted reading replaced by the majority is decided by consensus', () => {
    const plan = '《某县基本公共卫生服务项目实施方案》';
    const misread = '《某县基本公共卫生服务项日实施方案》';
    const rows = [plan, plan, misread].map((basis) => row({ basis: ocr(basis, 80) }));
    const repairs: Repair[] = [];
    const voted = draftToConsensus(draft([project({ indicators: rows })]), repairs);
    expect(repairs).toHaveLength(1);
    expect(voted.projects[0].indicators.map((indicator) => indicator.basis?.decision)).toEqual([
      'read',
      'read',
      'consensus',
    ]);
  });
});
