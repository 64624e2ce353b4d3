import { describe, expect, it } from 'vitest';
import {
  endsAsTableTitle,
  indicatorExtraFieldOf,
  infoLabelOf,
  isDocumentTitle,
  weightHeaderToTotal,
} from '../../src/vocabulary/index.js';
import { INDICATOR_HEADER_VARIANTS, INFO_LABEL_VARIANTS, TEMPLATE_IDS } from '../../src/vocabulary/labels.js';
import { TEMPLATES, labelsToTemplate } from '../../src/vocabulary/templates.js';

describe('the label vocabulary (templates as data)', () => {
  it('lists each label text once per table kind, each with templates the vocabulary knows', () => {
    for (const variants of [INFO_LABEL_VARIANTS, INDICATOR_HEADER_VARIANTS]) {
      const texts = variants.map((variant) => variant.text);
      expect(new Set(texts).size).toBe(texts.length);
      for (const variant of variants) {
        expect(variant.templates.length, variant.text).toBeGreaterThan(0);
        for (const id of variant.templates) expect(TEMPLATE_IDS, variant.text).toContain(id);
      }
    }
    expect(TEMPLATES.map((template) => template.id)).toEqual([...TEMPLATE_IDS]);
  });

  it('reads the central labels: 主管部门及代码, 实施单位, 上年结转资金, 年度总体目标, 项目资金（万元）, 执行率, 分值（10）', () => {
    expect(
      ['主管部门及代码', '实施单位', '上年结转资金', '年度总体目标', '项目资金（万元）', '执行率', '分值（10）'].map(
        infoLabelOf,
      ),
    ).toEqual(['competentDept', 'implementingUnit', 'budgetCarryover', 'goal', 'budgetBlock', 'notMoney', 'notMoney']);
  });

  it('maps weight, direction and unit headers to their fields and reads the total a weight header prints', () => {
    expect(['分值（90）', '权重', '指标方向', '计量单位', '指标值', '序号'].map(indicatorExtraFieldOf)).toEqual([
      'weight',
      'weight',
      'direction',
      'measureUnit',
      null,
      null,
    ]);
    expect(['分值（90）', '分值(90)', '分值权重（90）', '权重', '计量单位（90）'].map(weightHeaderToTotal)).toEqual([
      90,
      90,
      90,
      null,
      null,
    ]);
  });

  it('takes `<部门>2023年部门预算` for a cover title and `项目绩效目标表（2023年度）` for a table title', () => {
    expect(isDocumentTitle('国家某某局2023年部门预算')).toBe(true);
    expect(isDocumentTitle('第二部分 2023年部门预算表')).toBe(false);
    expect(endsAsTableTitle('项目绩效目标表 (2023 年度)')).toBe(true);
    expect(endsAsTableTitle('项目绩效目标表（2023年度）')).toBe(true);
    expect(endsAsTableTitle('2023年度收支总表')).toBe(false);
  });
});

describe('labelsToTemplate', () => {
  it("matches the seed's labels to hebei-text, the central ones to central-project, provincial ones to provincial-application", () => {
    expect(
      labelsToTemplate([
        '项目编码',
        '项目名称',
        '预算规模及资金用途',
        '预算数',
        '其他资金',
        '资金支出计划（%）',
        '绩效目标',
      ])?.id,
    ).toBe('hebei-text');
    expect(
      labelsToTemplate([
        '项目名称',
        '主管部门及代码',
        '实施单位',
        '年度资金总额',
        '上年结转资金',
        '年度总体目标',
        '分值',
      ])?.id,
    ).toBe('central-project');
    expect(labelsToTemplate(['项目名称', '主管部门', '实施单位', '指标方向', '计量单位'])?.id).toBe(
      'provincial-application',
    );
  });

  it('matches the municipal labels (项目资金（元）, 项目资金总额, 年度资金申请总额, 当年财政拨款, 总体绩效目标) to municipal-project', () => {
    expect(
      ['项目资金（元）', '项目资金总额', '年度资金申请总额', '当年财政拨款', '总体绩效目标'].map(infoLabelOf),
    ).toEqual(['budgetBlock', 'budgetProjectTotal', 'budgetTotal', 'budgetFiscal', 'goal']);
    expect(indicatorExtraFieldOf('备注')).toBe('remark');
    expect(
      labelsToTemplate([
        '项目名称',
        '主管部门',
        '实施单位',
        '项目资金（万元）',
        '项目资金总额',
        '年度资金申请总额',
        '当年财政拨款',
        '上年结转资金',
        '总体绩效目标',
        '备注',
      ])?.id,
    ).toBe('municipal-project');
  });

  it('matches no template without a label of the vocabulary', () => {
    expect(labelsToTemplate([])).toBeNull();
    expect(labelsToTemplate(['某某'])).toBeNull();
  });

  it("says which templates print a code and a spend plan (the findings' conditions)", () => {
    expect(TEMPLATES.map((template) => [template.id, template.prints.code, template.prints.spendPlan])).toEqual([
      ['hebei-text', true, true],
      ['central-project', false, false],
      ['provincial-application', false, false],
      ['municipal-project', false, false],
    ]);
  });
});
