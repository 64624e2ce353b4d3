/**
 * The review workspace end to end in headless Chromium (Debian's chromium, as tests/review): open
 * the workspace on a fixture database, open the document that needs review first, click a field and
 * see its cell, click a cell and see its field, correct the field, reload and see the correction,
 * export CSV and see it there, re-import the PDF with --force and still see it. Markup in texts
 * renders as text: a PDF whose cells hold it (written with the direct fixture writer), and a stored
 * document whose title, department, project name and finding hold it (its source file gone).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/main.js';
import ExcelJS from 'exceljs';
import { type RunningServer, startServer } from '../../src/serve/server.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';
import { FixtureExpected, fixtureToPrintDoc } from '../../scripts/fixtures/render/printDoc.js';
import { printDocToDirectPdf } from '../../scripts/fixtures/render/direct/document.js';

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
/** A text-layer fixture with findings (it ranks first), imported by path relative to the repository. */
const PDF = 'fixtures/invented/eco-2023.lo-a4.pdf';
const FIELD = 'p1.i1.target_text';
const CORRECTED = '≥30家';
const ADDED_LEVEL3 = '补录的巡查指标';
const INJECTIONS = {
  title: '<script>window.__pwned = 1</script>',
  department: '"><img src=x onerror="window.__pwned = 2">',
  name: '</svg><script>window.__pwned = 3</script>',
  level3: "<img src=x onerror='window.__pwned = 4'>",
  message: '<svg onload="window.__pwned = 5"></svg>',
};

let dir: string;
let dbPath: string;
let server: RunningServer;
let browser: Browser;

