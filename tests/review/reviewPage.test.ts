import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline.js';
import { reviewPdf } from '../../src/review/reviewPdf.js';
import { expectedPathFor } from '../../support/fixtureFiles.js';

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
const FIXTURES = [
  'fixtures/invented/eco-2023.lo-a4.pdf',
  'fixtures/seed/seed-2022.direct.pdf',
  'fixtures/seed/seed-2022.lo-b5.pdf',
  'fixtures/variants/transport-2021.wps-rot90.pdf',
  'fixtures/variants/civil-2020.lo-a4.pdf',
];
const OUT = 'out/test-review';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('budgetpdf review page in headless Chromium', () => {
  it.each(FIXTURES)(
    '%s: draws every layout cell over its page, links findings, keeps a screenshot',
    async (pdfPath) => {
      const name = pdfPath
        .split('/')
        .pop()!
        .replace(/\.pdf$/, '');
      const outDir = join(OUT, name);
      mkdirSync(outDir, { recursive: true });
      const review = await reviewPdf(pdfPath, { outDir, ocr: 'never' });
      // The layout artefact, computed independently of the review run.
      const { layouts, document, pageTexts } = await extractPdf(new Uint8Array(readFileSync(pdfPath)), {
        sourcePath: pdfPath,
        ocr: 'never',
      });
      const cellsInLayout = layouts.reduce(
        (sum, layout) => sum + layout.tables.reduce((k, table) => k + table.cells.length, 0),
        0,
      );
      const tablesInLayout = layouts.reduce((sum, layout) => sum + layout.tables.length, 0);
      expect(cellsInLayout).toBeGreaterThan(100);

      const html = readFileSync(review.htmlPath, 'utf8');
      expect(html).not.toMatch(/(src|href)="https?:/);
      const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('data:') && !request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(`file://${join(process.cwd(), review.htmlPath)}`);
      expect(await page.locator('section.page').count()).toBe(layouts.length);
      expect(await page.locator('rect.cell').count()).toBe(cellsInLayout);
      expect(await page.locator('rect.table').count()).toBe(tablesInLayout);
      for (const layout of layouts) {
        const cells = layout.tables.reduce((k, table) => k + table.cells.length, 0);
        expect(await page.locator(`#page-${layout.pageNumber} rect.cell`).count(), `page ${layout.pageNumber}`).toBe(
          cells,
        );
      }
      // Page images are decoded (rendered by pdf.js), not broken.
      const imageWidths = await page
        .locator('.page-view img')
        .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth));
      expect(imageWidths).toHaveLength(layouts.length);
      expect(Math.min(...imageWidths)).toBeGreaterThan(400);
      // Findings listed and linked to their page.
      expect(await page.locator('ol.findings li.finding').count()).toBe(document.findings.length);
      const pagedFindings = document.findings.filter((finding) => finding.pageNumber);
      expect(await page.locator('circle.finding-marker').count()).toBe(pagedFindings.length);
      for (const finding of pagedFindings) {
        expect(await page.locator(`ol.findings a[href="#page-${finding.pageNumber}"]`).count()).toBeGreaterThan(0);
      }
      // Repaired cells carry before → after.
      const repaired = page.locator('rect.cell.repaired');
      expect(await repaired.count()).toBeGreaterThan(0);
      expect(await repaired.first().locator('title').textContent()).toContain('→');
      // Records beside the page: every project appears with its name.
      for (const project of document.projects) {
        expect(await page.locator(`.record.project[data-project="${project.seq}"] h4`).first().textContent()).toContain(
          project.name,
        );
      }
      // Department goals and measures beside the page they are printed on: each expected body once, in the section
      // of a page whose text layer holds its opening.
      const expected = JSON.parse(readFileSync(expectedPathFor(pdfPath)!, 'utf8')) as {
        sub_goals: { body: string }[];
        measures: string[];
      };
      const bodies = [...expected.sub_goals.map((goal) => goal.body), ...expected.measures];
      expect(bodies.length).toBeGreaterThan(0);
      const partOne = await page.locator('section.page .record.part-one').evaluateAll((records) =>
        records.map((record) => ({
          page: Number(record.closest('section.page')!.getAttribute('data-page')),
          body: record.querySelector('p')!.textContent ?? '',
        })),
      );
      for (const body of bodies) {
        const shown = partOne.filter((item) => item.body === body);
        expect(shown, body).toHaveLength(1);
        const pageText = pageTexts
          .find((pageText) => pageText.pageNumber === shown[0].page)!
          .runs.map((run) => run.text)
          .join('')
          .replace(/\s+/g, '');
        expect(pageText, `${body} on page ${shown[0].page}`).toContain(body.slice(0, 6));
      }
      // Cells sit inside their page view.
      const firstTablePage = layouts.find((layout) => layout.tables.length > 0)!;
      const view = await page.locator(`#page-${firstTablePage.pageNumber} .page-view`).boundingBox();
      const cell = await page.locator(`#page-${firstTablePage.pageNumber} rect.cell`).first().boundingBox();
      expect(cell!.x).toBeGreaterThanOrEqual(view!.x);
      expect(cell!.y + cell!.height).toBeLessThanOrEqual(view!.y + view!.height + 1);
      await page.locator(`#page-${firstTablePage.pageNumber}`).screenshot({ path: join(outDir, 'screenshot.png') });
      expect(readFileSync(join(outDir, 'screenshot.png')).length).toBeGreaterThan(20_000);
      expect(requests).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
