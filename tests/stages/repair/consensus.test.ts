import { describe, expect, it } from 'vitest';
import {
  draftToConsensus,
  isSameText,
  projectNameVote,
  readingsToWinners,
} from '../../../src/stages/repair/consensus.js';
import type { DocumentDraft, DraftIndicatorRow, DraftProject, RawText } from '../../../src/model/draft.js';
import type { Repair } from '../../../src/model/index.js';
import { EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';

const ocr = (text: string, confidence = 80): RawText => ({ text, lines: [text], pageNumber: 3, confidence });
const typed = (text: string): RawText => ({ text, lines: [text], pageNumber: 3 });
const row = (basis: RawText): DraftIndicatorRow => ({
  pageNumber: 3,
  level1: null,
  level2: null,
  level3: null,
  description: null,
  target: null,
  basis,
  extra: {},
});

const project = (seq: number): DraftProject => ({
  ...EMPTY_DRAFT_PROJECT_FIELDS,
  seq,
  tableTitle: typed(`项目${seq}绩效目标表`),
  pageFirst: 3,
  pageLast: 3,
});

const PLAN = '《岢岚县2024年基本公共卫生服务项目实施方案》';
const MISREAD = '《岢岚县2024年基本公共卫生服务项日实施方案》';

describe('isSameText', () => {
  it('takes readings a character or two apart in Han text as one text', () => {
    expect(isSameText(PLAN, MISREAD)).toBe(true);
    expect(isSameText(PLAN, '《岢岚县2024年基本公共卫生服务项目实施方》')).toBe(true);
  });

  it('keeps texts apart whose digits or letters differ, short names, and texts far apart', () => {
    expect(isSameText(PLAN, '《岢岚县2023年基本公共卫生服务项目实施方案》')).toBe(false);
    expect(isSameText('城区居民满意度', '城镇居民满意度')).toBe(false);
    expect(isSameText(PLAN, '《国家基本公共卫生服务规范（第三版）》')).toBe(false);
  });

  it('keeps apart names whose Han numerals differ: two units, not one misread', () => {
    expect(isSameText('岢岚县第一中学校本级', '岢岚县第二中学校本级')).toBe(false);
    expect(isSameText('岢岚县第一中学校本级', '岢岚县第一中学校木级')).toBe(true);
  });
});

describe('readingsToWinners', () => {
  it('gives outvoted readings the most frequent reading of the same text', () => {
    const winners = readingsToWinners([PLAN, PLAN, MISREAD, PLAN]);
    expect(winners.get(MISREAD)).toBe(PLAN);
    expect(winners.get(PLAN)).toBe(PLAN);
  });

  it('decides nothing on a tie or a single reading', () => {
    expect(readingsToWinners([PLAN, MISREAD]).get(MISREAD)).toBe(MISREAD);
  });
});

describe('draftToConsensus', () => {
  const draft = (bases: RawText[], unitNames: (RawText | null)[] = []): DocumentDraft => ({
    cover: { title: null, preparedBy: null },
    toc: [],
    overallGoal: null,
    subGoals: [],
    measures: [],
    projects: [
      { ...project(1), unitName: unitNames[0] ?? null, indicators: bases.slice(0, 2).map(row) },
      { ...project(2), unitName: unitNames[1] ?? null, indicators: bases.slice(2).map(row) },
    ],
  });

  it('replaces the outvoted OCR reading across projects and logs an ocr_consensus repair', () => {
    const repairs: Repair[] = [];
    const result = draftToConsensus(draft([ocr(PLAN), ocr(MISREAD, 41), ocr(PLAN), ocr(PLAN)]), repairs);
    expect(result.projects[0].indicators[1].basis?.text).toBe(PLAN);
    expect(repairs).toEqual([
      {
        pageNumber: 3,
        projectSeq: 1,
        kind: 'ocr_consensus',
        field: 'indicators[1].basis',
        before: MISREAD,
        after: PLAN,
        confidence: 41,
      },
    ]);
  });

  it('never changes or counts text-layer values', () => {
    const repairs: Repair[] = [];
    const result = draftToConsensus(draft([typed(PLAN), typed(MISREAD), typed(PLAN)]), repairs);
    expect(result.projects[0].indicators[1].basis?.text).toBe(MISREAD);
    expect(repairs).toEqual([]);
  });
});

describe('a project name printed in its cell, its table title and its contents entry', () => {
  const NAME = '洮北区与苏州市吴江区教师交流培训项目';
  const MISREAD_NAME = '洮北区与苏州市昊江区教师交流培训项目';
  const named = (name: RawText, tableTitle: RawText): DraftProject => ({ ...project(5), name, tableTitle });
  const tocEntry = (title: RawText) => {
    const entry = { raw: title, text: title.text };
    return { entry, tocTitle: { raw: title, replace: (text: string) => (entry.text = text) } };
  };

  it('takes the reading two of the three prints agree on, in the name and in either title, and logs it', () => {
    const repairs: Repair[] = [];
    const misreadName = named(ocr(MISREAD_NAME), ocr(`${NAME}绩效目标表`));
    projectNameVote(misreadName, tocEntry(ocr(`${NAME}绩效目标表`)).tocTitle, repairs);
    expect(misreadName.name?.text).toBe(NAME);
    expect(misreadName.name?.decision).toBe('consensus');
    expect(repairs).toEqual([
      {
        pageNumber: 3,
        projectSeq: 5,
        kind: 'ocr_consensus',
        field: 'name',
        before: MISREAD_NAME,
        after: NAME,
        confidence: 80,
      },
    ]);

    const misreadTitle = named(ocr(NAME), ocr(`${MISREAD_NAME}绩效目标表`));
    projectNameVote(misreadTitle, tocEntry(ocr(`${NAME}绩效目标表`)).tocTitle, []);
    expect(misreadTitle.tableTitle.text).toBe(`${NAME}绩效目标表`);

    const { entry, tocTitle } = tocEntry(ocr(`${MISREAD_NAME}绩效目标表`));
    projectNameVote(named(ocr(NAME), ocr(`${NAME}绩效目标表`)), tocTitle, []);
    expect(entry.text).toBe(`${NAME}绩效目标表`);
  });

  it('changes nothing when no two agree, the titles go on differently, a print is the text layer or no entry is known', () => {
    const third = '洮北区与苏州市吴汀区教师交流培训项目';
    const cases: Array<[DraftProject, RawText | null]> = [
      [named(ocr(MISREAD_NAME), ocr(`${third}绩效目标表`)), ocr(`${NAME}绩效目标表`)],
      [named(ocr(MISREAD_NAME), ocr(`${NAME}绩效目标表`)), ocr(`${NAME}支出绩效表`)],
      [named(typed(MISREAD_NAME), ocr(`${NAME}绩效目标表`)), ocr(`${NAME}绩效目标表`)],
      [named(ocr(MISREAD_NAME), ocr(`${NAME}绩效目标表`)), null],
    ];
    for (const [misread, title] of cases) {
      const repairs: Repair[] = [];
      projectNameVote(misread, title === null ? null : tocEntry(title).tocTitle, repairs);
      expect(misread.name?.text).toBe(MISREAD_NAME);
      expect(repairs).toEqual([]);
    }
  });
});
