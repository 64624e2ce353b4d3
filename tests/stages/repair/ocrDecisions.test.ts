/** Issue 13 "confidence everywhere": repairs that decide an OCR text (vocabulary, consensus) say so in its decision. */
import { describe, expect, it } from 'vitest';
import type { Repair } from '../../../src/model/index.js';
import { draftToConsensus } from '../../../src/stages/repair/consensus.js';
import { repairOcrText } from '../../../src/stages/repair/index.js';
import { draft, ocr, project, row } from '../../support/ocrDraft.js';

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
