import { describe, expect, it } from 'vitest';
import {
  draftToPlaceNames,
  isLookAlike,
  kangxiRadical,
  type PlaceEvidence,
  placeGazetteer,
  placeNamesRecovered,
  textToPlaceEvidence,
} from '../../../src/stages/repair/placeNames.js';
import { repairDraft } from '../../../src/stages/repair/index.js';
import type { DraftProject, RawText } from '../../../src/model/draft.js';
import type { Repair } from '../../../src/model/index.js';
import { draftIndicatorRow, draftOfProjects, EMPTY_DRAFT_PROJECT_FIELDS } from '../../support/emptyDraft.js';

const ocr = (text: string, confidence = 80): RawText => ({ text, lines: [text], pageNumber: 3, confidence });
const typed = (text: string): RawText => ({ text, lines: [text], pageNumber: 3 });
const gazetteer = placeGazetteer();
const evidenceOf = (...texts: string[]): PlaceEvidence => {
  const evidence: PlaceEvidence = { names: new Set(), provinces: new Set() };
  for (const text of texts) textToPlaceEvidence(text, gazetteer, evidence);
  return evidence;
};
const recovered = (text: string, evidence: PlaceEvidence) =>
  placeNamesRecovered(text, gazetteer, evidence)?.text ?? null;

const project = (fields: Partial<DraftProject>): DraftProject => ({
  ...EMPTY_DRAFT_PROJECT_FIELDS,
  seq: 4,
  tableTitle: typed('项目4绩效目标表'),
  pageFirst: 3,
  pageLast: 3,
  ...fields,
});

describe('kangxiRadical / isLookAlike', () => {
  it('reads the radical from the radical-stroke order of the URO', () => {
    expect(kangxiRadical('水')).toBe(85);
    expect(kangxiRadical('溧')).toBe(85);
    expect(kangxiRadical('遴')).toBe(162);
    expect(kangxiRadical('A')).toBeNull();
  });

  it('takes characters of one radical as look-alikes, others not', () => {
    expect(isLookAlike('漂', '溧')).toBe(true);
    expect(isLookAlike('深', '漯')).toBe(true);
    expect(isLookAlike('进', '邯')).toBe(false);
    expect(isLookAlike('目', '城')).toBe(false);
  });
});

describe('placeNamesRecovered', () => {
  it('repairs a whole name one look-alike away in a province the document names', () => {
    const text = '赴南京市漂水区跟岗研修';
    expect(recovered(text, evidenceOf(text))).toBe('赴南京市溧水区跟岗研修');
    expect(recovered('与深河市共建', evidenceOf('濮阳市商务局'))).toBe('与漯河市共建');
  });

  it('repairs a short form followed by a suffix when the document prints the name right elsewhere', () => {
    expect(recovered('赴漂水县跟岗', evidenceOf('南京市溧水区'))).toBe('赴溧水县跟岗');
    // Without it the whole name decides: 涟水县 is the one water-radical ?水县 of 江苏; with no place named, nothing.
    expect(recovered('赴漂水县跟岗', evidenceOf('南京市'))).toBe('赴涟水县跟岗');
    expect(recovered('赴漂水县跟岗', evidenceOf())).toBeNull();
  });

  it('takes a whole name and its short form before the same suffix as one repair', () => {
    expect(recovered('邀请漂水区名师', evidenceOf('南京市溧水区'))).toBe('邀请溧水区名师');
  });

  it('leaves real names alone', () => {
    const text = '南京市溧水区与涞水县、漯河市';
    expect(recovered(text, evidenceOf(text, '江西省'))).toBeNull();
  });

  it('refuses ambiguous matches: two look-alike names in provinces the document names', () => {
    // 溧水区 (江苏) and 渝水区 (江西) are both one water-radical character from 漂水区.
    expect(recovered('漂水区', evidenceOf('南京市', '新余市'))).toBeNull();
  });

  it('leaves a renamed division read right alone (溧水县 before it became 溧水区), not taking it for a neighbour', () => {
    expect(recovered('南京市溧水县教育局', evidenceOf('南京市'))).toBeNull();
  });

  it('refuses words that only resemble a name, and names of provinces the document never names', () => {
    expect(recovered('推进山区特色农业', evidenceOf('邯郸市'))).toBeNull();
    expect(recovered('与深河市共建', evidenceOf('南京市'))).toBeNull();
  });
});

describe('draftToPlaceNames', () => {
  it('repairs OCR fields, logs ocr_vocabulary, leaves bare short forms and text-layer text alone', () => {
    const draft = draftOfProjects(
      [
        project({
          name: ocr('洮南市与南京市漂水区教师交流培训项目', 71),
          goal: ocr('开展洮南与漂水两地教师交流'),
          fundUse: typed('赴南京市漂水区跟岗研修'),
          indicators: [draftIndicatorRow(3, { description: ocr('赴漂水区跟岗研修的骨干教师') })],
        }),
      ],
      ocr('与漂水两地交流'),
    );
    const repairs: Repair[] = [];
    const repaired = draftToPlaceNames(draft, repairs);
    const [out] = repaired.projects;
    expect(out.name?.text).toBe('洮南市与南京市溧水区教师交流培训项目');
    expect(out.indicators[0].description?.text).toBe('赴溧水区跟岗研修的骨干教师');
    // A short form without its suffix is not a name by itself (加深河道 is no misread 漯河): left as read.
    expect(out.goal?.text).toBe('开展洮南与漂水两地教师交流');
    expect(repaired.overallGoal?.text).toBe('与漂水两地交流');
    expect(out.fundUse?.text).toBe('赴南京市漂水区跟岗研修');
    expect(repairs).toContainEqual({
      pageNumber: 3,
      projectSeq: 4,
      kind: 'ocr_vocabulary',
      field: 'name',
      before: '洮南市与南京市漂水区教师交流培训项目',
      after: '洮南市与南京市溧水区教师交流培训项目',
      confidence: 71,
    });
    expect(repairs.map((repair) => repair.field).sort()).toEqual(['indicators[0].description', 'name']);
    // The input draft is not changed.
    expect(draft.projects[0].name?.text).toBe('洮南市与南京市漂水区教师交流培训项目');
  });

  it('leaves a bare short form alone, even where the name is printed right in the document', () => {
    const draft = draftOfProjects([
      project({ goal: ocr('开展洮南与漂水两地教师交流'), unitName: typed('南京市溧水区') }),
    ]);
    const repairs: Repair[] = [];
    expect(draftToPlaceNames(draft, repairs)).toBe(draft);
    expect(repairs).toEqual([]);
  });

  it('runs in the repair stage', () => {
    const draft = draftOfProjects([project({ fundUse: ocr('用于与深河市共建冷链'), unitName: typed('濮阳市商务局') })]);
    const { draft: repaired, repairs } = repairDraft(draft);
    expect(repaired.projects[0].fundUse?.text).toBe('用于与漯河市共建冷链');
    expect(repairs.filter((repair) => repair.kind === 'ocr_vocabulary').map((repair) => repair.field)).toEqual([
      'fundUse',
    ]);
  });

  it('changes nothing in a text-layer draft', () => {
    const draft = draftOfProjects([
      project({ fundUse: typed('用于与深河市共建冷链'), unitName: typed('濮阳市商务局') }),
    ]);
    const repairs: Repair[] = [];
    expect(draftToPlaceNames(draft, repairs)).toBe(draft);
    expect(repairs).toEqual([]);
  });
});
