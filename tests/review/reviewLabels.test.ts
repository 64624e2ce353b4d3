/** Issue 17 item 7: the review page reads as the document does — its amount unit, Chinese labels, routine repairs folded. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTINE_REPAIR_KINDS } from '../../src/review/reviewHtml.js';
import { runCli } from '../../src/cli/main.js';
import { FINDING_RULE_ZH } from '../../src/stages/export/reviewTextsZh.js';
import type { BudgetDocument, FindingRule, RepairKind } from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import { extractPdf } from '../../src/pipeline.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const OUT = 'out/test-review-labels';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** `budgetpdf review` as a user runs it, then the page opened in Chromium. */
async function openReview(
  pdfPath: string,
): Promise<{ document: BudgetDocument; page: import('playwright-core').Page }> {
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

describe('review page labels and amounts (Chromium)', () => {
  it.each([
    ['fixtures/invented/health-2024.direct.pdf', '元'],
    ['fixtures/seed/seed-2022.direct.pdf', '万元'],
  ])(
    '%s: amounts in the unit the table prints (%s), exact',
    async (pdfPath, unit) => {
      const { document, page } = await openReview(pdfPath);
      for (const project of document.projects.filter((p) => p.budgetTotalYuan !== null)) {
        expect(project.amountUnit).toBe(unit);
        const record = page.locator(`.record.project[data-project="${project.seq}"]`).first();
        expect(await record.locator('dt').nth(1).textContent()).toBe(`预算数（${unit}）`);
        const shown = (await record.locator('dd.budget').textContent())!.split('（')[0];
        const factor = unit === '万元' ? 10_000 : 1;
        expect(Math.round(Number(shown) * factor)).toBe(project.budgetTotalYuan);
        if (unit === '元') expect(shown).toBe(String(project.budgetTotalYuan));
      }
      await page.close();
    },
    120_000,
  );

  it('labels findings and repairs in Chinese and folds the routine repairs away', async () => {
    const { document, page } = await openReview('fixtures/seed/seed-2022.direct.pdf');
    expect(document.findings.length).toBeGreaterThan(0);
    const items = await page.locator('ol.findings li.finding').allTextContents();
    document.findings.forEach((finding, index) => {
      expect(items[index]).toContain(FINDING_RULE_ZH[finding.rule as FindingRule]);
      expect(items[index]).toMatch(/^(错误|警告|提示) /);
    });
    const routine = document.repairs.filter((repair) => ROUTINE_REPAIR_KINDS.has(repair.kind as RepairKind));
    expect(routine.length).toBeGreaterThan(0);
    // Every routine repair sits in a folded <details>, closed until opened; none among the ones shown.
    expect(await page.locator('details.repairs.routine tr.repair').count()).toBe(
      routine.filter((repair) => repair.pageNumber !== null).length,
    );
    expect(await page.locator('details.repairs.routine[open]').count()).toBe(0);
    expect(await page.locator('details.repairs.notable tr.repair.routine').count()).toBe(0);
    const firstRoutine = page.locator('details.repairs.routine').first();
    expect(await firstRoutine.locator('tr.repair').first().isVisible()).toBe(false);
    await firstRoutine.locator('summary').click();
    expect(await firstRoutine.locator('tr.repair').first().isVisible()).toBe(true);
    expect(await firstRoutine.locator('summary').textContent()).toMatch(/处常规修复（折行合并、空格、括号）/);
    expect(await page.locator('header').textContent()).toContain('文本来源：文本层');
    await page.close();
  }, 120_000);
});
