/**
 * Issue 15: the 部门整体支出绩效目标表 on the review page, beside its pages, with a project's look and zh labels: the
 * department and its money block in the printed unit, 部门职能, goals, 年度主要任务 and the indicators with 分值.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { BudgetDocument } from '../../src/model/index.js';
import { extractPdf } from '../../src/pipeline.js';
import { yuanToPrintedAmount } from '../../src/review/reviewHtml.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const OUT = 'out/test-review-dept';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** `budgetpdf review` as a user runs it, then the page opened in Chromium. */
async function openReview(pdfPath: string): Promise<{ document: BudgetDocument; page: Page }> {
  const outDir = join(
    OUT,
    pdfPath
      .split('/')
      .pop()!
      .replace(/\.pdf$/, ''),
  );
  mkdirSync(outDir, { recursive: true });
  const io = { out: () => undefined, err: () => undefined, isTty: false };
  expect(await runCli(['review', pdfPath, '--out', outDir, '--ocr', 'never'], io)).toBe(0);
  const { document } = await extractPdf(new Uint8Array(readFileSync(pdfPath)), { sourcePath: pdfPath, ocr: 'never' });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`file://${join(process.cwd(), outDir, 'review.html')}`);
  return { document, page };
}

describe('review page: 部门整体支出绩效目标表 (Chromium)', () => {
  it.each([
    ['fixtures/templates/dept-only-2024.lo-b5.pdf', 0],
    ['fixtures/templates/county-dept-2025.direct.pdf', 2],
  ])(
    '%s: the department table beside its pages, every indicator with its weight (%i projects beside)',
    async (pdfPath, projectCount) => {
      const { document, page } = await openReview(pdfPath);
      expect(document.projects).toHaveLength(projectCount);
      const tables = document.deptTargets ?? [];
      expect(tables).toHaveLength(1);
      const table = tables[0]!;
      expect(await page.locator('header').textContent()).toContain('1 个部门整体表');

      const first = page.locator(`#page-${table.pageFirst} .record.dept-target[data-dept-target="${table.seq}"]`);
      expect(await first.count()).toBe(1);
      expect(await first.locator('h4').textContent()).toBe(`部门整体表 ${table.seq}. ${table.deptName}`);
      expect(await first.locator('dd.dept-name').textContent()).toBe(table.deptName);
      expect(await first.locator('dd.goal').textContent()).toBe(table.goal);
      expect(await first.locator('dt').allTextContents()).toEqual(
        expect.arrayContaining([
          '部门（单位）名称',
          '主管部门',
          `资金总额（${table.amountUnit}）`,
          '年度总体目标',
          ...(table.duties ? ['部门职能'] : []),
          ...(table.budgetBasicYuan !== null ? [`其中（${table.amountUnit}）`] : []),
        ]),
      );
      const shown = (await first.locator('dd.budget').textContent())!.split('（')[0];
      expect(shown).toBe(yuanToPrintedAmount(table.budgetTotalYuan, table.amountUnit));
      expect(Math.round(Number(shown) * (table.amountUnit === '万元' ? 10_000 : 1))).toBe(table.budgetTotalYuan);
      expect(await first.locator('table.tasks tr.task').count()).toBe(table.tasks.length);
      expect(table.tasks.length).toBeGreaterThan(0);
      expect(await first.locator('table.tasks tr.task td').nth(1).textContent()).toBe(table.tasks[0]!.name);

      // Every indicator once, beside the page it is printed on, with its 分值.
      const rows = page.locator(`.record.dept-target[data-dept-target="${table.seq}"] table.indicators tr.indicator`);
      expect(await rows.count()).toBe(table.indicators.length);
      expect(table.indicators.length).toBeGreaterThan(0);
      for (const indicator of table.indicators) {
        const row = page
          .locator(`#page-${indicator.pageNumber} .record.dept-target table.indicators tr.indicator`)
          .filter({ hasText: indicator.level3 ?? indicator.level1 });
        expect(await row.count(), indicator.level3 ?? '').toBeGreaterThan(0);
        expect(await row.first().locator('td.weight').textContent()).toBe(String(indicator.weight ?? ''));
      }
      expect(table.indicators.some((indicator) => typeof indicator.weight === 'number')).toBe(true);
      // The projects keep their records beside them.
      expect(await page.locator('.record.project').count()).toBeGreaterThanOrEqual(projectCount);
      await page.close();
    },
    120_000,
  );
});
