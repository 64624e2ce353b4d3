import { describe, expect, it } from 'vitest';
import {
  AUTO_LINK_MIN_SCORE,
  CANDIDATE_LINK_MIN_SCORE,
  documentsToProjectLinks,
  indicatorsToPairs,
} from '../../src/history/linkProjects.js';
import type { LinkIndicator, LinkProject } from '../../src/history/model.js';
import { codeToKeys } from '../../src/history/projectCodes.js';
import { bigramDice, nameToComparable } from '../../src/history/similarity.js';
import { targetsToChange } from '../../src/history/targetChange.js';

const project = (
  seq: number,
  name: string,
  code: string | null = null,
  unitCode: string | null = '1',
): LinkProject => ({
  seq,
  code,
  name,
  unitCode,
  unitName: null,
});

const indicator = (seq: number, level3: string, target: Partial<LinkIndicator> = {}): LinkIndicator => ({
  seq,
  level1: '产出指标',
  level2: '数量指标',
  level3,
  targetText: null,
  targetOp: null,
  targetValue: null,
  targetUnit: null,
  ...target,
});

const shared = (a: string[], b: string[]) => a.some((key) => b.includes(key));

describe('codeToKeys', () => {
  it('matches a seed-style code of the next year (year digits and check character differ), wherever the year is', () => {
    expect(shared(codeToKeys('13081122P00781510001G', 2022), codeToKeys('13081123P00781510001X', 2023))).toBe(true);
    // Another layout: the four-digit year first, no check character.
    expect(shared(codeToKeys('2022-4401-0007', 2022), codeToKeys('2023-4401-0007', 2023))).toBe(true);
    expect(shared(codeToKeys('2022-4401-0007', 2022), codeToKeys('2023-4401-0008', 2023))).toBe(false);
  });

  it('does not match another project whose number differs where no year is printed', () => {
    expect(shared(codeToKeys('13081122P00781510001G', 2022), codeToKeys('13081123P00781610001X', 2023))).toBe(false);
  });

  it('matches the same code in two copies of one year', () => {
    expect(shared(codeToKeys('A-7', null), codeToKeys('A-7', null))).toBe(true);
  });
});

describe('names', () => {
  it('drop a leading year, spaces and punctuation, and score by bigram Dice', () => {
    expect(nameToComparable('2022 年科技创新奖励专项')).toBe('科技创新奖励专项');
    expect(bigramDice('防汛抗旱专项', '抗旱专项')).toBe(0.75);
    expect(bigramDice('防汛抗旱专项', '防汛专项')).toBe(0.5);
    expect(bigramDice('', '')).toBe(0);
  });
});

describe('documentsToProjectLinks', () => {
  it('links by name without codes, accepting only at the auto threshold; lower scores are candidates', () => {
    const links = documentsToProjectLinks(
      { fiscalYear: 2022, projects: [project(1, '水资源管理专项'), project(2, '防汛抗旱专项')] },
      { fiscalYear: 2023, projects: [project(1, '水资源管理专项'), project(2, '抗旱专项'), project(3, '防汛专项')] },
    );
    expect(links).toEqual([
      { fromSeq: 1, toSeq: 1, method: 'name', score: 1, status: 'auto' },
      { fromSeq: 2, toSeq: 2, method: 'name', score: 0.75, status: 'candidate' },
      { fromSeq: 2, toSeq: 3, method: 'name', score: 0.5, status: 'candidate' },
    ]);
    for (const link of links) {
      expect(link.score).toBeGreaterThanOrEqual(CANDIDATE_LINK_MIN_SCORE);
      if (link.status === 'auto') expect(link.score).toBeGreaterThanOrEqual(AUTO_LINK_MIN_SCORE);
    }
  });

  it('never auto-links two projects with different codes by name, and lowers the score across units', () => {
    const links = documentsToProjectLinks(
      { fiscalYear: 2022, projects: [project(1, '科普专项', 'X1', '1'), project(2, '科协交流专项', null, '1')] },
      { fiscalYear: 2023, projects: [project(1, '科普专项', 'X9', '1'), project(2, '科协交流专项', null, '2')] },
    );
    expect(links).toEqual([
      { fromSeq: 1, toSeq: 1, method: 'name', score: 1, status: 'candidate' },
      { fromSeq: 2, toSeq: 2, method: 'name', score: 0.8, status: 'candidate' },
    ]);
  });
});

describe('indicatorsToPairs and targetsToChange', () => {
  it('pairs by path and name, then by similar name; the rest new or dropped', () => {
    const from = [indicator(1, '水库安全鉴定完成率'), indicator(2, '监测点位数'), indicator(3, '巡查次数')];
    const to = [indicator(1, '巡查次数'), indicator(2, '水库安全鉴定按期完成率'), indicator(3, '数字孪生试点河段')];
    expect(indicatorsToPairs(from, to)).toEqual([
      { fromSeq: 3, toSeq: 1, score: 1 },
      { fromSeq: 1, toSeq: 2, score: 0.7778 },
      { fromSeq: null, toSeq: 3, score: null },
      { fromSeq: 2, toSeq: null, score: null },
    ]);
  });

  it('classifies bounds, units, equality and text targets', () => {
    const t = (op: LinkIndicator['targetOp'], value: number | null, unit: string | null, text: string | null = null) =>
      indicator(1, 'x', { targetOp: op, targetValue: value, targetUnit: unit, targetText: text });
    expect(targetsToChange(t('>=', 90, '%'), t('>=', 95, '%'))).toBe('tightened');
    expect(targetsToChange(t('>=', 90, '%'), t('>', 90, '%'))).toBe('tightened');
    expect(targetsToChange(t('<=', 48, '小时'), t('<=', 24, '小时'))).toBe('tightened');
    expect(targetsToChange(t('<=', 24, '小时'), t('<=', 36, '小时'))).toBe('loosened');
    expect(targetsToChange(t('>=', 90, '%', '≥90%'), t('>=', 90, '%', '不低于90%'))).toBe('unchanged');
    expect(targetsToChange(t('>=', 90, '%'), t('>=', 90, '个'))).toBe('changed');
    expect(targetsToChange(t('=', 100, '%'), t('=', 95, '%'))).toBe('changed');
    expect(targetsToChange(t('>=', 1, '个'), t('<=', 1, '个'))).toBe('changed');
    expect(targetsToChange(t(null, null, null, '稳步提高'), t(null, null, null, '持续提高'))).toBe('changed');
    expect(targetsToChange(t(null, null, null, '持续 提高'), t(null, null, null, '持续提高'))).toBe('unchanged');
    expect(targetsToChange(null, t('>=', 1, '个'))).toBe('new');
    expect(targetsToChange(t('>=', 1, '个'), null)).toBe('dropped');
  });
});
