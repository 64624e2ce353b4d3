/**
 * Self-evaluations (自评表, issue 15) are never targets: the fixtures/not-budget/selfeval-* documents hold nothing else
 * and are refused as no_budget_tables with a message naming 自评表; fixtures/variants/culture-selfeval-2023 imports its
 * two projects and their own rows only, with a finding per skipped 自评表.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytesToExtractedDocument } from '../../src/batch/extractDocument.js';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { isBudgetPdfError } from '../../src/errors.js';
import { extractPdf } from '../../src/pipeline.js';
import { openDatabase } from '../../src/stages/store/index.js';
import { FIXTURES_DIR } from '../../support/fixtureFiles.js';

const NOT_BUDGET_DIR = join(FIXTURES_DIR, 'not-budget');
const SELF_EVALUATIONS = readdirSync(NOT_BUDGET_DIR)
  .filter((file) => file.startsWith('selfeval-') && file.endsWith('.pdf'))
  .sort();
const MIXED = ['lo-a4', 'direct'].map((producer) =>
  join(FIXTURES_DIR, 'variants', `culture-selfeval-2023.${producer}.pdf`),
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-self-evaluation-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documents of nothing but 自评表 are refused', () => {
  it('has two self-evaluation documents, each by two producers, one titled as targets', () => {
    expect(SELF_EVALUATIONS).toEqual([
      'selfeval-report-2022.direct.pdf',
      'selfeval-report-2022.lo-a4.pdf',
      'selfeval-titled-targets-2023.direct.pdf',
      'selfeval-titled-targets-2023.lo-b5.pdf',
    ]);
  });

  for (const file of SELF_EVALUATIONS) {
    it(`${file}: every table skipped as a self-evaluation, refused as no_budget_tables naming 自评表`, async () => {
      const bytes = new Uint8Array(readFileSync(join(NOT_BUDGET_DIR, file)));
      const { document } = await extractPdf(bytes, { sourcePath: file, ocr: 'never' });
      expect(document.projects).toEqual([]);
      expect(document.findings.filter((finding) => finding.rule === 'self_evaluation_skipped')).toHaveLength(2);
      const error = await pdfBytesToExtractedDocument(bytes, { sourcePath: file, ocr: 'never' }).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(isBudgetPdfError(error) && [error.code, error.file]).toEqual(['no_budget_tables', file]);
      expect((error as Error).message).toMatch(/only self-evaluation tables \(绩效自评表, 2\).*自评表/);
    });
  }
});

describe('a 部门预算 with targets and 自评表 imports only the targets', () => {
  it('stores the two projects and their 7 indicators, and a finding per skipped 自评表', async () => {
    const paths = [...MIXED, join(NOT_BUDGET_DIR, SELF_EVALUATIONS[0])].map((path) => {
      copyFileSync(path, join(dir, basename(path)));
      return join(dir, basename(path));
    });
    const dbPath = join(dir, 'import.sqlite');
    const results = await importPdfs(paths, { dbPath, ocr: 'never', jobs: 2 });
    expect(results.map((result) => [basename(result.path), result.status, result.errorCode])).toEqual([
      ['culture-selfeval-2023.lo-a4.pdf', 'imported', null],
      ['culture-selfeval-2023.direct.pdf', 'imported', null],
      [SELF_EVALUATIONS[0], 'failed', 'no_budget_tables'],
    ]);
    const db = openDatabase(dbPath);
    try {
      for (const result of results.slice(0, 2)) {
        const id = result.documentId;
        expect(db.prepare('SELECT seq, name FROM projects WHERE document_id = ? ORDER BY seq').all(id)).toEqual([
          { seq: 1, name: '公共文化服务体系建设' },
          { seq: 2, name: '文物保护修缮' },
        ]);
        expect(
          db
            .prepare(
              'SELECT p.seq, count(*) AS n FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.document_id = ? GROUP BY p.seq',
            )
            .all(id),
        ).toEqual([
          { seq: 1, n: 4 },
          { seq: 2, n: 3 },
        ]);
        const skipped = db
          .prepare("SELECT message FROM findings WHERE document_id = ? AND rule = 'self_evaluation_skipped'")
          .pluck()
          .all(id) as string[];
        expect(skipped).toHaveLength(3);
        expect(skipped[0]).toContain('附：文物保护修缮项目2022年度绩效自评表');
        // Nothing of the 自评表 (实际完成值 `2处`, 得分) reached the indicators.
        expect(
          db
            .prepare(
              "SELECT count(*) FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.document_id = ? AND (i.level1 LIKE '%项目%' OR i.target_text LIKE '%执行%')",
            )
            .pluck()
            .get(id),
        ).toBe(0);
      }
    } finally {
      db.close();
    }
  }, 180_000);
});