function captureIo(): CliIo & { text: () => string } {
  let text = '';
  return {
    out: (chunk) => {
      text += chunk;
    },
    err: (chunk) => {
      text += chunk;
    },
    isTty: false,
    text: () => text,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-workspace-'));
  dbPath = join(dir, 'budget.sqlite');
  const io = captureIo();
  expect(await runCli(['import', PDF, '--db', dbPath, '--jobs', '1'], io), io.text()).toBe(0);
  const db = openDatabase(dbPath);
  const base = sampleDocument();
  const project = base.projects[0];
  storeDocument(
    db,
    sampleDocument({
      sha256: 'd'.repeat(64),
      sourcePath: join(dir, 'gone.pdf'),
      title: INJECTIONS.title,
      department: INJECTIONS.department,
      repairs: [],
      findings: [{ projectSeq: 1, severity: 'info', rule: 'goal_missing', message: INJECTIONS.message, pageNumber: 5 }],
      projects: [
        {
          ...project,
          name: INJECTIONS.name,
          indicators: [{ ...project.indicators[0], level3: INJECTIONS.level3 }],
        },
      ],
    }),
    { pipelineVersion: 't' },
  );
  db.close();
  server = await startServer({ dbPath, port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openFirstDocument(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.locator('a.doc-link').first().waitFor();
  await page.locator('a.doc-link').first().click();
  await page.locator('body[data-cells-ready="true"]').waitFor({ timeout: 60_000 });
}

describe('budgetpdf serve in headless Chromium', () => {
  it('open the first document, field ↔ cell, correct, reload, export, re-import --force: the correction stays', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.locator('#reviewer').fill('李审');
    await page.locator('#reviewer').dispatchEvent('change');
    // The document that needs review first is the fixture (findings), not the clean crafted one.
    await expect.poll(() => page.locator('tr.doc-row').count()).toBe(2);
    expect(await page.locator('tr.doc-row').first().locator('a.doc-link').textContent()).toContain('生态环境局');
    await openFirstDocument(page);

    // The page image is rendered from the source file, cells drawn over it.
    const image = page.locator('#page-6 img');
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(400);
    expect(await page.locator('#page-6 rect.cell').count()).toBeGreaterThan(20);

    // Field → cell: the field's cell is selected and lies inside its page.
    const original = (await page.locator(`[data-field="${FIELD}"] .value`).textContent())!;
    await page.locator(`[data-field="${FIELD}"]`).click();
    const selectedCell = page.locator('rect.cell.selected');
    expect(await selectedCell.count()).toBe(1);
    const cellText = await selectedCell.locator('title').textContent();
    expect(cellText?.replace(/\s/g, '')).toContain(original.replace(/\s/g, ''));
    const cellBox = (await selectedCell.boundingBox())!;
    const pageBox = (await page.locator('#page-6').boundingBox())!;
    expect(cellBox.x).toBeGreaterThanOrEqual(pageBox.x);
    expect(cellBox.y + cellBox.height).toBeLessThanOrEqual(pageBox.y + pageBox.height + 1);

    // Cell → field: clicking the cell of another field selects that field.
    const otherCell = await page.evaluate(() => {
      const rect = document.querySelector('rect.cell.linked:not(.selected)');
      return rect?.getAttribute('data-cell') ?? null;
    });
    expect(otherCell).not.toBeNull();
    await page.locator(`rect.cell[data-cell="${otherCell}"]`).dispatchEvent('click');
    expect(await page.locator('.field.selected').count()).toBe(1);

    // Correct the field.
    await page.locator(`[data-field="${FIELD}"]`).click();
    await page.locator('#edit-value').fill(CORRECTED);
    await page.locator('#edit-note').fill('原件为30家');
    await page.locator('#edit-save').click();
    await page.locator(`[data-field="${FIELD}"].corrected`).waitFor();

    // Reload: the correction is there, with the extracted value beside it.
    await page.reload();
    await page.locator(`[data-field="${FIELD}"].corrected`).waitFor();
    expect(await page.locator(`[data-field="${FIELD}"] .value`).textContent()).toBe(CORRECTED);
    expect(await page.locator(`[data-field="${FIELD}"] .before`).textContent()).toBe(original);

    // Remove an extracted row and add one the extraction missed.
    const removedText = (await page.locator('[data-field="p1.i2.level3"] .value').textContent())!;
    await page.locator('tr.indicator[data-indicator="2"] button.remove-row').first().click();
    await page.locator('tr.indicator.row-removed[data-indicator="2"]').first().waitFor();
    await page.locator('.project[data-project="1"] button.add-row').click();
    await page.locator('input[data-add="level1"]').fill('效益指标');
    await page.locator('input[data-add="level3"]').fill(ADDED_LEVEL3);
    await page.locator('input[data-add="target_text"]').fill('≥3次');
    await page.locator('#add-row-save').click();
    await page.locator('.project[data-project="1"] tr.indicator.row-added').waitFor();
    await page.reload();
    await page.locator('tr.indicator.row-removed[data-indicator="2"]').first().waitFor();
    expect(await page.locator('.project[data-project="1"] tr.row-added').textContent()).toContain(ADDED_LEVEL3);

    // Exported CSV (the server still running) carries the correction.
    const csvDir = join(dir, 'csv');
    const io = captureIo();
    expect(await runCli(['export', '--db', dbPath, '--out', csvDir], io), io.text()).toBe(0);
    const flat = readFileSync(join(csvDir, 'indicators_flat.csv'), 'utf8');
    expect(flat).toContain(`${CORRECTED},`);
    expect(flat).toMatch(/,1,target_text,in_review,/);
    expect(readFileSync(join(csvDir, 'indicators.csv'), 'utf8')).toContain(CORRECTED);
    expect(flat).toContain(ADDED_LEVEL3);
    expect(flat).toContain('row_added');
    expect(flat).not.toContain(removedText);
    // And the workbook: its flat sheet and indicators sheet carry it too.
    const xlsxDir = join(dir, 'xlsx');
    expect(await runCli(['export', '--db', dbPath, '--out', xlsxDir, '--format', 'xlsx'], io), io.text()).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(xlsxDir, 'budget.xlsx'));
    const sheetTexts = (sheet: ExcelJS.Worksheet) => {
      const texts: string[] = [];
      sheet.eachRow((row) => {
        texts.push((row.values as unknown[]).map((value) => String(value ?? '')).join('|'));
      });
      return texts.join('\n');
    };
    const flatSheet = sheetTexts(workbook.worksheets[0]);
    expect(flatSheet).toContain(CORRECTED);
    expect(flatSheet).toContain(ADDED_LEVEL3);
    expect(flatSheet).not.toContain(removedText);
    expect(sheetTexts(workbook.getWorksheet('indicators')!)).toContain(CORRECTED);

    // Re-import with --force: rows are renewed, the correction stays and applies.
    const reimport = captureIo();
    expect(await runCli(['import', PDF, '--db', dbPath, '--force', '--jobs', '1'], reimport), reimport.text()).toBe(0);
    expect(reimport.text()).toContain('replaced');
    // The field correction, the removal, the addition and its three fields.
    expect(reimport.text()).toContain('corrections: 6 of 6 apply');
    await openFirstDocument(page);
    expect(await page.locator(`[data-field="${FIELD}"] .value`).textContent()).toBe(CORRECTED);
    expect(await page.locator('tr.indicator.row-removed').count()).toBe(1);
    expect(await page.locator('tr.indicator.row-added').count()).toBe(1);
    await page.locator('#sign-off').click();
    await expect.poll(() => page.locator('#review-status').textContent()).toBe('已签核');

    await page.screenshot({ path: join(dir, 'workspace.png') });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 180_000);

  it('texts holding markup render as text, and a source file that is gone is said so', async () => {
    // A PDF whose first indicator's cells hold markup, imported while the server runs.
    const expected = FixtureExpected.parse(
      JSON.parse(readFileSync('fixtures/invented/eco-2023.expected.json', 'utf8')),
    );
    const printed = structuredClone(expected);
    printed.projects = printed.projects.slice(0, 2);
    printed.toc = printed.toc.slice(0, 2);
    Object.assign(printed.projects[0].indicators[0], {
      level3: '<script>window.__pwned=6</script>',
      description: '"><img src=x onerror=window.__pwned=7>',
      basis: '</svg><script>window.__pwned=8</script>',
    });
    const injectionPdf = join(dir, 'injection.pdf');
    writeFileSync(injectionPdf, printDocToDirectPdf(fixtureToPrintDoc(printed)));
    const io = captureIo();
    expect(await runCli(['import', injectionPdf, '--db', dbPath, '--jobs', '1'], io), io.text()).toBe(0);

    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
    await page.goto(server.url);
    await page.locator('a.doc-link').first().waitFor();
    const injectedId = await page.evaluate(async () => {
      const list = (await (await fetch('/api/documents')).json()) as {
        documents: { id: number; sourcePath: string }[];
      };
      return list.documents.find((doc) => doc.sourcePath.endsWith('injection.pdf'))!.id;
    });
    await page.goto(`${server.url}#/doc/${injectedId}`);
    await page.locator('body[data-cells-ready="true"]').waitFor({ timeout: 60_000 });
    const level3 = (await page.locator('[data-field="p1.i1.level3"] .value').textContent())!;
    expect(level3.replace(/\s/g, '')).toBe('<script>window.__pwned=6</script>');
    expect((await page.locator('[data-field="p1.i1.basis"] .value').textContent())!.replace(/\s/g, '')).toBe(
      '</svg><script>window.__pwned=8</script>',
    );
    // The cells of those texts are drawn, their text in an SVG <title> as text.
    const titles = await page.locator('rect.cell title').allTextContents();
    expect(titles.some((title) => title.replace(/\s/g, '').includes('onerror=window.__pwned=7>'))).toBe(true);
    expect(titles.some((title) => title.replace(/\s/g, '').includes('</svg><script>'))).toBe(true);
    await page.locator('[data-field="p1.i1.level3"]').click();
    expect(await page.locator('rect.cell.selected').count()).toBe(1);
    expect(
      await page.locator('main script, main img:not(.page-view > img), .overlay *:not(rect, title, circle)').count(),
    ).toBe(0);
    expect(await pwned()).toBeUndefined();

    await page.goto(server.url);
    const row = page.locator('tr.doc-row', { hasText: 'script' });
    await row.waitFor();
    expect(await row.locator('a.doc-link').textContent()).toBe(INJECTIONS.title);
    await row.locator('a.doc-link').click();
    await page.locator('.file-status.problem').waitFor();
    expect(await page.locator('.file-status.problem').textContent()).toContain('no longer at');
    expect(await page.locator('h1').textContent()).toBe(INJECTIONS.title);
    expect(await page.locator('[data-field="d.department"] .value').textContent()).toBe(INJECTIONS.department);
    expect(await page.locator('.project .name').first().textContent()).toBe(INJECTIONS.name);
    expect(await page.locator('[data-field="p1.i1.level3"] .value').textContent()).toBe(INJECTIONS.level3);
    expect(await page.locator('ol.findings').textContent()).toContain(INJECTIONS.message);
    // Nothing ran and no element came from the texts.
    expect(await pwned()).toBeUndefined();
    expect(await page.locator('main script, main img, main svg').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  }, 120_000);
});
