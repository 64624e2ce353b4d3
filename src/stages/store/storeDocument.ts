import { BudgetPdfError } from '../../errors.js';
import { BudgetDocument, type Indicator } from '../../model/document.js';
import { databaseError, type Db } from './database.js';
import { sameDocumentKeySql } from './migrationDocumentVersions.js';

export type StoreStatus = 'imported' | 'replaced';
export type StoreResult = { documentId: number; status: StoreStatus };

export type StoreOptions = {
  /**
   * PIPELINE_VERSION of src/pipeline.ts, passed in by the caller so that the store (and `export`)
   * does not load the PDF stages.
   */
  pipelineVersion: string;
  /** The clock stays at the edge: tests pass a fixed time. */
  importedAt?: Date;
};

const boolToInt = (value: boolean): 0 | 1 => (value ? 1 : 0);
const nullableBoolToInt = (value: boolean | null): 0 | 1 | null => (value === null ? null : boolToInt(value));

/**
 * An indicator row's own columns, shared by a project's (`indicators`) and a department table's
 * (`dept_target_indicators`), in the order of indicatorToRowValues.
 */
const INDICATOR_ROW_COLUMNS =
  'seq, level1, level2, level3, description, target_text, target_op, target_value, target_unit, basis, page, weight, direction, measure_unit';

/** The values of INDICATOR_ROW_COLUMNS for one indicator, absent template fields as NULL. */
function indicatorToRowValues(indicator: Indicator) {
  return [
    indicator.seq,
    indicator.level1,
    indicator.level2,
    indicator.level3,
    indicator.description,
    indicator.targetText,
    indicator.targetOp,
    indicator.targetValue,
    indicator.targetUnit,
    indicator.basis,
    indicator.pageNumber,
    indicator.weight ?? null,
    indicator.direction ?? null,
    indicator.measureUnit ?? null,
  ] as const;
}

export function findDocumentBySha(
  db: Db,
  sha256: string,
): { id: number; sourcePath: string; importedAt: string } | null {
  const row = db
    .prepare('SELECT id, source_path AS sourcePath, imported_at AS importedAt FROM documents WHERE sha256 = ?')
    .get(sha256) as { id: number; sourcePath: string; importedAt: string } | undefined;
  return row ?? null;
}

/** What the database holds of the document with this sha256 (for an import's summary); null when not stored. */
export function storedDocumentCounts(
  db: Db,
  sha256: string,
): {
  documentId: number;
  pageCount: number;
  textSource: string;
  projectCount: number;
  indicatorCount: number;
  deptTargetCount: number;
  deptIndicatorCount: number;
  repairCount: number;
  findingCount: number;
} | null {
  const row = db
    .prepare(
      `SELECT d.id AS documentId, d.page_count AS pageCount, d.text_source AS textSource,
         (SELECT count(*) FROM projects p WHERE p.document_id = d.id) AS projectCount,
         (SELECT count(*) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.document_id = d.id) AS indicatorCount,
         (SELECT count(*) FROM dept_targets t WHERE t.document_id = d.id) AS deptTargetCount,
         (SELECT count(*) FROM dept_target_indicators ti JOIN dept_targets t ON t.id = ti.dept_target_id WHERE t.document_id = d.id) AS deptIndicatorCount,
         (SELECT count(*) FROM repairs r WHERE r.document_id = d.id) AS repairCount,
         (SELECT count(*) FROM findings f WHERE f.document_id = d.id) AS findingCount
       FROM documents d WHERE d.sha256 = ?`,
    )
    .get(sha256) as ReturnType<typeof storedDocumentCounts> | undefined;
  return row ?? null;
}

/**
 * The other stored documents that are the same document as `documentId` (same department, fiscal year and
 * title: another rendering, a scan, a draft and its final; the key of the view v_documents), by id.
 */
