import { describe, expect, it } from 'vitest';
import {
  cellToIndicatorPeriod,
  isSelfEvaluationLabel,
  isSelfEvaluationTitle,
} from '../../src/vocabulary/tableKinds.js';

describe('self-evaluation vocabulary', () => {
  it.each(['实际完成值', '得分', '得分（10）', '全年执行数', '全年 执行数', '偏差原因分析及改进措施'])(
    '%s is a label only a self-evaluation prints',
    (text) => {
      expect(isSelfEvaluationLabel(text)).toBe(true);
    },
  );

  it.each(['年度指标值', '分值', '分值（10）', '执行率', '指标值', '年度资金总额', '项目名称', ''])(
    '%s is printed by target tables too',
    (text) => {
      expect(isSelfEvaluationLabel(text)).toBe(false);
    },
  );

  it.each([
    '1.乡村道路养护项目绩效自评表',
    '项目支出绩效自评表（2022年度）',
    '部门整体支出绩效自评表',
    '绩效自评结果表',
  ])('%s is a self-evaluation title', (title) => {
    expect(isSelfEvaluationTitle(title)).toBe(true);
  });

  it.each(['项目支出绩效目标表（2022年度）', '1.乡村道路养护项目绩效目标表', '自评表填报说明如下。'])(
    '%s is not',
    (title) => {
      expect(isSelfEvaluationTitle(title)).toBe(false);
    },
  );
});

describe('indicator period markers', () => {
  it.each([
    ['长期指标', 'mid_term'],
    ['实施期绩效指标', 'mid_term'],
    ['长 期 绩 效 指 标', 'mid_term'],
    ['年度指标', 'annual'],
    ['年度绩效指标', 'annual'],
    ['本年度绩效指标', 'annual'],
  ])('%s opens the %s indicators', (text, period) => {
    expect(cellToIndicatorPeriod(text)).toBe(period);
  });

  it.each(['年度指标值', '一级指标', '绩效指标', '年度目标', '长期目标', '产出指标', ''])('%s opens none', (text) => {
    expect(cellToIndicatorPeriod(text)).toBeNull();
  });
});
