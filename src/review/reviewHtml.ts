/**
 * The review page as one HTML string: no script, no network; page images are data: URIs. Each
 * page is an <img> with an SVG in page points over it: `rect.table` per table, `rect.cell` per
 * cell (class src-text / src-ocr / conf-low, `repaired` with a <title> before → after), and a
 * marker per finding on that page. Beside each page: its findings, repairs and the records of the
 * projects printed on it. Labels are Chinese (findings and repairs as docs/findings.md's 中文, with the
 * rule or kind beside), amounts in the unit the table prints, and routine repairs (line breaks joined,
 * layout spaces, brackets: ROUTINE_REPAIR_KINDS) folded under their own summary so the others stand out.
 */
import type {
  Cell,
  DeptTargetTable,
  Finding,
  Indicator,
  OcrField,
  PageLayout,
  Project,
  Repair,
  RepairKind,
  Severity,
} from '../model/index.js';
import type { Extraction } from '../pipeline.js';
import { yuanToUnitDecimal } from '../stages/export/flatCsv.js';
import { OCR_LOW_CONFIDENCE } from '../stages/normalise/documentFindings.js';
import {
  FINDING_RULE_ZH,
  OCR_DECISION_ZH,
  OCR_ENGINE_ZH,
  REPAIR_KIND_ZH,
  repairFieldToZh,
} from '../stages/export/reviewTextsZh.js';
import { escapeXmlText } from '../stages/inspect/xmlText.js';
import { YUAN_PER_AMOUNT_UNIT } from '../vocabulary/index.js';

export type PageImageUri = { pageNumber: number; uri: string };

/** Cells whose OCR confidence (0..100) is below this are drawn red. Same bar as needs_review (flatCsv.ts). */
export const LOW_CELL_CONFIDENCE_PCT = 80;
/** Width of a page on screen, in CSS px per PDF point. */
const SCREEN_PX_PER_PT = 1.25;
/** Size of a finding marker in page points. */
const FINDING_MARKER_PT = 10;

const escapeHtml = escapeXmlText;

/**
 * Repairs that only undo the layout (a cell's line breaks, a page break inside a row, spaces of justified text,
 * bracket width): routine, folded away on the page. The others change characters a reader may doubt.
 */
export const ROUTINE_REPAIR_KINDS: ReadonlySet<RepairKind> = new Set([
  'wrapped_cell',
  'page_continuation',
  'cjk_space',
  'punct_space',
  'fullwidth_paren',
]);

const SEVERITY_ZH: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };
const TEXT_SOURCE_ZH: Readonly<Record<string, string>> = { text: '文本层', ocr: 'OCR', mixed: '文本层与OCR' };

/** An amount in the unit the table prints it in (a 万元 table → `12.50`, a 元 table → `125000`); yuan when no unit is printed. */
export function yuanToPrintedAmount(yuan: number | null, amountUnit: string): string {
  const factor = YUAN_PER_AMOUNT_UNIT[amountUnit];
  if (yuan === null) return '—';
  return yuanToUnitDecimal(yuan, factor ?? 1n) ?? '—';
}

/** `警告 资金支出计划累计未达到100%（spend_plan_incomplete）`. */
function findingLabel(finding: Finding): string {
  const text = FINDING_RULE_ZH[finding.rule] ?? finding.rule;
  return `<span class="severity">${SEVERITY_ZH[finding.severity]}</span> ${escapeHtml(text)}（<code>${escapeHtml(finding.rule)}</code>）`;
}

function repairRow(repair: Repair): string {
  return `<tr class="repair ${ROUTINE_REPAIR_KINDS.has(repair.kind) ? 'routine' : 'notable'}" data-kind="${repair.kind}"><td>${escapeHtml(REPAIR_KIND_ZH[repair.kind] ?? repair.kind)}<br><code>${escapeHtml(repair.kind)}</code></td><td>${escapeHtml(repairFieldToZh(repair.field))}</td><td class="before">${escapeHtml(repair.before)}</td><td class="after">${escapeHtml(repair.after)}</td></tr>`;
}