export function sameDocumentIdsOf(db: Db, documentId: number): number[] {
  return db
    .prepare(
      `SELECT o.id FROM documents d JOIN documents o ON o.id <> d.id AND ${sameDocumentKeySql('o')} = ${sameDocumentKeySql('d')}
       WHERE d.id = ? ORDER BY o.id`,
    )
    .pluck()
    .all(documentId) as number[];
}

/**
 * Loads one document in ONE transaction. A document with the same sha256 is deleted first
 * (its rows go with it by ON DELETE CASCADE) and stored again under the same id, so importing a file again
 * replaces it. When
 * anything fails nothing of this document is left and the database is as it was.
 */
export function storeDocument(db: Db, input: BudgetDocument, options: StoreOptions): StoreResult {
  const parsed = BudgetDocument.safeParse(input);
  if (!parsed.success) {
    throw new BudgetPdfError(
      'invalid_document',
      input.sourcePath ?? null,
      `document does not match the schema: ${parsed.error.message}`,
      {
        cause: parsed.error,
      },
    );
  }
  const doc = parsed.data;
  const importedAt = (options.importedAt ?? new Date()).toISOString();
  const pipelineVersion = options.pipelineVersion;

  // id NULL: a new row id; a replaced document keeps its id (`--force` does not renumber what a reader refers to).
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, sha256, source_path, title, department, fiscal_year, is_draft, page_count, text_source, imported_at, pipeline_version,
       template)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertToc = db.prepare('INSERT INTO toc_entries (document_id, seq, title, page) VALUES (?, ?, ?, ?)');
  const insertGoal = db.prepare('INSERT INTO dept_goals (document_id, kind, seq, title, body) VALUES (?, ?, ?, ?, ?)');
  const insertMeasure = db.prepare('INSERT INTO measures (document_id, seq, body) VALUES (?, ?, ?)');
  const insertProject = db.prepare(
    `INSERT INTO projects (document_id, seq, code, code_check_ok, name, unit_code, unit_name, amount_unit,
       budget_total_yuan, budget_fiscal_yuan, budget_other_yuan, fund_use, goal, page_first, page_last, table_title, printed_seq,
       budget_carryover_yuan, budget_project_total_yuan, competent_dept, competent_dept_code, implementing_unit, goal_mid_term, weight_total)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSpend = db.prepare('INSERT INTO spend_plan (project_id, month, cumulative_pct) VALUES (?, ?, ?)');
  const insertIndicator = db.prepare(
    `INSERT INTO indicators (project_id, ${INDICATOR_ROW_COLUMNS}, period)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeptTarget = db.prepare(
    `INSERT INTO dept_targets (document_id, seq, table_title, dept_name, competent_dept, competent_dept_code, amount_unit,
       budget_total_yuan, budget_fiscal_yuan, budget_other_yuan, budget_carryover_yuan, budget_basic_yuan, budget_projects_yuan,
       duties, goal, goal_mid_term, weight_total, page_first, page_last)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeptTask = db.prepare(
    'INSERT INTO dept_target_tasks (dept_target_id, seq, name, content, budget_yuan) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDeptIndicator = db.prepare(
    `INSERT INTO dept_target_indicators (dept_target_id, ${INDICATOR_ROW_COLUMNS})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRepair = db.prepare(
    `INSERT INTO repairs (document_id, project_id, page, kind, field, before, after, project_seq, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFinding = db.prepare(
    `INSERT INTO findings (document_id, project_id, severity, rule, message, project_seq, page)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const insertOcrField = db.prepare(
    `INSERT INTO ocr_fields (document_id, project_id, project_seq, field, page, engine, confidence, decision, text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const store = db.transaction((): StoreResult => {
    const existing = findDocumentBySha(db, doc.sha256);
    if (existing) db.prepare('DELETE FROM documents WHERE id = ?').run(existing.id);

    const documentId = Number(
      insertDocument.run(
        existing?.id ?? null,
        doc.sha256,
        doc.sourcePath,
        doc.title,
        doc.department,
        doc.fiscalYear,
        boolToInt(doc.isDraft),
        doc.pageCount,
        doc.textSource,
        importedAt,
        pipelineVersion,
        doc.template ?? null,
      ).lastInsertRowid,
    );
    for (const entry of doc.toc) insertToc.run(documentId, entry.seq, entry.title, entry.pageNumber);
    for (const goal of doc.deptGoals) insertGoal.run(documentId, goal.kind, goal.seq, goal.title, goal.body);
    for (const measure of doc.measures) insertMeasure.run(documentId, measure.seq, measure.body);

    const projectIdBySeq = new Map<number, number>();
    for (const project of doc.projects) {
      const projectId = Number(
        insertProject.run(
          documentId,
          project.seq,
          project.code,
          nullableBoolToInt(project.codeCheckOk),
          project.name,
          project.unitCode,
          project.unitName,
          project.amountUnit,
          project.budgetTotalYuan,
          project.budgetFiscalYuan,
          project.budgetOtherYuan,
          project.fundUse,
          project.goal,
          project.pageFirst,
          project.pageLast,
          project.tableTitle,
          project.printedSeq ?? project.seq,
          project.budgetCarryoverYuan ?? null,
          project.budgetProjectTotalYuan ?? null,
          project.competentDept ?? null,
          project.competentDeptCode ?? null,
          project.implementingUnit ?? null,
          project.goalMidTerm ?? null,
          project.weightTotal ?? null,
        ).lastInsertRowid,
      );
      projectIdBySeq.set(project.seq, projectId);
      for (const checkpoint of project.spendPlan)
        insertSpend.run(projectId, checkpoint.month, checkpoint.cumulativePct);
      for (const indicator of project.indicators) {
        insertIndicator.run(projectId, ...indicatorToRowValues(indicator), indicator.period ?? 'annual');
      }
    }

    for (const target of doc.deptTargets ?? []) {
      const targetId = Number(
        insertDeptTarget.run(
          documentId,
          target.seq,
          target.tableTitle,
          target.deptName,
          target.competentDept,
          target.competentDeptCode,
          target.amountUnit,
          target.budgetTotalYuan,
          target.budgetFiscalYuan,
          target.budgetOtherYuan,
          target.budgetCarryoverYuan,
          target.budgetBasicYuan,
          target.budgetProjectsYuan,
          target.duties,
          target.goal,
          target.goalMidTerm,
          target.weightTotal,
          target.pageFirst,
          target.pageLast,
        ).lastInsertRowid,
      );
      for (const task of target.tasks) insertDeptTask.run(targetId, task.seq, task.name, task.content, task.budgetYuan);
      for (const indicator of target.indicators) insertDeptIndicator.run(targetId, ...indicatorToRowValues(indicator));
    }

    // A projectSeq without a stored project (e.g. a contents entry whose table was not found) keeps project_id NULL.
    const projectIdOf = (seq: number | null): number | null =>
      seq === null ? null : (projectIdBySeq.get(seq) ?? null);
    for (const repair of doc.repairs) {
      insertRepair.run(
        documentId,
        projectIdOf(repair.projectSeq),
        repair.pageNumber,
        repair.kind,
        repair.field,
        repair.before,
        repair.after,
        repair.projectSeq,
        repair.confidence ?? null,
      );
    }
    for (const finding of doc.findings) {
      insertFinding.run(
        documentId,
        projectIdOf(finding.projectSeq),
        finding.severity,
        finding.rule,
        finding.message,
        finding.projectSeq,
        finding.pageNumber ?? null,
      );
    }
    for (const field of doc.ocrFields ?? []) {
      insertOcrField.run(
        documentId,
        projectIdOf(field.projectSeq),
        field.projectSeq,
        field.field,
        field.pageNumber,
        field.engine,
        field.confidence,
        field.decision,
        field.text,
      );
    }
    return { documentId, status: existing ? 'replaced' : 'imported' };
  });

  try {
    // IMMEDIATE: take the write lock up front, so a concurrent importer waits (busy_timeout) instead of failing
    // mid-way.
    return store.immediate();
  } catch (error) {
    throw databaseError(error, db.name);
  }
}
