/**
 * Findings about the whole document: OCR cells read with low confidence, project numbering, the contents against the
 * tables.
 */
import type { Finding, OcrField, Project, Repair } from '../../model/index.js';
import { type OcrDecision, repairKindToOcrDecision } from '../../model/ocrReading.js';
import type { DocumentDraft, DraftIndicatorRow, RawText } from '../../model/draft.js';
import { SECTION_WORDS } from '../../vocabulary/index.js';
import { fullWidthNumberCharsToAscii } from '../../vocabulary/text.js';

/**
 * OCR confidence (0..100, the lowest word of a cell) below which a cell is reported for checking. On the
 * 300 dpi seed scans correctly read cells mostly score ≥ 60 and most misread ones below (tesseract's
 * LSTM confidences; measured with tests/ocr/scannedFixtures.test.ts).
 */
export const OCR_LOW_CONFIDENCE = 50;

/** An indicator table's fields, by the name the repairs use (`indicators[i].…`), each passed to `add`. */
function indicatorRowsToFields(rows: DraftIndicatorRow[], add: (field: string, raw: RawText | null) => void): void {
  rows.forEach((row, i) => {
    for (const key of ['level2', 'level3', 'description', 'target', 'basis'] as const)
      add(`indicators[${i}].${key}`, row[key]);
    // Columns beyond the standard six (指标方向, 计量单位, 分值 …), by their header as the repairs name them.
    for (const [header, raw] of Object.entries(row.extra)) add(`indicators[${i}].${header}`, raw);
    // level1 is filled down from one merged cell: report it on the row that prints it.
    if (row.level1 && (i === 0 || rows[i - 1].level1 !== row.level1)) add(`indicators[${i}].level1`, row.level1);
  });
}

/**
 * Every field of the draft (OCR-read or not), by the name the repairs use, with its project: each text a record takes
 * (label cells the vocabulary does not know are no field: finding unknown_label names them).
 */
function draftFields(draft: DocumentDraft): Array<{ projectSeq: number | null; field: string; raw: RawText }> {
  const fields: Array<{ projectSeq: number | null; field: string; raw: RawText | null }> = [
    { projectSeq: null, field: 'title', raw: draft.cover.title },
    { projectSeq: null, field: 'preparedBy', raw: draft.cover.preparedBy },
    { projectSeq: null, field: 'overallGoal', raw: draft.overallGoal },
    ...draft.toc.map((entry, i) => ({ projectSeq: null, field: `toc[${i}].title`, raw: entry.title })),
    ...draft.subGoals.flatMap((goal, i) => [
      { projectSeq: null, field: `subGoals[${i}].title`, raw: goal.title },
      { projectSeq: null, field: `subGoals[${i}].body`, raw: goal.body },
    ]),
    ...draft.measures.map((measure, i) => ({ projectSeq: null, field: `measures[${i}].body`, raw: measure.body })),
  ];
  for (const project of draft.projects) {
    const add = (field: string, raw: RawText | null | undefined) =>
      fields.push({ projectSeq: project.seq, field, raw: raw ?? null });
    add('tableTitle', project.tableTitle);
    add('unitName', project.unitName);
    add('code', project.code);
    add('name', project.name);
    add('budgetTotal', project.budgetTotal);
    add('budgetFiscal', project.budgetFiscal);
    add('budgetOther', project.budgetOther);
    add('fundUse', project.fundUse);
    add('goal', project.goal);
    // Template-specific fields (docs/templates.md), where the table prints them.
    add('budgetCarryover', project.budgetCarryover);
    add('budgetProjectTotal', project.budgetProjectTotal);
    add('competentDept', project.competentDept);
    add('implementingUnit', project.implementingUnit);
    add('goalMidTerm', project.goalMidTerm);
    project.spendPlanHeaders.forEach((header, i) => {
      add(`spendPlanHeaders[${i}]`, header);
    });
    project.spendPlanValues.forEach((value, i) => {
      add(`spendPlanValues[${i}]`, value);
    });
    indicatorRowsToFields(project.indicators, add);
  }
  // A 部门整体 table's fields, named as its repairs are (`deptTargets[i].…`), with no project.
  (draft.deptTargets ?? []).forEach((target, t) => {
    const add = (field: string, raw: RawText | null | undefined) =>
      fields.push({ projectSeq: null, field: `deptTargets[${t}].${field}`, raw: raw ?? null });
    add('tableTitle', target.tableTitle);
    add('deptName', target.deptName);
    add('competentDept', target.competentDept);
    add('budgetTotal', target.budgetTotal);
    add('budgetFiscal', target.budgetFiscal);
    add('budgetOther', target.budgetOther);
    add('budgetCarryover', target.budgetCarryover);
    add('budgetBasic', target.budgetBasic);
    add('budgetProjects', target.budgetProjects);
    add('duties', target.duties);
    add('goal', target.goal);
    add('goalMidTerm', target.goalMidTerm);
    target.tasks.forEach((task, i) => {
      add(`tasks[${i}].name`, task.name);
      add(`tasks[${i}].content`, task.content);
      add(`tasks[${i}].budget`, task.budget);
    });
    indicatorRowsToFields(target.indicators, add);
  });
  return fields.filter((f): f is { projectSeq: number | null; field: string; raw: RawText } => f.raw !== null);
}

