/**
 * The forms of a CompareReport (src/history/compare.ts): a readable terminal report, a CSV of every change (one row per
 * project or indicator change) and a self-contained HTML page with an inline-SVG chart of the department's budget by
 * year and a table of target changes (no script, no network; every value escaped as text).
 */
import { writeToString } from 'fast-csv';
import { sqlValueToCsvField } from '../stages/export/exportCsv.js';
import type { CompareDeptTarget, CompareProject, CompareReport } from './compare.js';

const YUAN_PER_WAN = 10_000;

/** Yuan as 万元 with two decimals (`3600000` → `360.00`); empty when unknown. */
export function yuanToWan(yuan: number | null): string {
  return yuan === null ? '' : (yuan / YUAN_PER_WAN).toFixed(2);
}

function signedWan(from: number | null, to: number | null): string {
  if (from === null || to === null) return '';
  const delta = (to - from) / YUAN_PER_WAN;
  return `${delta > 0 ? '+' : ''}${delta.toFixed(2)}`;
}

function percentChange(from: number | null, to: number | null): string {
  if (from === null || to === null || from === 0) return '';
  const pct = ((to - from) / from) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

const projectLabel = (project: CompareProject) => `#${project.seq} ${project.name}`;
const deptTargetLabel = (table: CompareDeptTarget) => `部门整体表 ${table.seq} ${table.deptName ?? ''}`.trim();

/** The terminal report: totals, continuing projects' budgets, new, dropped, candidates, target changes. */
export function compareReportToText(report: CompareReport): string {
  const lines: string[] = [];
  const yearRow = (year: number) => report.budgetByYear.find((row) => row.fiscalYear === year);
  const from = yearRow(report.fromYear);
  const to = yearRow(report.toYear);
  lines.push(`${report.department}: ${report.fromYear} → ${report.toYear}`);
  lines.push(
    `budget (万元): ${report.budgetByYear.map((row) => `${row.fiscalYear} ${yuanToWan(row.budgetTotalYuan)} (${row.projectCount} projects)`).join(' · ')}`,
  );
  if (from && to) {
    lines.push(
      `total ${yuanToWan(from.budgetTotalYuan)} → ${yuanToWan(to.budgetTotalYuan)} 万元 (${signedWan(from.budgetTotalYuan, to.budgetTotalYuan)}, ${percentChange(from.budgetTotalYuan, to.budgetTotalYuan)})`,
    );
  }
  lines.push('', `continuing projects: ${report.continuing.length}`);
  for (const pair of report.continuing) {
    const renamed = pair.from.name === pair.to.name ? '' : ` (was ${pair.from.name})`;
    lines.push(
      `  ${projectLabel(pair.to)}${renamed}: ${yuanToWan(pair.from.budgetTotalYuan)} → ${yuanToWan(pair.to.budgetTotalYuan)} 万元 ${signedWan(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan)} [${pair.methods.join('+')}]`,
    );
  }
  lines.push(`new projects in ${report.toYear}: ${report.newProjects.length}`);
  for (const project of report.newProjects)
    lines.push(`  ${projectLabel(project)}: ${yuanToWan(project.budgetTotalYuan)} 万元`);
  lines.push(`dropped after ${report.fromYear}: ${report.droppedProjects.length}`);
  for (const project of report.droppedProjects)
    lines.push(`  ${projectLabel(project)}: ${yuanToWan(project.budgetTotalYuan)} 万元`);
  if (report.candidates.length > 0) {
    lines.push(`candidate links awaiting a person (budgetpdf links confirm|reject <id>): ${report.candidates.length}`);
    for (const candidate of report.candidates) {
      lines.push(
        `  link ${candidate.linkId}: ${candidate.from.fiscalYear} ${projectLabel(candidate.from)} → ${candidate.to.fiscalYear} ${projectLabel(candidate.to)} (score ${candidate.score})`,
      );
    }
  }
  const changed = report.targetChanges.filter((row) => row.change !== 'unchanged');
  lines.push(
    '',
    `target changes: ${changed.length} (${report.targetChanges.length - changed.length} targets unchanged)`,
  );
  for (const row of changed) {
    const renamed = row.fromLevel3 !== null && row.fromLevel3 !== row.level3 ? ` (was ${row.fromLevel3})` : '';
    lines.push(
      `  ${row.change.padEnd(9)} ${row.toProject.name} › ${row.level3 ?? row.level2 ?? row.level1}${renamed}: ${row.fromTarget ?? '—'} → ${row.toTarget ?? '—'}`,
    );
  }
  if (report.deptTargets.length > 0) {
    const deptChanged = report.deptTargetChanges.filter((row) => row.change !== 'unchanged');
    lines.push('', `部门整体表 (department table): ${report.deptTargets.length}`);
    for (const pair of report.deptTargets) {
      lines.push(
        `  ${deptTargetLabel(pair.to)}: ${yuanToWan(pair.from.budgetTotalYuan)} → ${yuanToWan(pair.to.budgetTotalYuan)} 万元 ${signedWan(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan)}`,
      );
    }
    lines.push(
      `部门整体表 target changes: ${deptChanged.length} (${report.deptTargetChanges.length - deptChanged.length} targets unchanged)`,
    );
    for (const row of deptChanged) {
      const renamed = row.fromLevel3 !== null && row.fromLevel3 !== row.level3 ? ` (was ${row.fromLevel3})` : '';
      lines.push(
        `  ${row.change.padEnd(9)} ${deptTargetLabel(row.to)} › ${row.level3 ?? row.level2 ?? row.level1}${renamed}: ${row.fromTarget ?? '—'} → ${row.toTarget ?? '—'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Yuan as a number of 万元 for the CSV (a number cell, never formula-guarded); null when unknown. */
const wanNumber = (yuan: number | null) => (yuan === null ? null : yuan / YUAN_PER_WAN);
const wanDelta = (from: number | null, to: number | null) =>
  from === null || to === null ? null : (to - from) / YUAN_PER_WAN;

/** The CSV's columns, in order. */
export const COMPARE_CSV_COLUMNS = [
  'department',
  'from_year',
  'to_year',
  'kind',
  'from_project_seq',
  'to_project_seq',
  'project_code',
  'project_name',
  'from_project_name',
  'from_budget_wan',
  'to_budget_wan',
  'budget_change_wan',
  'level1',
  'level2',
  'level3',
  'from_level3',
  'from_target',
  'to_target',
  'change',
] as const;

/**
 * One row per continuing project (`kind` budget), new project, dropped project, candidate link and indicator pair of
 * the continuing projects (`kind` target; `change` as v_indicator_changes), with a BOM for spreadsheets; text that a
 * spreadsheet would run as a formula gets a leading `'`.
 */
export async function compareReportToCsv(report: CompareReport): Promise<string> {
  type Row = Partial<Record<(typeof COMPARE_CSV_COLUMNS)[number], string | number | null>>;
  const rows: Row[] = [];
  const base = { department: report.department, from_year: report.fromYear, to_year: report.toYear };
  for (const pair of report.continuing) {
    rows.push({
      ...base,
      kind: 'budget',
      from_project_seq: pair.from.seq,
      to_project_seq: pair.to.seq,
      project_code: pair.to.code,
      project_name: pair.to.name,
      from_project_name: pair.from.name,
      from_budget_wan: wanNumber(pair.from.budgetTotalYuan),
      to_budget_wan: wanNumber(pair.to.budgetTotalYuan),
      budget_change_wan: wanDelta(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan),
      change: pair.from.budgetTotalYuan === pair.to.budgetTotalYuan ? 'unchanged' : 'changed',
    });
  }
  for (const project of report.newProjects) {
    rows.push({
      ...base,
      kind: 'project',
      to_project_seq: project.seq,
      project_code: project.code,
      project_name: project.name,
      to_budget_wan: wanNumber(project.budgetTotalYuan),
      change: 'new',
    });
  }
  for (const project of report.droppedProjects) {
    rows.push({
      ...base,
      kind: 'project',
      from_project_seq: project.seq,
      project_code: project.code,
      project_name: project.name,
      from_project_name: project.name,
      from_budget_wan: wanNumber(project.budgetTotalYuan),
      change: 'dropped',
    });
  }
  for (const candidate of report.candidates) {
    rows.push({
      ...base,
      kind: 'candidate',
      from_project_seq: candidate.from.seq,
      to_project_seq: candidate.to.seq,
      project_code: candidate.to.code,
      project_name: candidate.to.name,
      from_project_name: candidate.from.name,
      change: `link ${candidate.linkId}, score ${candidate.score}`,
    });
  }
  for (const row of report.targetChanges) {
    rows.push({
      ...base,
      kind: 'target',
      from_project_seq: row.fromProject.seq,
      to_project_seq: row.toProject.seq,
      project_code: row.toProject.code,
      project_name: row.toProject.name,
      from_project_name: row.fromProject.name,
      level1: row.level1,
      level2: row.level2,
      level3: row.level3,
      from_level3: row.fromLevel3,
      from_target: row.fromTarget,
      to_target: row.toTarget,
      change: row.change,
    });
  }
  for (const pair of report.deptTargets) {
    rows.push({
      ...base,
      kind: 'dept_target',
      from_project_seq: pair.from.seq,
      to_project_seq: pair.to.seq,
      project_name: pair.to.deptName,
      from_project_name: pair.from.deptName,
      from_budget_wan: wanNumber(pair.from.budgetTotalYuan),
      to_budget_wan: wanNumber(pair.to.budgetTotalYuan),
      budget_change_wan: wanDelta(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan),
      change: pair.from.budgetTotalYuan === pair.to.budgetTotalYuan ? 'unchanged' : 'changed',
    });
  }
  for (const row of report.deptTargetChanges) {
    rows.push({
      ...base,
      kind: 'dept_target_indicator',
      from_project_seq: row.from.seq,
      to_project_seq: row.to.seq,
      project_name: row.to.deptName,
      from_project_name: row.from.deptName,
      level1: row.level1,
      level2: row.level2,
      level3: row.level3,
      from_level3: row.fromLevel3,
      from_target: row.fromTarget,
      to_target: row.toTarget,
      change: row.change,
    });
  }
  const data = rows.map((row) => COMPARE_CSV_COLUMNS.map((column) => sqlValueToCsvField(row[column] ?? null)));
  return writeToString([[...COMPARE_CSV_COLUMNS], ...data], { writeBOM: true });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: every markup character escaped. */
export function escapeHtml(text: string | number | null): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Chart geometry, in SVG user units (px). */
const CHART_WIDTH_PX = 640;
const CHART_HEIGHT_PX = 260;
const CHART_MARGIN_PX = { top: 24, right: 16, bottom: 40, left: 16 };
const BAR_GAP_RATIO = 0.35;

/** An inline SVG bar chart of the department's budget (万元) by year, the compared years in a darker colour. */
export function budgetChartSvg(report: CompareReport): string {
  const rows = report.budgetByYear;
  const plotWidth = CHART_WIDTH_PX - CHART_MARGIN_PX.left - CHART_MARGIN_PX.right;
  const plotHeight = CHART_HEIGHT_PX - CHART_MARGIN_PX.top - CHART_MARGIN_PX.bottom;
  const max = Math.max(1, ...rows.map((row) => row.budgetTotalYuan));
  const slot = plotWidth / Math.max(1, rows.length);
  const barWidth = slot * (1 - BAR_GAP_RATIO);
  const bars = rows.map((row, index) => {
    const height = (row.budgetTotalYuan / max) * plotHeight;
    const x = CHART_MARGIN_PX.left + index * slot + (slot - barWidth) / 2;
    const y = CHART_MARGIN_PX.top + plotHeight - height;
    const compared = row.fiscalYear === report.fromYear || row.fiscalYear === report.toYear;
    const centre = (x + barWidth / 2).toFixed(1);
    return [
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" class="${compared ? 'bar compared' : 'bar'}"><title>${escapeHtml(`${row.fiscalYear}: ${yuanToWan(row.budgetTotalYuan)} 万元, ${row.projectCount} projects`)}</title></rect>`,
      `<text x="${centre}" y="${(y - 6).toFixed(1)}" text-anchor="middle">${escapeHtml(yuanToWan(row.budgetTotalYuan))}</text>`,
      `<text x="${centre}" y="${CHART_HEIGHT_PX - CHART_MARGIN_PX.bottom + 18}" text-anchor="middle">${escapeHtml(row.fiscalYear)}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${CHART_WIDTH_PX} ${CHART_HEIGHT_PX}" width="${CHART_WIDTH_PX}" height="${CHART_HEIGHT_PX}" aria-label="${escapeHtml(`${report.department} 预算数（万元）按年度`)}">${bars.join('')}</svg>`;
}

function table(headers: string[], rows: (string | number | null)[][], rowClass?: (index: number) => string): string {
  const head = `<tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (row, index) =>
        `<tr${rowClass ? ` class="${escapeHtml(rowClass(index))}"` : ''}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

/** The department's 部门整体表 in the HTML report: its budget in the two years and its indicators' target changes. */
function deptTargetSections(report: CompareReport): string[] {
  const changed = report.deptTargetChanges.filter((row) => row.change !== 'unchanged');
  return [
    `<h2>部门整体表 · department table (${report.deptTargets.length})</h2>`,
    table(
      ['部门整体表', `${report.fromYear} 万元`, `${report.toYear} 万元`, '变化'],
      report.deptTargets.map((pair) => [
        deptTargetLabel(pair.to),
        yuanToWan(pair.from.budgetTotalYuan),
        yuanToWan(pair.to.budgetTotalYuan),
        signedWan(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan),
      ]),
    ),
    `<h2>部门整体表指标值变化 · department table target changes (${changed.length}; ${report.deptTargetChanges.length - changed.length} unchanged)</h2>`,
    table(
      ['一级指标', '二级指标', '三级指标', String(report.fromYear), String(report.toYear), '变化'],
      changed.map((row) => [
        row.level1,
        row.level2,
        row.fromLevel3 !== null && row.fromLevel3 !== row.level3
          ? `${row.level3}（原：${row.fromLevel3}）`
          : row.level3,
        row.fromTarget,
        row.toTarget,
        row.change,
      ]),
      (index) => `change-${changed[index].change}`,
    ),
  ];
}

/** The HTML report: one page, no script, no external resource. */
export function compareReportToHtml(report: CompareReport): string {
  const title = `${report.department} ${report.fromYear}–${report.toYear}`;
  const changed = report.targetChanges.filter((row) => row.change !== 'unchanged');
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<h2>预算数（万元）按年度 · budget by year</h2>`,
    budgetChartSvg(report),
    `<h2>延续项目 · continuing projects (${report.continuing.length})</h2>`,
    table(
      ['项目', `${report.fromYear} 名称`, `${report.fromYear} 万元`, `${report.toYear} 万元`, '变化', '关联'],
      report.continuing.map((pair) => [
        projectLabel(pair.to),
        pair.from.name,
        yuanToWan(pair.from.budgetTotalYuan),
        yuanToWan(pair.to.budgetTotalYuan),
        signedWan(pair.from.budgetTotalYuan, pair.to.budgetTotalYuan),
        pair.methods.join('+'),
      ]),
    ),
    `<h2>新增项目 · new in ${report.toYear} (${report.newProjects.length})</h2>`,
    table(
      ['项目', '编码', '万元'],
      report.newProjects.map((project) => [projectLabel(project), project.code, yuanToWan(project.budgetTotalYuan)]),
    ),
    `<h2>取消项目 · dropped after ${report.fromYear} (${report.droppedProjects.length})</h2>`,
    table(
      ['项目', '编码', '万元'],
      report.droppedProjects.map((project) => [
        projectLabel(project),
        project.code,
        yuanToWan(project.budgetTotalYuan),
      ]),
    ),
    ...(report.candidates.length > 0
      ? [
          `<h2>待确认关联 · candidate links (${report.candidates.length})</h2>`,
          `<p>${escapeHtml('budgetpdf links confirm <id> | budgetpdf links reject <id>')}</p>`,
          table(
            ['id', '前', '后', 'score'],
            report.candidates.map((candidate) => [
              candidate.linkId,
              `${candidate.from.fiscalYear} ${projectLabel(candidate.from)}`,
              `${candidate.to.fiscalYear} ${projectLabel(candidate.to)}`,
              candidate.score,
            ]),
          ),
        ]
      : []),
    `<h2>指标值变化 · target changes (${changed.length}; ${report.targetChanges.length - changed.length} unchanged)</h2>`,
    table(
      ['项目', '一级指标', '二级指标', '三级指标', String(report.fromYear), String(report.toYear), '变化'],
      changed.map((row) => [
        row.toProject.name,
        row.level1,
        row.level2,
        row.fromLevel3 !== null && row.fromLevel3 !== row.level3
          ? `${row.level3}（原：${row.fromLevel3}）`
          : row.level3,
        row.fromTarget,
        row.toTarget,
        row.change,
      ]),
      (index) => `change-${changed[index].change}`,
    ),
    ...(report.deptTargets.length > 0 ? deptTargetSections(report) : []),
  ];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
th { background: #eee; }
svg text { font-size: 12px; fill: #222; }
.bar { fill: #9db4d3; } .bar.compared { fill: #2f5d9a; }
.change-tightened td:last-child { color: #1a7f37; } .change-loosened td:last-child { color: #b35900; }
.change-new td:last-child, .change-dropped td:last-child, .change-changed td:last-child { color: #555; font-weight: bold; }
</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}
