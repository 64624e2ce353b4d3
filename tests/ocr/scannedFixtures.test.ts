/**
 * Scanned fixtures (fixtures/scanned/*.scan300.pdf, *.scan200.pdf: image-only renderings of the
 * text-layer fixtures, made by scripts/fixtures/scan.ts) read by OCR into the records of their
 * source document (issue 3, acceptance). One OCR pool serves every fixture of this file.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline.js';
import { withOcrPool, type OcrPool } from '../../src/stages/ocr/pool.js';
import { listFixturePdfs, readJson, REPO_ROOT } from '../../support/fixtureFiles.js';
import { formatAccuracyRow, measureOcrAccuracy, type OcrAccuracy } from '../../support/ocrAccuracy.js';

/** Acceptance of issue 3: indicator rows found and not invented. */
const MIN_ROW_RECALL = 0.99;
const MIN_ROW_PRECISION = 0.99;
/** Mean character error rate of the other text fields, by scan resolution. */
const MAX_MEAN_CER_BY_DPI: Record<number, number> = { 300: 0.02, 200: 0.04 };
/** A full 25-page seed scan takes ~80 s on 2 cores. */
const FIXTURE_TIMEOUT_MS = 400_000;

/**
 * Known gaps against the issue's acceptance: these fixtures do not yet meet the figure, and their
 * test is declared with it.fails, so it turns red the day the figure is met (then move it to `it`).
 * Mean CER measured 2026-11-29 (session 2): seed 300 dpi 1.40 %, seed 200 dpi 2.35 %, eco-2023
 * 300 dpi 1.71 %, health-2024 200 dpi 3.75 %, health-2024.direct 300 dpi 1.55 %, civil-2020 300 dpi
 * 1.89 % — every fixture meets its target. Session 3 added two unseen scans: civil-2020-yuan at
 * 200 dpi 3.59 %; transport-2021.wps at 300 dpi 9.55 % at first (contents heading `目□□□□录` read
 * as `目 0000 录`, so neither contents nor part one were found), 1.47 % now.
 */
const KNOWN_CER_GAPS = new Set<string>([]);
/**
 * Exact fields. Session 3: the health-2024 scans (unseen input added in session 2,
 * 5/226 and 2/226 misses) became exact once codes and numbers were re-read with eng (`25%` had been
 * read as 235, `50%` as `350多`, `70%` as `7O%`; codes' short wrapped lines read from a strip).
 * Two scans were added in session 3 as unseen input: civil-2020-yuan at 200 dpi first missed 4/100
 * (a wrapped level-2 `服务对象⏎满意度指标` whose second line was misread), exact since level names
 * are snapped by a unique opening; transport-2021.wps at 300 dpi missed 14/104 at first (spaced
 * amounts `1, 850, 000. 00`, spend plans under `资金支出计划（终` and unread month headers, noisy
 * level-1 cells), 1/104 after session 3: the level-1 `满意度指标` of project 3's last row, printed across the
 * rule above its cell (the WPS writer centres it on the span continued on the next page), reads as noise.
 * Exact since session 4 (0/104, CER 1.35 %): a noise level-1 cell is named by the one level-1 owning its
 * rows' level-2 names, and the row cut by the page break is merged (see KNOWN_ROW_GAPS).
 * Two more unseen scans at 200 dpi were added at the end of session 3: transport-2021.wps-rot90
 * missed 1/104 (`20%` read `0%`: eng dropped the 2 of tightly kerned digits that chi_sim read with
 * confidence 89), exact since a confident plain number is not replaced by one with fewer digits;
 * eco-2023.direct missed 1/216 (the code at projects[3], project seq 3, printed with a planted failing check
 * character, lost its wrapped final `1J`, read `U`: the foot of the 1 touches the hook of the J), exact
 * since session 4: a code cell that passes in no reading is also read with touching glyphs pulled apart,
 * and a whole 21-character reading is kept over a shorter one (check_char_failed reported, as expected).
 * Session 4 added two unseen scans at 200 dpi: eco-2023.lo-b5, exact at its first run (CER 2.07 %), and
 * seed-2022.direct (39 landscape pages), 11/446 misses at first: month headers read `拥底 明底 10 月底`
 * left one header read, so the spend-plan row was not found (now found by its label), and the small
 * 8pt amounts read `di`, `1 工 00`, `伍 .00` (now re-read by eng when unsure, kept as an amount with
 * cents); 0/446, CER 1.53 %.
 */
const KNOWN_EXACT_GAPS = new Set<string>([]);
/**
 * Indicator rows. civil-2020 at 300 dpi had one row too many until OCR'd repeated headers were
 * recognised with a few misread characters. transport-2021.wps at 300 dpi (session 3, unseen):
 * precision 97.3 % at first (project 3's last row, cut by the page break inside `服务对象⏎满意度指标`, was
 * not merged), 100 % since session 4: the page number under the table, printed `- □5□ -` by the WPS
 * writer and read as noise (`-0 怠 -`), stood between the table and its continuation; short OCR lines
 * at the same place in the margin of several pages are now page furniture.
 */
