/** Chinese names of the fields a repair or an OCR field names, as the zh CSV and the review page print them. */
import { describe, expect, it } from 'vitest';
import { repairFieldToZh } from '../../../src/stages/export/reviewTextsZh.js';

describe('repairFieldToZh', () => {
  it.each([
    ['code', '项目编码'],
    ['preparedBy', '编制单位'],
    ['indicators[1].level2', '第2条指标的二级指标'],
    ['indicators[0].分值', '第1条指标的分值'],
    ['spendPlanHeaders[1]', '资金支出计划表头第2项'],
    ['subGoals[2].title', '分项绩效目标第3项的标题'],
    ['toc[0].title', '目录第1项的标题'],
    ['deptTargets[0].goal', '第1张部门整体表的绩效目标'],
    ['deptTargets[0].tasks[1].content', '第1张部门整体表的年度主要任务第2项的主要内容'],
    ['deptTargets[1].indicators[3].target', '第2张部门整体表的第4条指标的指标值'],
    ['somethingNew', 'somethingNew'],
  ])('%s → %s', (field, zh) => {
    expect(repairFieldToZh(field)).toBe(zh);
  });
});
