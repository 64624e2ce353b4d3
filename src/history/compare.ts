/**
 * `budgetpdf compare`: one department's documents of two years side by side (issue 19) — budget by year, projects
 * continuing (through the accepted year links of every year between), new and dropped, candidate links awaiting a
 * person, and every target change of the continuing projects. Reads the links as the last import or `links rebuild`
 * left them; changes nothing.
 */
import { z } from 'zod';
import type { Db } from '../stages/store/database.js';
import { storedIndicatorsOf } from '../stages/store/projectLinks.js';
import { indicatorsToPairs } from './linkProjects.js';
import { HistoryError, type LinkIndicator, LinkMethod, LinkStatus, TargetChange } from './model.js';
import { targetsToChange } from './targetChange.js';

export const CompareProject = z.object({
  fiscalYear: z.number().int(),
  documentId: z.number().int(),
  sha256: z.string(),
  seq: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  unitName: z.string().nullable(),
  budgetTotalYuan: z.number().int().nullable(),
  budgetFiscalYuan: z.number().int().nullable(),
});
export type CompareProject = z.infer<typeof CompareProject>;

export const TargetChangeRow = z.object({
  fromProject: CompareProject,
  toProject: CompareProject,
  level1: z.string(),
  level2: z.string().nullable(),
  level3: z.string().nullable(),
  fromLevel3: z.string().nullable(),
  fromTarget: z.string().nullable(),
  toTarget: z.string().nullable(),
  change: TargetChange,
});
export type TargetChangeRow = z.infer<typeof TargetChangeRow>;

/** A 部门整体支出绩效目标表 of a counted document, as compare reads it. */
export const CompareDeptTarget = z.object({
  fiscalYear: z.number().int(),
  documentId: z.number().int(),
  sha256: z.string(),
  seq: z.number().int(),
  deptName: z.string().nullable(),
  budgetTotalYuan: z.number().int().nullable(),
});
export type CompareDeptTarget = z.infer<typeof CompareDeptTarget>;

/** One indicator pair of the department's table in the two years (matched as a continuing project's are). */
export const DeptTargetChangeRow = z.object({
  from: CompareDeptTarget,
  to: CompareDeptTarget,
  level1: z.string(),
  level2: z.string().nullable(),
  level3: z.string().nullable(),
  fromLevel3: z.string().nullable(),
  fromTarget: z.string().nullable(),
  toTarget: z.string().nullable(),
  change: TargetChange,
});
export type DeptTargetChangeRow = z.infer<typeof DeptTargetChangeRow>;

export const CompareReport = z.object({
  department: z.string(),
  fromYear: z.number().int(),
  toYear: z.number().int(),
  budgetByYear: z.array(
    z.object({
      fiscalYear: z.number().int(),
      budgetTotalYuan: z.number().int(),
      budgetFiscalYuan: z.number().int(),
      projectCount: z.number().int(),
    }),
  ),
  continuing: z.array(
    z.object({ from: CompareProject, to: CompareProject, methods: z.array(LinkMethod), statuses: z.array(LinkStatus) }),
  ),
  newProjects: z.array(CompareProject),
  droppedProjects: z.array(CompareProject),
  candidates: z.array(
    z.object({ linkId: z.number().int(), from: CompareProject, to: CompareProject, score: z.number() }),
  ),
  targetChanges: z.array(TargetChangeRow),
  /**
   * The department's 部门整体支出绩效目标表 of the first year beside the second's (paired by 部门名称, else the only
   * one of each year); [] when either year prints none.
   */
  deptTargets: z.array(z.object({ from: CompareDeptTarget, to: CompareDeptTarget })),
  /** Every indicator pair of those tables, by level path and name as for projects (new and dropped included). */
  deptTargetChanges: z.array(DeptTargetChangeRow),
});
export type CompareReport = z.infer<typeof CompareReport>;

export type CompareOptions = { department: string; fromYear: number; toYear: number };

