import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfBytesToExtractedDocument } from '../../src/batch/extractDocument.js';
import { withPdfjsRejectionsContained } from '../../src/batch/pdfjsRejections.js';
import { BudgetPdfError } from '../../src/errors.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

/** Small text-layer fixtures of different producers (direct writer, LibreOffice), so cases stay fast. */
const BASES = [
  'fixtures/phenomena/name-cut-at-page-break.direct.pdf',
  'fixtures/scanned/ocr-small-table.pdf',
  'fixtures/phenomena/extra-empty-column.lo-a4.pdf',
];
const CASES = 300;
const SEED = 20240604;
/** A case that takes longer than this counts as a hang. */
const CASE_TIMEOUT_MS = 10_000;

/** mulberry32: a seeded PRNG, so a failing case can be replayed by its number. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = { kind: string; bytes: Uint8Array };

/** Byte spans `N G obj … endobj` of the file. */
function objectSpans(bytes: Uint8Array): { start: number; end: number }[] {
  const text = Buffer.from(bytes).toString('latin1');
  const spans: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/\d+ \d+ obj\b[\s\S]*?endobj/g))
    spans.push({ start: match.index!, end: match.index! + match[0].length });
  return spans;
}

function mutate(base: Uint8Array, random: () => number): Mutation {
  const pick = random();
  const bytes = base.slice();
  if (pick < 0.3) {
    const length = Math.floor(random() * bytes.length);
    return { kind: `truncate@${length}`, bytes: bytes.slice(0, length) };
  }
  if (pick < 0.65) {
    const flips = 1 + Math.floor(random() * 24);
    for (let i = 0; i < flips; i += 1) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
    return { kind: `flip×${flips}`, bytes };
  }
  if (pick < 0.9) {
    const spans = objectSpans(bytes);
    const span = spans[Math.floor(random() * spans.length)];
    return {
      kind: `remove-object@${span.start}`,
      bytes: new Uint8Array([...bytes.subarray(0, span.start), ...bytes.subarray(span.end)]),
    };
  }
  const start = Math.floor(random() * bytes.length);
  const length = Math.floor(random() * 2048);
  bytes.fill(0, start, start + length);
  return { kind: `zero@${start}+${length}`, bytes };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: ${what} not finished after ${ms} ms`)), ms);
    }),
  ]);
}

describe('fuzzing the import with damaged fixture PDFs', () => {
  it(`ends each of ${CASES} seeded mutations as imported or as a typed BudgetPdfError, and the database stays intact`, async () => {
    const bases = BASES.map((path) => ({ path, bytes: new Uint8Array(readFileSync(join(REPO_ROOT, path))) }));
    const random = prng(SEED);
    const db = openDatabase(':memory:');
    const outcomes = new Map<string, number>();
    const untyped: string[] = [];
    try {
      await withPdfjsRejectionsContained(async () => {
        for (let caseNumber = 0; caseNumber < CASES; caseNumber += 1) {
          const base = bases[caseNumber % bases.length];
          const { kind, bytes } = mutate(base.bytes, random);
          const label = `case ${caseNumber} ${base.path} ${kind}`;
          try {
            const { document } = await withTimeout(
              pdfBytesToExtractedDocument(bytes, { sourcePath: label, ocr: 'never' }),
              CASE_TIMEOUT_MS,
              label,
            );
            storeDocument(db, document, { pipelineVersion: 'fuzz' });
            outcomes.set('imported', (outcomes.get('imported') ?? 0) + 1);
          } catch (error) {
            if (error instanceof BudgetPdfError) outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
            else untyped.push(`${label}: ${(error as Error).stack ?? String(error)}`);
          }
        }
      });
      expect(untyped).toEqual([]);
      expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
      // The mutations must reach both ends: some damage is tolerated, some refused.
      expect(outcomes.get('imported')).toBeGreaterThan(0);
      expect(outcomes.get('corrupt_pdf')).toBeGreaterThan(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    console.log('fuzz outcomes', Object.fromEntries(outcomes));
  }, 240_000);
});
