/**
 * `budgetpdf compare` over a 1,000-document database (issue 19; not a timed test): the four documents of
 * fixtures/years are extracted once and stored again as 100 departments × 10 years (each copy its own sha256,
 * department and year, codes with that year's digits, budgets varied, one project renamed every other year so that
 * name links and candidates occur too). Times `links rebuild` over the whole database, then `compare` of one
 * department over one year and over nine, and a full scan of v_indicator_changes. Target: compare < 1 s.
 * Run alone: `npx tsx bench/compare.ts` (BENCH_COMPARE_DEPARTMENTS, BENCH_COMPARE_YEARS change the size).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { databaseToCompareReport } from '../src/history/compare.js';
import type { BudgetDocument } from '../src/model/index.js';
import { extractPdf } from '../src/pipeline.js';
import { openDatabase, storeDocument } from '../src/stages/store/index.js';
import { rebuildProjectLinks } from '../src/stages/store/projectLinks.js';
import { codeToCheckCharacter } from '../src/vocabulary/projectCode.js';

const DEPARTMENTS = Number(process.env.BENCH_COMPARE_DEPARTMENTS ?? 100);
const YEARS = Number(process.env.BENCH_COMPARE_YEARS ?? 10);
const FIRST_YEAR = 2015;
const COMPARE_TARGET_MS = 1000;

async function extract(path: string): Promise<BudgetDocument> {
  const { document } = await extractPdf(new Uint8Array(readFileSync(path)), { sourcePath: path, ocr: 'never' });
  return document;
}

/** The code printed in `year`: the template's year digits (characters 7–8) replaced, the check character recomputed. */
function codeOfYear(code: string | null, year: number): string | null {
  if (code === null || code.length !== 21) return code;
  const body = `${code.slice(0, 6)}${String(year % 100).padStart(2, '0')}${code.slice(8, 20)}`;
  return body + (codeToCheckCharacter(body) ?? code[20]);
}

function copyOf(template: BudgetDocument, department: number, year: number): BudgetDocument {
  const name = `基准测试第${department}局`;
  return {
    ...template,
    sha256: createHash('sha256').update(`${department}:${year}:${template.sha256}`).digest('hex'),
    sourcePath: `bench/${department}/${year}.pdf`,
    title: `${name}${year}年部门预算绩效文本`,
    department: name,
    fiscalYear: year,
    isDraft: false,
    projects: template.projects.map((project) => ({
      ...project,
      code: codeOfYear(project.code, year),
      name: project.seq === 2 && year % 2 === 1 ? `${project.name}（续）` : project.name,
      budgetTotalYuan:
        project.budgetTotalYuan === null ? null : project.budgetTotalYuan + ((department * 7 + year) % 11) * 10_000,
    })),
  };
}

const time = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
};

const templates = await Promise.all(
  ['water-2022', 'water-2023', 'water-2024'].map((name) => extract(`fixtures/years/${name}.lo-a4.pdf`)),
);
const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-bench-compare-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
try {
  const [, storeMs] = time(() => {
    for (let department = 1; department <= DEPARTMENTS; department++) {
      for (let offset = 0; offset < YEARS; offset++) {
        const template = templates[offset % templates.length];
        storeDocument(db, copyOf(template, department, FIRST_YEAR + offset), { pipelineVersion: 'bench' });
      }
    }
  });
  const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  console.log(`stored ${documents} documents in ${(storeMs / 1000).toFixed(1)} s`);
  const [counts, rebuildMs] = time(() => rebuildProjectLinks(db));
  console.log(`links rebuild: ${rebuildMs.toFixed(0)} ms (${JSON.stringify(counts)})`);
  const department = `基准测试第${Math.ceil(DEPARTMENTS / 2)}局`;
  for (const [fromYear, toYear] of [
    [FIRST_YEAR, FIRST_YEAR + 1],
    [FIRST_YEAR, FIRST_YEAR + YEARS - 1],
  ]) {
    time(() => databaseToCompareReport(db, { department, fromYear, toYear })); // warm
    const [report, ms] = time(() => databaseToCompareReport(db, { department, fromYear, toYear }));
    console.log(
      `compare ${fromYear}→${toYear}: ${ms.toFixed(1)} ms (${report.continuing.length} continuing, ${report.targetChanges.length} indicator pairs) ${ms < COMPARE_TARGET_MS ? 'ok' : `OVER ${COMPARE_TARGET_MS} ms`}`,
    );
  }
  const [changes, changesMs] = time(() => db.prepare('SELECT count(*) FROM v_indicator_changes').pluck().get());
  console.log(`v_indicator_changes, all rows: ${changes} in ${changesMs.toFixed(0)} ms`);
  const [history, historyMs] = time(() =>
    db.prepare('SELECT * FROM v_project_history WHERE department = ?').all(department),
  );
  console.log(`v_project_history of one department: ${history.length} rows in ${historyMs.toFixed(0)} ms`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
