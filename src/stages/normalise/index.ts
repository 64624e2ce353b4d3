/**
 * Normalise: the repaired draft into validated records. Money by string arithmetic into
 * integer yuan, spend plans by column, targets into (op, value, unit), the code's check
 * character, and the findings a reader should check.
 */
import { BudgetDocument, type DeptGoal, type Finding, type Project, type Repair } from '../../model/index.js';
import type { DocumentDraft } from '../../model/draft.js';
import { SECTION_WORDS } from '../../vocabulary/index.js';
import {
  draftToOcrFields,
  draftToOcrFindings,
  numberingFindings,
  skippedTableFindings,
  tocFindings,
  unnumberedFindings,
} from './documentFindings.js';
import { draftToProject } from './project.js';
import { draftToDeptTarget } from './deptTargets.js';
import { labelsToTemplate } from '../../vocabulary/templates.js';

export { draftToOcrFields, draftToOcrFindings, OCR_LOW_CONFIDENCE } from './documentFindings.js';

export type NormaliseMeta = {
  sha256: string;
  sourcePath: string;
  pageCount: number;
  pageSources: ('text' | 'ocr')[];
  repairs: Repair[];
  /** Findings of the load and text stages (blank pages, pixel budgets), listed first. */
  readFindings?: Finding[];
};

export function draftToDocument(draft: DocumentDraft, meta: NormaliseMeta): BudgetDocument {
  const findings: Finding[] = [...(meta.readFindings ?? [])];
  const title = draft.cover.title?.text ?? null;
  const template = labelsToTemplate(draft.projects.flatMap((project) => project.labelsSeen ?? []));
  const projects = draft.projects.map((project) => draftToProject(project, findings, template));
  const deptTargets = (draft.deptTargets ?? []).map((target) => draftToDeptTarget(target, findings));
  findings.push(...tocFindings(draft, projects));
  findings.push(...numberingFindings(draft));
  findings.push(...unnumberedFindings(draft));
  findings.push(...draftToOcrFindings(draft));
  findings.push(...skippedTableFindings(draft));
  if (title === null)
    findings.push({
      projectSeq: null,
      severity: 'warning',
      rule: 'title_missing',
      message: '封面没有找到文本标题（…部门/单位预算…绩效…），部门与年度未知',
      pageNumber: null,
    });
  const repairs = attributeRepairsToProjects(meta.repairs, projects);
  const ocrFields = draftToOcrFields(draft, repairs);
  const document = {
    sha256: meta.sha256,
    sourcePath: meta.sourcePath,
    title,
    department: titleToDepartment(title),
    fiscalYear: titleToFiscalYear(title),
    isDraft: title?.includes(SECTION_WORDS.draftMark) ?? false,
    pageCount: meta.pageCount,
    textSource: pageSourcesToTextSource(meta.pageSources),
    template: template?.id ?? null,
    toc: draft.toc.map((entry) => ({ seq: entry.seq, title: entry.title.text, pageNumber: entry.pageNumber })),
    deptGoals: draftToDeptGoals(draft),
    measures: draft.measures.map((measure) => ({ seq: measure.seq, body: measure.body.text })),
    projects,
    ...(deptTargets.length > 0 ? { deptTargets } : {}),
    repairs,
    findings,
    ...(ocrFields.length === 0 ? {} : { ocrFields }),
  };
  return BudgetDocument.parse(document);
}

export function pageSourcesToTextSource(sources: ('text' | 'ocr')[]): 'text' | 'ocr' | 'mixed' {
  if (sources.length > 0 && sources.every((source) => source === 'ocr')) return 'ocr';
  if (sources.every((source) => source === 'text')) return 'text';
  return 'mixed';
}

/** Where the kind of document starts in a title: `部门预算…`, `单位预算…`, or `预算…` (`…部门预算项目绩效目标`). */
const TITLE_KIND_START = /(部门|单位)?预算/u;

/**
 * The issuing body: the title before its year (`<dept>2022年部门预算绩效文本`), or, in a year-first
 * title, between the year and the kind (`2022年<dept>部门预算绩效文本`); null when neither names one.
 */
export function titleToDepartment(title: string | null): string | null {
  if (title === null) return null;
  const year = /(19|20)\d{2}\s*年度?/u.exec(title);
  const before = (year ? title.slice(0, year.index) : title.split(TITLE_KIND_START)[0]).trim();
  if (before !== '') return before;
  if (!year) return null;
  const after = title.slice(year.index + year[0].length);
  const kind = TITLE_KIND_START.exec(after);
  const between = (kind ? after.slice(0, kind.index) : '').trim();
  return between === '' ? null : between;
}

export function titleToFiscalYear(title: string | null): number | null {
  const match = title === null ? null : /((?:19|20)\d{2})\s*年/u.exec(title);
  return match ? Number(match[1]) : null;
}

function draftToDeptGoals(draft: DocumentDraft): DeptGoal[] {
  const goals: DeptGoal[] = [];
  if (draft.overallGoal) goals.push({ kind: 'overall', seq: 0, title: null, body: draft.overallGoal.text });
  for (const goal of draft.subGoals)
    goals.push({
      kind: 'sub',
      seq: goal.seq,
      title: goal.title.text === '' ? null : goal.title.text,
      body: goal.body.text,
    });
  return goals;
}

/** How the repair stage names the fields of a 部门整体 table (repair/index.ts repairDeptTarget). */
const DEPT_TARGET_FIELD_PREFIX = 'deptTargets[';

/** Stitch repairs know their page, not their project: give them the project whose pages hold them. */
function attributeRepairsToProjects(repairs: Repair[], projects: Project[]): Repair[] {
  return repairs.map((repair) => {
    // A 部门整体 table's repairs (field `deptTargets[i].…`) belong to no project, whatever page they share.
    if (repair.projectSeq !== null || repair.pageNumber === null || repair.field.startsWith(DEPT_TARGET_FIELD_PREFIX))
      return repair;
    const holders = projects.filter(
      (project) => project.pageFirst <= repair.pageNumber! && repair.pageNumber! <= project.pageLast,
    );
    return holders.length === 1 ? { ...repair, projectSeq: holders[0].seq } : repair;
  });
}