const departmentKey = (department: string) => department.replace(/[\s\u3000]+/g, '');

/** The department's name as stored: equal once spaces are removed, else the only one containing the text given. */
export function departmentOf(db: Db, wanted: string): string {
  const departments = db
    .prepare('SELECT DISTINCT department FROM documents WHERE department IS NOT NULL ORDER BY department')
    .pluck()
    .all() as string[];
  const key = departmentKey(wanted);
  const exact = departments.find((department) => departmentKey(department) === key);
  if (exact) return exact;
  const containing = departments.filter((department) => departmentKey(department).includes(key));
  if (containing.length === 1) return containing[0];
  if (containing.length > 1)
    throw new HistoryError('department_ambiguous', `--department ${wanted} matches ${containing.join(', ')}`);
  throw new HistoryError(
    'department_not_found',
    `no document of department ${wanted}${departments.length > 0 ? ` (stored: ${departments.slice(0, 10).join(', ')}${departments.length > 10 ? ' …' : ''})` : ''}`,
  );
}

type ProjectRow = CompareProject & { key: string };

const projectKey = (sha256: string, seq: number) => `${sha256}:${seq}`;

/** Compares the department's counted documents (v_documents.latest = 1) of two years. */
export function databaseToCompareReport(db: Db, options: CompareOptions): CompareReport {
  if (options.fromYear >= options.toYear) {
    throw new HistoryError('invalid_years', `--from ${options.fromYear} must be before --to ${options.toYear}`);
  }
  const department = departmentOf(db, options.department);
  const projects = (
    db
      .prepare(
        `SELECT d.fiscal_year AS fiscalYear, d.id AS documentId, d.sha256, p.seq, p.code, p.name, p.unit_name AS unitName,
           p.budget_total_yuan AS budgetTotalYuan, p.budget_fiscal_yuan AS budgetFiscalYuan
         FROM documents d
         JOIN v_documents v ON v.document_id = d.id AND v.latest = 1
         JOIN projects p ON p.document_id = d.id
         WHERE d.department = ? AND d.fiscal_year IS NOT NULL
         ORDER BY d.fiscal_year, d.id, p.seq`,
      )
      .all(department) as CompareProject[]
  ).map((project): ProjectRow => ({ ...project, key: projectKey(project.sha256, project.seq) }));
  const deptTables = databaseToDeptTargets(db, department);
  // A year of only a department table (no project) is a year on record too.
  const years = [...new Set([...projects, ...deptTables].map((row) => row.fiscalYear).sort((a, b) => a - b))];
  for (const year of [options.fromYear, options.toYear]) {
    if (!years.includes(year)) {
      throw new HistoryError(
        'year_not_found',
        `no document of ${department} for ${year} (years stored: ${years.join(', ') || 'none'})`,
      );
    }
  }
  const byKey = new Map(projects.map((project) => [project.key, project]));
  const shas = [...new Set(projects.map((project) => project.sha256))];
  const placeholders = shas.map(() => '?').join(', ');
  const links = db
    .prepare(
      `SELECT id, from_sha256 AS fromSha, from_project_seq AS fromSeq, to_sha256 AS toSha, to_project_seq AS toSeq,
         method, score, status
       FROM project_links WHERE kind = 'year' AND from_sha256 IN (${placeholders}) AND to_sha256 IN (${placeholders})`,
    )
    .all(...shas, ...shas) as {
    id: number;
    fromSha: string;
    fromSeq: number;
    toSha: string;
    toSeq: number;
    method: LinkMethod;
    score: number;
    status: LinkStatus;
  }[];
  const next = new Map<string, { to: string; method: LinkMethod; status: LinkStatus }[]>();
  for (const link of links) {
    if (link.status !== 'auto' && link.status !== 'confirmed') continue;
    const from = projectKey(link.fromSha, link.fromSeq);
    next.set(from, [
      ...(next.get(from) ?? []),
      { to: projectKey(link.toSha, link.toSeq), method: link.method, status: link.status },
    ]);
  }

  const fromProjects = projects.filter((project) => project.fiscalYear === options.fromYear);
  const toProjects = projects.filter((project) => project.fiscalYear === options.toYear);
  const continuing: CompareReport['continuing'] = [];
  const reachedTo = new Set<string>();
  const reachingFrom = new Set<string>();
  for (const start of fromProjects) {
    // Walk the accepted links year by year: a chain through every year between.
    let frontier = [{ key: start.key, methods: [] as LinkMethod[], statuses: [] as LinkStatus[] }];
    while (frontier.length > 0) {
      const following: typeof frontier = [];
      for (const step of frontier) {
        const project = byKey.get(step.key);
        if (!project) continue;
        if (project.fiscalYear === options.toYear) {
          continuing.push({ from: strip(start), to: strip(project), methods: step.methods, statuses: step.statuses });
          reachedTo.add(project.key);
          reachingFrom.add(start.key);
          continue;
        }
        for (const link of next.get(step.key) ?? []) {
          const target = byKey.get(link.to);
          if (!target || target.fiscalYear > options.toYear) continue;
          following.push({
            key: link.to,
            methods: [...step.methods, link.method],
            statuses: [...step.statuses, link.status],
          });
        }
      }
      frontier = following;
    }
  }
  const inRange = (project: ProjectRow | undefined) =>
    project !== undefined && project.fiscalYear >= options.fromYear && project.fiscalYear <= options.toYear;
  const candidates = links
    .filter((link) => link.status === 'candidate')
    .map((link) => ({
      link,
      from: byKey.get(projectKey(link.fromSha, link.fromSeq)),
      to: byKey.get(projectKey(link.toSha, link.toSeq)),
    }))
    .filter(({ from, to }) => inRange(from) && inRange(to))
    .map(({ link, from, to }) => ({
      linkId: link.id,
      from: strip(from as ProjectRow),
      to: strip(to as ProjectRow),
      score: link.score,
    }));

  const targetChanges: TargetChangeRow[] = [];
  for (const pair of continuing) {
    const changes = indicatorListsToChanges(
      storedIndicatorsOf(db, pair.from.sha256, pair.from.seq),
      storedIndicatorsOf(db, pair.to.sha256, pair.to.seq),
    );
    for (const change of changes) targetChanges.push({ fromProject: pair.from, toProject: pair.to, ...change });
  }

  const budgetByYear = years.map((fiscalYear) => {
    const ofYear = projects.filter((project) => project.fiscalYear === fiscalYear);
    return {
      fiscalYear,
      budgetTotalYuan: ofYear.reduce((sum, project) => sum + (project.budgetTotalYuan ?? 0), 0),
      budgetFiscalYuan: ofYear.reduce((sum, project) => sum + (project.budgetFiscalYuan ?? 0), 0),
      projectCount: ofYear.length,
    };
  });
  const deptTargets = deptTablesToPairs(
    deptTables.filter((table) => table.fiscalYear === options.fromYear),
    deptTables.filter((table) => table.fiscalYear === options.toYear),
  );
  const deptTargetChanges: DeptTargetChangeRow[] = [];
  for (const pair of deptTargets) {
    const changes = indicatorListsToChanges(
      storedDeptIndicatorsOf(db, pair.from.sha256, pair.from.seq),
      storedDeptIndicatorsOf(db, pair.to.sha256, pair.to.seq),
    );
    for (const change of changes) deptTargetChanges.push({ from: pair.from, to: pair.to, ...change });
  }
  return {
    department,
    fromYear: options.fromYear,
    toYear: options.toYear,
    budgetByYear,
    continuing,
    newProjects: toProjects.filter((project) => !reachedTo.has(project.key)).map(strip),
    droppedProjects: fromProjects.filter((project) => !reachingFrom.has(project.key)).map(strip),
    candidates,
    targetChanges,
    deptTargets,
    deptTargetChanges,
  };
}