/** A page's repairs: the notable ones shown, the routine ones folded under a summary. */
function repairsToHtml(repairs: Repair[]): string {
  const notable = repairs.filter((repair) => !ROUTINE_REPAIR_KINDS.has(repair.kind));
  const routine = repairs.filter((repair) => ROUTINE_REPAIR_KINDS.has(repair.kind));
  const head = '<tr><th>修复</th><th>字段</th><th>修复前</th><th>修复后</th></tr>';
  const parts: string[] = [];
  if (notable.length > 0)
    parts.push(
      `<details class="repairs notable" open><summary>${notable.length} 处修复（请核对）</summary><table>${head}${notable.map(repairRow).join('')}</table></details>`,
    );
  if (routine.length > 0)
    parts.push(
      `<details class="repairs routine"><summary>${routine.length} 处常规修复（折行合并、空格、括号）</summary><table>${head}${routine.map(repairRow).join('')}</table></details>`,
    );
  return parts.join('\n');
}
const n = (value: number) => (Math.round(value * 100) / 100).toString();

/** Text compared without spaces and line-break marks, to find the cell a repair changed. */
const squash = (text: string) => text.replace(/[\s⏎]+/g, '');

/** The repairs that changed this cell: same page, before or after equal to the cell's text. */
export function cellToRepairs(cell: Cell, repairs: Repair[]): Repair[] {
  const text = squash(cell.text);
  if (text === '') return [];
  return repairs.filter(
    (repair) =>
      (repair.pageNumber === cell.pageNumber || repair.pageNumber === cell.pageNumber + 1) &&
      (squash(repair.before) === text || squash(repair.after) === text),
  );
}

/** `OCR confidence 62 · paddle · reread:code`: what the tooltip of a cell read by OCR says of its reading. */
export function cellToOcrTip(cell: Pick<Cell, 'confidence' | 'engine' | 'decision'>): string {
  return [`OCR confidence ${Math.round(cell.confidence ?? 0)}`, cell.engine, cell.decision].filter(Boolean).join(' · ');
}

/**
 * A page's fields read by OCR (document.ocrFields), each with engine, confidence and decision; the ones below
 * OCR_LOW_CONFIDENCE (the `ocr_low_confidence` bar) marked and listed first. Folded when none is low.
 */
export function ocrFieldsToHtml(fields: OcrField[]): string {
  if (fields.length === 0) return '';
  const sorted = [...fields].sort((a, b) => a.confidence - b.confidence);
  const low = sorted.filter((field) => field.confidence < OCR_LOW_CONFIDENCE).length;
  const rows = sorted
    .map((field) => {
      const engine = field.engine === null ? '—' : (OCR_ENGINE_ZH[field.engine] ?? field.engine);
      const decision = field.decision === null ? '—' : (OCR_DECISION_ZH[field.decision] ?? field.decision);
      const lowClass = field.confidence < OCR_LOW_CONFIDENCE ? ' low' : '';
      return `<tr class="ocr-field${lowClass}" data-field="${escapeHtml(field.field)}" data-engine="${field.engine ?? ''}" data-confidence="${Math.round(field.confidence)}"><td>${field.projectSeq ?? ''}</td><td>${escapeHtml(repairFieldToZh(field.field))}</td><td>${escapeHtml(engine)}</td><td>${Math.round(field.confidence)}</td><td>${escapeHtml(decision)}</td><td>${escapeHtml(field.text)}</td></tr>`;
    })
    .join('');
  const summary = `${fields.length} 个OCR识别字段${low > 0 ? `（其中 ${low} 个置信度低于 ${OCR_LOW_CONFIDENCE}，请对照原文）` : ''}`;
  return `<details class="ocr-fields"${low > 0 ? ' open' : ''}><summary>${summary}</summary><table><tr><th>项目</th><th>字段</th><th>识别引擎</th><th>置信度</th><th>判定方式</th><th>文本</th></tr>${rows}</table></details>`;
}