/**
 * Every field of the draft read by OCR (it carries a confidence) with its engine, confidence and decision, for the store
 * (`ocr_fields`); empty for a text-layer document. A field the OCR stage kept as first read (`read`) that an OCR repair
 * then changed takes that repair's decision (repairKindToOcrDecision), so that the decision says what made the text.
 */
export function draftToOcrFields(draft: DocumentDraft, repairs: readonly Repair[] = []): OcrField[] {
  const repairedAs = new Map<string, OcrDecision>();
  for (const repair of repairs) {
    const decision = repairKindToOcrDecision(repair.kind);
    if (decision !== null && repair.before !== repair.after)
      repairedAs.set(`${repair.projectSeq ?? ''}|${repair.field}`, decision);
  }
  return draftFields(draft).flatMap(({ projectSeq, field, raw }) => {
    if (raw.confidence === undefined) return [];
    const decision = raw.decision ?? null;
    const repaired =
      decision === null || decision === 'read' ? repairedAs.get(`${projectSeq ?? ''}|${field}`) : undefined;
    return [
      {
        projectSeq,
        field,
        pageNumber: raw.pageNumber,
        engine: raw.engine ?? null,
        confidence: raw.confidence,
        decision: repaired ?? decision,
        text: raw.text,
      },
    ];
  });
}

/**
 * `ocr_low_confidence`: a cell or line read by OCR below OCR_LOW_CONFIDENCE, naming page, field, engine (when the reader
 * said) and text.
 */
export function draftToOcrFindings(draft: DocumentDraft): Finding[] {
  return draftToOcrFields(draft)
    .filter(({ confidence, text }) => confidence < OCR_LOW_CONFIDENCE && text.trim() !== '')
    .map(({ projectSeq, field, pageNumber, engine, confidence, text }) => ({
      projectSeq,
      severity: 'warning' as const,
      rule: 'ocr_low_confidence',
      message: `第 ${pageNumber ?? '?'} 页 ${projectSeq === null ? '' : `项目 ${projectSeq} `}${field} ${engine === null ? '' : `${engine} `}识别置信度 ${Math.round(confidence)}：“${text}”`,
      pageNumber,
    }));
}

/**
 * Printed project numbers that restart (segment then numbers projects through the document; printed_seq keeps the
 * printed number).
 */
export function numberingFindings(draft: DocumentDraft): Finding[] {
  const renumbered = draft.projects.filter((project) => project.printedSeq !== undefined);
  if (renumbered.length === 0) return [];
  const printed = renumbered.map((project) => project.printedSeq).join(',');
  return [
    {
      projectSeq: null,
      severity: 'info',
      rule: 'project_numbering_restarts',
      message: `项目表编号重新开始（${printed}），按全文顺序编为 1..${renumbered.length}`,
      pageNumber: null,
    },
  ];
}