/** The department's 部门整体支出绩效目标表 in its counted documents (v_documents.latest = 1), by year; [] before migration 8. */
function databaseToDeptTargets(db: Db, department: string): CompareDeptTarget[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dept_targets'").get();
  if (!hasTable) return [];
  return db
    .prepare(
      `SELECT d.fiscal_year AS fiscalYear, d.id AS documentId, d.sha256, t.seq, t.dept_name AS deptName,
         t.budget_total_yuan AS budgetTotalYuan
       FROM documents d
       JOIN v_documents v ON v.document_id = d.id AND v.latest = 1
       JOIN dept_targets t ON t.document_id = d.id
       WHERE d.department = ? AND d.fiscal_year IS NOT NULL
       ORDER BY d.fiscal_year, d.id, t.seq`,
    )
    .all(department) as CompareDeptTarget[];
}

/** A department table's indicators as the linker reads a project's (LinkIndicator). */
/**
 * The indicators of two years' tables (a continuing project's, or a department's 部门整体表) matched by name, each pair
 * with its levels as last printed, the earlier name and both targets, and the target's change.
 */
function indicatorListsToChanges(fromIndicators: LinkIndicator[], toIndicators: LinkIndicator[]) {
  const fromBySeq = new Map(fromIndicators.map((indicator) => [indicator.seq, indicator]));
  const toBySeq = new Map(toIndicators.map((indicator) => [indicator.seq, indicator]));
  return indicatorsToPairs(fromIndicators, toIndicators).flatMap((match) => {
    const from = match.fromSeq === null ? null : (fromBySeq.get(match.fromSeq) ?? null);
    const to = match.toSeq === null ? null : (toBySeq.get(match.toSeq) ?? null);
    const shown = to ?? from;
    if (!shown) return [];
    return [
      {
        level1: shown.level1,
        level2: shown.level2,
        level3: shown.level3,
        fromLevel3: from?.level3 ?? null,
        fromTarget: from?.targetText ?? null,
        toTarget: to?.targetText ?? null,
        change: targetsToChange(from, to),
      },
    ];
  });
}