export function cellClass(cell: Cell, source: string, repaired: boolean): string {
  const classes = ['cell', `src-${source}`];
  if (cell.confidence !== undefined && cell.confidence < LOW_CELL_CONFIDENCE_PCT) classes.push('conf-low');
  if (repaired) classes.push('repaired');
  return classes.join(' ');
}

function layoutToOverlay(layout: PageLayout, extraction: Extraction): string {
  const { repairs, findings } = extraction.document;
  const out: string[] = [];
  out.push(`<svg class="overlay" viewBox="0 0 ${n(layout.widthPt)} ${n(layout.heightPt)}" preserveAspectRatio="none">`);
  layout.tables.forEach((table, t) => {
    out.push(
      `<rect class="table" data-table="${t}" x="${n(table.x0)}" y="${n(table.top)}" width="${n(table.x1 - table.x0)}" height="${n(table.bottom - table.top)}"/>`,
    );
    for (const cell of table.cells) {
      const changed = cellToRepairs(cell, repairs);
      const tip = [
        `T${t} r${cell.row} c${cell.col}${cell.rowSpan > 1 || cell.colSpan > 1 ? ` span ${cell.rowSpan}×${cell.colSpan}` : ''}`,
        cell.confidence !== undefined ? cellToOcrTip(cell) : `source ${layout.source}`,
        cell.text,
        ...changed.map((repair) => `${REPAIR_KIND_ZH[repair.kind] ?? repair.kind}：${repair.before} → ${repair.after}`),
      ].join('\n');
      out.push(
        `<rect class="${cellClass(cell, layout.source, changed.length > 0)}" data-row="${cell.row}" data-col="${cell.col}" x="${n(cell.x0)}" y="${n(cell.top)}" width="${n(cell.x1 - cell.x0)}" height="${n(cell.bottom - cell.top)}"><title>${escapeHtml(tip)}</title></rect>`,
      );
    }
  });
  findings.forEach((finding, index) => {
    if (finding.pageNumber !== layout.pageNumber) return;
    const x = layout.widthPt - FINDING_MARKER_PT * 2;
    const y = FINDING_MARKER_PT + index * FINDING_MARKER_PT * 1.5;
    out.push(
      `<a href="#finding-${index}"><circle class="finding-marker ${finding.severity}" id="marker-${index}" cx="${n(x)}" cy="${n(y)}" r="${FINDING_MARKER_PT / 2}"><title>${escapeHtml(`${finding.rule}: ${finding.message}`)}</title></circle></a>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

function projectToRecord(project: Project, pageNumber: number): string {
  const amount = (yuan: number | null) => yuanToPrintedAmount(yuan, project.amountUnit);
  const unit = YUAN_PER_AMOUNT_UNIT[project.amountUnit] ? project.amountUnit : '元';
  const rows = project.indicators
    .filter((indicator) => indicator.pageNumber === pageNumber)
    .map(
      (indicator) =>
        `<tr class="indicator"><td>${indicator.seq}</td><td>${escapeHtml(indicator.level1)}</td><td>${escapeHtml(indicator.level2 ?? '')}</td><td>${escapeHtml(indicator.level3 ?? '')}</td><td>${escapeHtml(indicator.targetText ?? '')}</td></tr>`,
    )
    .join('');
  const plan = project.spendPlan.map((checkpoint) => `${checkpoint.month}月底 ${checkpoint.cumulativePct}%`).join('，');
  return `<div class="record project" data-project="${project.seq}">
<h4>${project.seq}. ${escapeHtml(project.name)}</h4>
<dl><dt>项目编码</dt><dd>${escapeHtml(project.code ?? '—')}${project.codeCheckOk === false ? ' <b class="bad">校验位不符</b>' : ''}</dd>
<dt>预算数（${escapeHtml(unit)}）</dt><dd class="budget">${amount(project.budgetTotalYuan)}（财政资金 ${amount(project.budgetFiscalYuan)}，其他资金 ${amount(project.budgetOtherYuan)}）</dd>
<dt>资金支出计划</dt><dd>${escapeHtml(plan || '—')}</dd></dl>
${rows ? `<table class="indicators"><tr><th>序号</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>${rows}</table>` : ''}
</div>`;
}

/** The indicator rows of a department table printed on one page, with their 分值 (weight) column. */
function deptIndicatorRows(indicators: Indicator[], pageNumber: number): string {
  return indicators
    .filter((indicator) => indicator.pageNumber === pageNumber)
    .map(
      (indicator) =>
        `<tr class="indicator"><td>${indicator.seq}</td><td>${escapeHtml(indicator.level1)}</td><td>${escapeHtml(indicator.level2 ?? '')}</td><td>${escapeHtml(indicator.level3 ?? '')}</td><td>${escapeHtml(indicator.targetText ?? '')}</td><td class="weight">${indicator.weight ?? ''}</td></tr>`,
    )
    .join('');
}

/**
 * A 部门整体支出绩效目标表 beside its pages, shaped like a project's record: on its first page the department, the
 * money block (in the unit the table prints), 部门职能, the goals and 年度主要任务; on every page its indicators printed
 * there, with their 分值.
 */
export function deptTargetToRecord(table: DeptTargetTable, pageNumber: number): string {
  const amount = (yuan: number | null) => yuanToPrintedAmount(yuan, table.amountUnit);
  const unit = YUAN_PER_AMOUNT_UNIT[table.amountUnit] ? table.amountUnit : '元';
  const first = pageNumber === table.pageFirst;
  const competent = table.competentDept
    ? `${table.competentDeptCode ? `[${escapeHtml(table.competentDeptCode)}] ` : ''}${escapeHtml(table.competentDept)}`
    : '—';
  const split =
    table.budgetBasicYuan !== null || table.budgetProjectsYuan !== null
      ? `<dt>其中（${escapeHtml(unit)}）</dt><dd class="budget-split">基本支出 ${amount(table.budgetBasicYuan)}，项目支出 ${amount(table.budgetProjectsYuan)}</dd>`
      : '';
  const carryover =
    table.budgetCarryoverYuan !== null
      ? `<dt>上年结转资金（${escapeHtml(unit)}）</dt><dd>${amount(table.budgetCarryoverYuan)}</dd>`
      : '';
  const text = (label: string, value: string | null, className: string) =>
    value ? `<dt>${label}</dt><dd class="${className}">${escapeHtml(value)}</dd>` : '';
  const tasks = table.tasks
    .map(
      (task) =>
        `<tr class="task"><td>${task.seq}</td><td>${escapeHtml(task.name)}</td><td>${escapeHtml(task.content ?? '')}</td><td class="amount">${amount(task.budgetYuan)}</td></tr>`,
    )
    .join('');
  const rows = deptIndicatorRows(table.indicators, pageNumber);
  const weightTotal = table.weightTotal === null ? '' : `（${table.weightTotal}）`;
  return `<div class="record dept-target" data-dept-target="${table.seq}">
<h4>部门整体表 ${table.seq}. ${escapeHtml(table.deptName ?? table.tableTitle)}${first ? '' : '（续）'}</h4>
<dl><dt>表名</dt><dd>${escapeHtml(table.tableTitle)}</dd>
<dt>部门（单位）名称</dt><dd class="dept-name">${escapeHtml(table.deptName ?? '—')}</dd>
<dt>主管部门</dt><dd>${competent}</dd>
<dt>资金总额（${escapeHtml(unit)}）</dt><dd class="budget">${amount(table.budgetTotalYuan)}（财政拨款 ${amount(table.budgetFiscalYuan)}，其他资金 ${amount(table.budgetOtherYuan)}）</dd>
${first ? `${carryover}${split}${text('部门职能', table.duties, 'duties')}${text('年度总体目标', table.goal, 'goal')}${text('中长期目标', table.goalMidTerm, 'goal-mid-term')}` : ''}</dl>
${first && tasks ? `<table class="tasks"><tr><th>序号</th><th>年度主要任务</th><th>主要内容</th><th>预算金额（${escapeHtml(unit)}）</th></tr>${tasks}</table>` : ''}
${rows ? `<table class="indicators"><tr><th>序号</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>分值${weightTotal}</th></tr>${rows}</table>` : ''}
</div>`;
}

const STYLE = `
body{font-family:"WenQuanYi Zen Hei","AR PL UMing CN","Noto Sans CJK SC",SimSun,sans-serif;margin:0;background:#eee;color:#222}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ccc}
h1{font-size:18px;margin:0 0 6px} h2{font-size:15px;margin:0 0 8px} h4{margin:6px 0}
.findings li{margin:2px 0} .error{color:#b00} .warning{color:#a60} .info{color:#36c}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;border:2px solid}
.page{display:flex;gap:16px;padding:16px 20px;align-items:flex-start}
.page-view{position:relative;flex:none;background:#fff;box-shadow:0 1px 4px #999}
.page-view img{display:block;width:100%;height:100%}
.overlay{position:absolute;left:0;top:0;width:100%;height:100%}
rect.table{fill:none;stroke:#14a;stroke-width:1.2;stroke-dasharray:4 2}
rect.cell{fill:rgba(40,160,80,.06);stroke:#2a8;stroke-width:.6}
rect.cell.src-ocr{fill:rgba(60,110,255,.08);stroke:#36f}
rect.cell.conf-low{fill:rgba(255,40,40,.18);stroke:#d00}
rect.cell.repaired{stroke:#e80;stroke-width:1.4;fill:rgba(255,160,0,.12)}
circle.finding-marker{fill:#d00;stroke:#fff} circle.finding-marker.warning{fill:#e80} circle.finding-marker.info{fill:#36c}
.side{flex:1;min-width:320px;font-size:13px;background:#fff;padding:10px;box-shadow:0 1px 4px #bbb}
.side table{border-collapse:collapse;width:100%} .side td,.side th{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
.repair .before{background:#fdd;text-decoration:line-through} .repair .after{background:#dfd}
details.repairs.routine summary{color:#777} .severity{font-weight:bold}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:4px 0} dt{color:#666} dd{margin:0}
.bad{color:#b00}
.ocr-field.low td{background:#fdd}
`;

/** The whole review page. `images` holds one data: URI per page (by pageNumber); a page without one shows blank. */
/** One department goal or measure of part one, with the page its text starts on. */
type PartOneItem = { pageNumber: number | null; label: string; body: string };

/**
 * Part one as the page shows it: the 部门整体目标, each 分目标 and each 保障措施 (repaired texts, as stored), with the page
 * the draft read it from, so that the review page can show each beside its page.
 */
export function extractionToPartOneItems(extraction: Pick<Extraction, 'repairedDraft'>): PartOneItem[] {
  const draft = extraction.repairedDraft;
  return [
    ...(draft.overallGoal
      ? [{ pageNumber: draft.overallGoal.pageNumber, label: '部门整体绩效目标', body: draft.overallGoal.text }]
      : []),
    ...draft.subGoals.map((goal) => ({
      pageNumber: goal.title.pageNumber ?? goal.body.pageNumber,
      label: `分目标 ${goal.seq}${goal.title.text ? `：${goal.title.text}` : ''}`,
      body: goal.body.text,
    })),
    ...draft.measures.map((measure) => ({
      pageNumber: measure.body.pageNumber,
      label: `保障措施 ${measure.seq}`,
      body: measure.body.text,
    })),
  ];
}

function partOneItemToHtml(item: PartOneItem): string {
  return `<div class="record part-one"><h4>${escapeHtml(item.label)}</h4><p>${escapeHtml(item.body)}</p></div>`;
}

export function extractionToReviewHtml(extraction: Extraction, images: PageImageUri[]): string {
  const { document, layouts } = extraction;
  const imageOf = new Map(images.map((image) => [image.pageNumber, image.uri]));
  const cellCount = layouts.reduce(
    (sum, layout) => sum + layout.tables.reduce((k, table) => k + table.cells.length, 0),
    0,
  );
  const findingItems = document.findings
    .map((finding, index) => {
      const page =
        finding.pageNumber ??
        document.projects.find((project) => project.seq === finding.projectSeq)?.pageFirst ??
        null;
      const where = page === null ? '' : ` <a href="#page-${page}">第 ${page} 页</a>`;
      return `<li class="finding ${finding.severity}" id="finding-${index}" data-page="${page ?? ''}">${findingLabel(finding)}${finding.projectSeq === null ? '' : ` 项目 ${finding.projectSeq}`}：${escapeHtml(finding.message)}${where}</li>`;
    })
    .join('\n');

  const partOne = extractionToPartOneItems(extraction);
  const pages = layouts.map((layout) => {
    const width = layout.widthPt * SCREEN_PX_PER_PT;
    const height = layout.heightPt * SCREEN_PX_PER_PT;
    const uri = imageOf.get(layout.pageNumber);
    const pageRepairs = document.repairs.filter((repair) => repair.pageNumber === layout.pageNumber);
    const pageFindings = document.findings
      .map((finding, index) => ({ finding, index }))
      .filter(({ finding }) => finding.pageNumber === layout.pageNumber);
    const projects = document.projects.filter(
      (project) => project.pageFirst <= layout.pageNumber && layout.pageNumber <= project.pageLast,
    );
    const deptTargets = (document.deptTargets ?? []).filter(
      (table) => table.pageFirst <= layout.pageNumber && layout.pageNumber <= table.pageLast,
    );
    const cells = layout.tables.reduce((sum, table) => sum + table.cells.length, 0);
    return `<section class="page" id="page-${layout.pageNumber}" data-page="${layout.pageNumber}" data-cells="${cells}">
<div class="page-view" style="width:${n(width)}px;height:${n(height)}px">
${uri ? `<img alt="page ${layout.pageNumber}" src="${uri}">` : ''}
${layoutToOverlay(layout, extraction)}
</div>
<div class="side">
<h2>第 ${layout.pageNumber} 页 · ${layout.source === 'ocr' ? 'OCR' : '文本层'} · ${layout.tables.length} 个表格 · ${cells} 个单元格</h2>
${pageFindings.length ? `<ul class="findings">${pageFindings.map(({ finding, index }) => `<li class="${finding.severity}"><a href="#finding-${index}">${escapeHtml(FINDING_RULE_ZH[finding.rule] ?? finding.rule)}</a>：${escapeHtml(finding.message)}</li>`).join('')}</ul>` : ''}
${repairsToHtml(pageRepairs)}
${ocrFieldsToHtml((document.ocrFields ?? []).filter((field) => field.pageNumber === layout.pageNumber))}
${partOne
  .filter((item) => item.pageNumber === layout.pageNumber)
  .map(partOneItemToHtml)
  .join('\n')}
${deptTargets.map((table) => deptTargetToRecord(table, layout.pageNumber)).join('\n')}
${projects.map((project) => projectToRecord(project, layout.pageNumber)).join('\n')}
</div>
</section>`;
  });

  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(document.title ?? document.sourcePath)} — review</title>
<style>${STYLE}</style></head>
<body data-cells="${cellCount}" data-pages="${layouts.length}">
<header>
<h1>${escapeHtml(document.title ?? document.sourcePath)}</h1>
<div>${escapeHtml(document.department ?? '—')} · ${document.fiscalYear ?? '—'} · ${document.pageCount} 页 · ${document.projects.length} 个项目${(document.deptTargets ?? []).length > 0 ? ` · ${(document.deptTargets ?? []).length} 个部门整体表` : ''} · 文本来源：${TEXT_SOURCE_ZH[document.textSource] ?? document.textSource} · ${document.repairs.length} 处修复（其中 ${document.repairs.filter((repair) => !ROUTINE_REPAIR_KINDS.has(repair.kind)).length} 处需核对） · ${document.findings.length} 条待核查</div>
<div class="legend"><span style="border-color:#2a8">文本层单元格</span><span style="border-color:#36f">OCR 单元格</span><span style="border-color:#d00">OCR 低置信度</span><span style="border-color:#e80">已修复</span></div>
<h2>待核查</h2>
<ol class="findings">${findingItems}</ol>
</header>
${pages.join('\n')}
</body></html>
`;
}
