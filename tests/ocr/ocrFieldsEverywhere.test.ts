/**
 * Issue 13 "confidence everywhere", on a real scan: every non-empty text of the draft read from an OCR page — found by
 * walking the draft, not by a list of fields — carries the engine, its confidence and the decision, before and after
 * the repairs, and is one of the document's ocrFields under the name the repairs give it. The 7-page 200 dpi scan of
 * the civil-2020-yuan variant prints a cover, contents, part one's sub-goals, unit lines, project titles, info and
 * indicator tables with extra columns (指标方向, 计量单位, 分值). Its text-layer source yields no ocrFields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentDraft, RawText } from '../../src/model/draft.js';
import { extractPdf } from '../../src/pipeline.js';
import { withOcrPool } from '../../src/stages/ocr/pool.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';
import { draftToTexts } from '../support/draftTexts.js';

const SCAN = 'fixtures/scanned/civil-2020-yuan.lo-b5.scan200.pdf';
const TEXT_LAYER = 'fixtures/variants/civil-2020-yuan.lo-b5.pdf';
/** 7 pages at 200 dpi: ~45 s on 2 busy cores. */
const TIMEOUT_MS = 300_000;

const bytesOf = (path: string) => new Uint8Array(readFileSync(join(REPO_ROOT, path)));

/** The provenance a text read by OCR must carry, and what the walk found without it. */
function withoutProvenance(texts: Array<{ name: string; raw: RawText }>): string[] {
  return texts
    .filter(({ raw }) => raw.engine === undefined || raw.confidence === undefined || raw.decision === undefined)
    .map(({ name, raw }) => `${name}: ${raw.text}`);
}

const ocrPageTexts = (draft: DocumentDraft, ocrPages: Set<number>) =>
  draftToTexts(draft).filter(({ raw }) => raw.pageNumber !== null && ocrPages.has(raw.pageNumber));

describe('OCR provenance of every field', () => {
  it('every text read from a scan carries engine, confidence and decision, and is an ocrField', {
    timeout: TIMEOUT_MS,
  }, async () => {
    const extraction = await withOcrPool({}, (ocrPool) =>
      extractPdf(bytesOf(SCAN), { sourcePath: SCAN, ocr: 'auto', ocrPool }),
    );
    const ocrPages = new Set(
      extraction.pageTexts.filter((page) => page.source === 'ocr').map((page) => page.pageNumber),
    );
    expect(ocrPages.size).toBe(extraction.loaded.pageCount);
    const read = ocrPageTexts(extraction.draft, ocrPages);
    const repaired = ocrPageTexts(extraction.repairedDraft, ocrPages);
    // The walk reaches every kind of field the scan prints (a guard against a walk that finds nothing).
    const kinds = new Set(repaired.map(({ name }) => name.replace(/\[\d+\]/gu, '[]').replace(/^project \d+ /u, '')));
    for (const kind of ['title', 'preparedBy', 'toc[].title', 'subGoals[].title', 'subGoals[].body', 'tableTitle'])
      expect(kinds).toContain(kind);
    for (const kind of ['unitName', 'code', 'name', 'budgetTotal', 'goal', 'indicators[].target', 'indicators[].分值'])
      expect(kinds).toContain(kind);
    expect(withoutProvenance(read)).toEqual([]);
    expect(withoutProvenance(repaired)).toEqual([]);
    const ocrFields = new Map(
      (extraction.document.ocrFields ?? []).map((field) => [
        `${field.projectSeq === null ? '' : `project ${field.projectSeq} `}${field.field}`,
        field,
      ]),
    );
    const missing = repaired.filter(({ name, raw }) => {
      const field = ocrFields.get(name);
      return field?.text !== raw.text || field.confidence !== raw.confidence || field.engine !== raw.engine;
    });
    expect(missing.map(({ name, raw }) => `${name}: ${raw.text}`)).toEqual([]);
  });

  it('a text-layer document has no ocrFields', async () => {
    const extraction = await extractPdf(bytesOf(TEXT_LAYER), { sourcePath: TEXT_LAYER, ocr: 'auto' });
    expect(extraction.pageTexts.every((page) => page.source === 'text')).toBe(true);
    expect(draftToTexts(extraction.repairedDraft).length).toBeGreaterThan(100);
    expect(draftToTexts(extraction.repairedDraft).filter(({ raw }) => raw.confidence !== undefined)).toEqual([]);
    expect(extraction.document).not.toHaveProperty('ocrFields');
  });
});