/** `project_unnumbered`: project headings printed without a number, numbered by segment in their order. */
export function unnumberedFindings(draft: DocumentDraft): Finding[] {
  const unnumbered = draft.projects.filter((project) => project.unnumbered === true);
  if (unnumbered.length === 0) return [];
  const seqs = unnumbered.map((project) => project.seq).join(',');
  return [
    {
      projectSeq: null,
      severity: 'info',
      rule: 'project_unnumbered',
      message: `${unnumbered.length} 个项目表标题没有编号，按出现顺序编为 ${seqs}`,
      pageNumber: unnumbered[0].pageFirst,
    },
  ];
}

/**
 * A title's comparison key: no whitespace, punctuation or symbols, ASCII digits, no trailing `绩效目标表` (`2022 年…专项绩效目标表`
 * = `2022年…专项`).
 */
export function titleToComparisonKey(title: string): string {
  const key = fullWidthNumberCharsToAscii(title).replace(/[\s\p{P}\p{S}]/gu, '');
  return key.replace(new RegExp(`${SECTION_WORDS.tableTitleSuffix}$`, 'u'), '');
}

/**
 * The contents against the project tables: an entry with no table of its number (error), a table
 * not in the contents (warning), and an entry whose number has a table of another title (warning;
 * the title may match the table's heading or its 项目名称).
 */
export function tocFindings(draft: DocumentDraft, projects: Project[]): Finding[] {
  if (draft.toc.length === 0) return [];
  const findings: Finding[] = [];
  const projectBySeq = new Map(projects.map((project) => [project.seq, project]));
  const tocSeqs = new Set(draft.toc.map((entry) => entry.seq));
  // An entry naming a 部门整体 table is no project's (it is found as the department's table).
  const deptTitleKeys = new Set(
    (draft.deptTargets ?? []).map((target) => titleToComparisonKey(target.tableTitle.text)),
  );
  for (const entry of draft.toc) {
    if (deptTitleKeys.has(titleToComparisonKey(entry.title.text))) continue;
    const project = projectBySeq.get(entry.seq);
    if (!project) {
      findings.push({
        projectSeq: entry.seq,
        severity: 'error',
        rule: 'toc_project_missing',
        message: `目录列出的 ${entry.seq}.${entry.title.text} 在正文中没有找到`,
        pageNumber: null,
      });
      continue;
    }
    const entryKey = titleToComparisonKey(entry.title.text);
    const projectKeys = [project.tableTitle, project.name]
      .filter((title): title is string => title !== null)
      .map(titleToComparisonKey);
    if (!projectKeys.includes(entryKey)) {
      findings.push({
        projectSeq: entry.seq,
        severity: 'warning',
        rule: 'toc_title_mismatch',
        message: `目录 ${entry.seq}.${entry.title.text} 与正文第 ${entry.seq} 个项目表“${project.tableTitle}”标题不同`,
        pageNumber: project.pageFirst,
      });
    }
  }
  for (const project of projects) {
    if (!tocSeqs.has(project.seq)) {
      findings.push({
        projectSeq: project.seq,
        severity: 'warning',
        rule: 'project_not_in_toc',
        message: `${project.seq}.${project.tableTitle} 不在目录中`,
        pageNumber: project.pageFirst,
      });
    }
  }
  return findings;
}

/**
 * A self-evaluation (自评表) skipped by segment: not targets, so not imported; one info finding per table, naming its
 * title and page, so that a reader knows the document held more than its targets.
 */
export function skippedTableFindings(draft: DocumentDraft): Finding[] {
  return (draft.skippedTables ?? []).map((table) => ({
    projectSeq: null,
    severity: 'info' as const,
    rule: 'self_evaluation_skipped' as const,
    message: `第${table.pageNumber}页「${table.title}」是绩效自评表（实际完成值、得分…），不是绩效目标，未导入`,
    pageNumber: table.pageNumber,
  }));
}