const KNOWN_ROW_GAPS = new Set<string>([]);

const scannedFixtures = listFixturePdfs(['scanned']).filter((fixture) => /\.scan\d+\.pdf$/.test(fixture.pdfPath));
const dpiOf = (pdfPath: string) => Number(/\.scan(\d+)\.pdf$/.exec(pdfPath)![1]);

/** Starts a pool for the whole file: withOcrPool's callback stays open until afterAll releases it. */
function openSharedPool(): { ready: Promise<OcrPool>; close: () => Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let resolvePool!: (pool: OcrPool) => void;
  const ready = new Promise<OcrPool>((resolve) => (resolvePool = resolve));
  const done = withOcrPool({}, async (pool) => {
    resolvePool(pool);
    await released;
  });
  return {
    ready: Promise.race([ready, done.then(() => Promise.reject(new Error('OCR pool closed before use')))]),
    close: async () => {
      release();
      await done;
    },
  };
}

describe('scanned fixtures import by OCR to the records of their source', () => {
  let shared: ReturnType<typeof openSharedPool>;
  const report: string[] = [];
  beforeAll(() => {
    shared = openSharedPool();
  });
  afterAll(async () => {
    await shared.close();
    console.log(`OCR accuracy per scanned fixture:\n${report.join('\n')}`);
  });

  it('has a full seed scan at 300 dpi and one at 200 dpi', () => {
    const names = scannedFixtures.map((fixture) => fixture.pdfPath);
    expect(names.some((name) => /seed-2022\.[^/]*\.scan300\.pdf$/.test(name))).toBe(true);
    expect(names.some((name) => /\.scan200\.pdf$/.test(name))).toBe(true);
  });

  const accuracyOf = new Map<string, Promise<OcrAccuracy>>();
  /** One OCR run per fixture, shared by the tests that measure it. */
  function measured(fixture: (typeof scannedFixtures)[number]): Promise<OcrAccuracy> {
    if (!accuracyOf.has(fixture.pdfPath)) {
      accuracyOf.set(
        fixture.pdfPath,
        (async () => {
          const ocrPool = await shared.ready;
          const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, fixture.pdfPath)));
          const started = performance.now();
          const { document, loaded } = await extractPdf(bytes, { sourcePath: fixture.pdfPath, ocr: 'auto', ocrPool });
          const secondsPerPage = (performance.now() - started) / 1000 / loaded.pageCount;
          expect(document.textSource).toBe('ocr');
          const accuracy = measureOcrAccuracy(document, readJson(fixture.expectedPath));
          report.push(formatAccuracyRow(fixture.pdfPath.replace(/^fixtures\/scanned\//, ''), accuracy, secondsPerPage));
          return accuracy;
        })(),
      );
    }
    return accuracyOf.get(fixture.pdfPath)!;
  }
  const detail = (accuracy: OcrAccuracy) => JSON.stringify({ exactMisses: accuracy.exactMisses.slice(0, 20), worstFields: accuracy.worstFields }, null, 1);

  for (const fixture of scannedFixtures) {
    const dpi = dpiOf(fixture.pdfPath);
    const name = `${fixture.pdfPath} (${dpi} dpi)`;
    const rowsMet = KNOWN_ROW_GAPS.has(basename(fixture.pdfPath)) ? it.fails : it;
    rowsMet(`${name}: every project found, indicator rows with recall and precision ≥ 99 %`, { timeout: FIXTURE_TIMEOUT_MS }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.projectsFound, detail(accuracy)).toBe(accuracy.projectsExpected);
      expect(accuracy.recall, detail(accuracy)).toBeGreaterThanOrEqual(MIN_ROW_RECALL);
      expect(accuracy.precision, detail(accuracy)).toBeGreaterThanOrEqual(MIN_ROW_PRECISION);
    });

    // Acceptance figures not yet reached on every fixture are declared as known gaps: `it.fails` turns
    // red the day the figure is met, so the gap is then closed here (thresholds are the issue's, unweakened).
    const exactMet = KNOWN_EXACT_GAPS.has(basename(fixture.pdfPath)) ? it.fails : it;
    exactMet(`${name}: codes, money, spend plans, level-1 and level-2 names exactly right`, { timeout: FIXTURE_TIMEOUT_MS }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.exactMisses, detail(accuracy)).toEqual([]);
    });
    const cerMet = KNOWN_CER_GAPS.has(basename(fixture.pdfPath)) ? it.fails : it;
    cerMet(`${name}: mean character error rate of the other text ≤ ${MAX_MEAN_CER_BY_DPI[dpi] * 100} %`, { timeout: FIXTURE_TIMEOUT_MS }, async () => {
      const accuracy = await measured(fixture);
      expect(accuracy.meanCer, detail(accuracy)).toBeLessThanOrEqual(MAX_MEAN_CER_BY_DPI[dpi]);
    });
  }
});
