import { describe, expect, it } from 'vitest';
import {
  cellTextsToAmountUnit,
  editDistance,
  infoLabelOf,
  isDocumentTitle,
  isPlaceholder,
  monthOfHeader,
  textToAmountUnit,
} from '../../src/vocabulary/index.js';

describe('infoLabelOf on labels printed with brackets, colons and 其中', () => {
  it('matches a label after removing a trailing （…） or ：', () => {
    expect(infoLabelOf('预算数（万元）')).toBe('budgetTotal');
    expect(infoLabelOf('财政资金（万元）')).toBe('budgetFiscal');
    expect(infoLabelOf('项目编码：')).toBe('code');
    expect(infoLabelOf('资金支出计划（％）')).toBe('spendPlan');
    expect(infoLabelOf('其中：其他资金')).toBe('budgetOther');
  });

  it('takes 其中 followed by a comma (OCR reads the colon as `，`) as the same prefix', () => {
    expect(infoLabelOf('其中，财政资金')).toBe('budgetFiscal');
    expect(infoLabelOf('其中,其他资金')).toBe('budgetOther');
  });

  it('matches a label whose trailing bracket lost its closing half in OCR (`%)` read as one glyph)', () => {
    expect(infoLabelOf('资金支出计划 ( 终')).toBe('spendPlan');
    expect(infoLabelOf('预算数（万')).toBe('budgetTotal');
  });

  it('knows the other words for the budget total', () => {
    expect(infoLabelOf('年度预算')).toBe('budgetTotal');
    expect(infoLabelOf('预算资金')).toBe('budgetTotal');
    expect(infoLabelOf('资金总额')).toBe('budgetTotal');
  });

  it('does not take a value for a label', () => {
    expect(infoLabelOf('50.00')).toBeNull();
    expect(infoLabelOf('支付服务费')).toBeNull();
  });
});

describe('textToAmountUnit', () => {
  it('reads the unit of a 单位 line and of a label bracket', () => {
    expect(textToAmountUnit('单位：万元')).toBe('万元');
    expect(textToAmountUnit('金额单位: 元')).toBe('元');
    expect(textToAmountUnit('预算数（万元）')).toBe('万元');
    expect(textToAmountUnit('资金支出计划（%）')).toBeNull();
  });
});

describe('monthOfHeader', () => {
  it('reads month headers printed with their unit or in full-width digits', () => {
    expect(monthOfHeader('3月底（%）')).toBe(3);
    expect(monthOfHeader('９月底')).toBe(9);
    expect(monthOfHeader('3月底完成')).toBeNull();
  });
});

describe('isPlaceholder', () => {
  it('treats 无, 没有, dashes and slashes as no value, and text as a value', () => {
    for (const text of ['无', '没有', '—', '——', '-', '－', '/', '／', ' ']) expect(isPlaceholder(text)).toBe(true);
    expect(isPlaceholder('-5%')).toBe(false);
    expect(isPlaceholder('无线网络')).toBe(false);
  });
});

describe('isDocumentTitle', () => {
  it('recognises 部门 and 单位 titles and the 预算项目绩效目标 kind', () => {
    expect(isDocumentTitle('某局2022年部门预算绩效文本')).toBe(true);
    expect(isDocumentTitle('某所2022年单位预算绩效文本')).toBe(true);
    expect(isDocumentTitle('某局2022年部门预算项目绩效目标')).toBe(true);
    expect(isDocumentTitle('第二部分 预算项目绩效目标')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts edits per character, Han included', () => {
    expect(editDistance('数量指标', '数最指标')).toBe(1);
    expect(editDistance('3月底', '12月底')).toBe(2);
    expect(editDistance('', '无')).toBe(1);
  });
});

describe('cellTextsToAmountUnit', () => {
  it('reads the unit of an amount label bracket or a 单位 cell, not of other cells', () => {
    expect(cellTextsToAmountUnit(['项目名称', '示例专项', '预算数（万元）', '50'])).toBe('万元');
    expect(cellTextsToAmountUnit(['单位：元', '项目编码'])).toBe('元');
    expect(cellTextsToAmountUnit(['资金用途', '购置设备（元）', '资金支出计划（%）'])).toBeNull();
  });
});
