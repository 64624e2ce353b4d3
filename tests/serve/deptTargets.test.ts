/**
 * Issue 15 follow-up: the 部门整体支出绩效目标表 in the review workspace. The API lists how many a document holds and
 * gives each with its tasks and indicators (weights included); the document view shows them read-only (corrections
 * are keyed by project and indicator, docs/serve.md), a document of only a department table included.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import type { BudgetDocument } from '../../src/model/index.js';
import { extractPdf } from '../../src/pipeline.js';
import type { DocumentView } from '../../src/serve/documentView.js';
import { type RunningServer, startServer } from '../../src/serve/server.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const DEPT_ONLY = join(REPO_ROOT, 'fixtures/templates/dept-only-2024.lo-b5.pdf');
const COUNTY = join(REPO_ROOT, 'fixtures/templates/county-dept-2025.direct.pdf');

let dir: string;
let server: RunningServer;
let browser: Browser;
let deptOnly: BudgetDocument;
let ids: Record<'deptOnly' | 'county', number>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-serve-dept-'));
  const dbPath = join(dir, 'budget.sqlite');
  const results = await importPdfs([DEPT_ONLY, COUNTY], { dbPath, ocr: 'never', jobs: 1 });
  ids = { deptOnly: results[0]!.documentId!, county: results[1]!.documentId! };
  deptOnly = (await extractPdf(new Uint8Array(readFileSync(DEPT_ONLY)), { sourcePath: DEPT_ONLY, ocr: 'never' }))
    .document;
  server = await startServer({ dbPath, port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const getJson = async (path: string) => (await fetch(`${server.url.replace(/\/$/, '')}${path}`)).json();

describe('budgetpdf serve: 部门整体支出绩效目标表', () => {
  it('lists the department tables of each document and gives them with tasks and weighted indicators', async () => {
    const list = (await getJson('/api/documents')) as {
      documents: { id: number; projectCount: number; deptTargetCount: number }[];
    };
    const byId = new Map(list.documents.map((doc) => [doc.id, doc]));
    expect(byId.get(ids.deptOnly)).toMatchObject({ projectCount: 0, deptTargetCount: 1 });
    expect(byId.get(ids.county)).toMatchObject({ projectCount: 2, deptTargetCount: 1 });

    const view = (await getJson(`/api/documents/${ids.deptOnly}`)) as DocumentView;
    const table = deptOnly.deptTargets![0]!;
    expect(view.projects).toEqual([]);
    expect(view.deptTargets).toHaveLength(1);
    const shown = view.deptTargets[0]!;
    expect(shown).toMatchObject({ seq: 1, tableTitle: table.tableTitle, pageFirst: table.pageFirst });
    expect(shown.values).toMatchObject({
      dept_name: table.deptName,
      budget_total_yuan: table.budgetTotalYuan,
      goal: table.goal,
      weight_total: table.weightTotal,
    });
    expect(shown.tasks.map((task) => [task.name, task.budgetYuan])).toEqual(
      table.tasks.map((task) => [task.name, task.budgetYuan]),
    );
    expect(shown.indicators.map((row) => [row.values.level3, row.values.target_text, row.values.weight])).toEqual(
      table.indicators.map((row) => [row.level3, row.targetText, row.weight ?? null]),
    );
  });

  it('shows the department table read-only in the document view (Chromium), beside the pages', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    const row = page.locator(`tr.doc-row[data-id="${ids.deptOnly}"]`);
    await row.waitFor();
    expect(await row.locator('.dept-count').textContent()).toContain('部门整体表 1');
    await row.locator('a.doc-link').click();
    const section = page.locator('.record.dept-target[data-dept-target="1"]');
    await section.waitFor();
    const table = deptOnly.deptTargets![0]!;
    expect(await section.locator('h4 .name').textContent()).toBe(table.deptName);
    expect(await section.locator('.read-only').textContent()).toContain('只读');
    expect(await section.locator('dt').allTextContents()).toEqual(
      expect.arrayContaining(['部门（单位）名称', '资金总额（元）', '年度总体目标', '分值合计']),
    );
    expect(await section.locator('dd[data-field="budget_total_yuan"]').textContent()).toBe(
      String(table.budgetTotalYuan),
    );
    expect(await section.locator('table.tasks tr.task').count()).toBe(table.tasks.length);
    expect(await section.locator('table.indicators tr.indicator').count()).toBe(table.indicators.length);
    expect(await section.locator('table.indicators tr.indicator td.weight').allTextContents()).toEqual(
      table.indicators.map((row) => String(row.weight ?? '—')),
    );
    // Read-only: nothing in it opens the editor.
    expect(await section.locator('.field, button').count()).toBe(0);
    await page.locator('body[data-cells-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await page.locator(`#page-${table.pageFirst}`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