function storedDeptIndicatorsOf(db: Db, sha256: string, seq: number): LinkIndicator[] {
  return db
    .prepare(
      `SELECT i.seq, i.level1, i.level2, i.level3, i.target_text AS targetText, i.target_op AS targetOp,
         i.target_value AS targetValue, i.target_unit AS targetUnit
       FROM dept_target_indicators i JOIN dept_targets t ON t.id = i.dept_target_id
       JOIN documents d ON d.id = t.document_id
       WHERE d.sha256 = ? AND t.seq = ? ORDER BY i.seq`,
    )
    .all(sha256, seq) as LinkIndicator[];
}

/**
 * The first year's department tables beside the second's: equal 部门名称 (spaces removed) first, then, when one table
 * of each year is left, those two (a department prints one table a year, its name not always the same way).
 */
export function deptTablesToPairs(
  from: CompareDeptTarget[],
  to: CompareDeptTarget[],
): { from: CompareDeptTarget; to: CompareDeptTarget }[] {
  const pairs: { from: CompareDeptTarget; to: CompareDeptTarget }[] = [];
  const leftTo = [...to];
  const leftFrom: CompareDeptTarget[] = [];
  for (const table of from) {
    const key = table.deptName === null ? null : departmentKey(table.deptName);
    const index =
      key === null ? -1 : leftTo.findIndex((other) => other.deptName !== null && departmentKey(other.deptName) === key);
    if (index < 0) {
      leftFrom.push(table);
      continue;
    }
    pairs.push({ from: table, to: leftTo[index] });
    leftTo.splice(index, 1);
  }
  if (leftFrom.length === 1 && leftTo.length === 1) pairs.push({ from: leftFrom[0], to: leftTo[0] });
  return pairs;
}

function strip({ key: _key, ...project }: ProjectRow): CompareProject {
  return project;
}
