/**
 * The 部门整体支出绩效目标表 as data (TEMPLATES.md "Kinds of table": one per department, no project): how its title
 * reads, and the headers of its 年度主要任务 block. Its other labels are entries of labels.ts (field deptName,
 * budgetBasic, budgetProjects, deptDuties) read by the project tables' label reader; its indicator table is a project's.
 */

/**
 * A title naming a department's table holds one of these (whitespace ignored) and ends as a project-family title
 * (`…绩效目标表`, `…申报表`): 部门整体支出绩效目标表, 部门整体绩效目标表, 2024年度部门整体支出绩效目标申报表,
 * 单位整体支出绩效目标表, 部门（单位）整体支出绩效目标表.
 */
export const DEPT_TARGET_TITLE_WORDS: readonly string[] = ['整体支出绩效目标', '整体绩效目标'];

/** The label over the task rows (its cell spans them, left of the task header). */
export const DEPT_TASK_BLOCK_LABELS: readonly string[] = ['年度主要任务', '主要任务', '年度重点工作任务'];

/** The task block's header cells, by the task field each column fills. */
export const DEPT_TASK_HEADERS: Readonly<Record<'name' | 'content' | 'budget', readonly string[]>> = {
  name: ['任务名称', '任务', '重点工作'],
  content: ['主要内容', '任务内容', '工作内容'],
  budget: ['预算金额', '预算数', '金额', '资金总额'],
};
