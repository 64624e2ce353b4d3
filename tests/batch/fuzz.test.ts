import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { documentToAccepted, pdfBytesToExtractedDocument } from '../../src/batch/extractDocument.js';
import { extractPdf } from '../../src/pipeline.js';
import { withPdfjsRejectionsContained } from '../../src/batch/pdfjsRejections.js';
import { BudgetPdfError } from '../../src/errors.js';
import { openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { storedDocumentCounts } from '../../src/stages/store/storeDocument.js';
import { withOcrPool } from '../../src/stages/ocr/pool.js';
import type { BudgetDocument } from '../../src/model/index.js';
import type { Db } from '../../src/stages/store/index.js';
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

/** Code points a text layer must never pass on: controls, noncharacters, a lone surrogate, BOM, zero width. */
const HOSTILE_CODE_POINTS = ['0000', '0001', '0007', '001B', '007F', 'FFFE', 'FFFF', 'D800', 'FEFF', '200B'];
/** Page sides from absurd to hostile (points): 200 in, 2.8 km, negative, zero. */
const HOSTILE_SIDES_PT = ['14400', '200000', '1e9', '-14400', '0'];
/** Declared page counts: none, one, a million, past int32, negative. */
const HOSTILE_PAGE_COUNTS = ['0', '1', '999999', '2147483648', '-3'];
/** Declared image sides (pixels): 400 Mpx and beyond. */
const HOSTILE_IMAGE_SIDES_PX = ['20000', '100000', '2000000000'];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** `bytes` with the `index`-th match of `pattern` replaced by `replace(match)`; null when nothing matches. */
function replaceNth(
  bytes: Uint8Array,
  pattern: RegExp,
  random: () => number,
  replace: (match: RegExpMatchArray) => string,
): { bytes: Uint8Array; at: number } | null {
  const text = latin1(bytes);
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return null;
  const match = pick(matches, random);
  const at = match.index ?? 0;
  const out = text.slice(0, at) + replace(match) + text.slice(at + match[0].length);
  return { bytes: new Uint8Array(Buffer.from(out, 'latin1')), at };
}

/**
 * A Flate stream of the file (content or ToUnicode CMap) with some of its 4-digit hex codes replaced by hostile
 * code points: glyphs that UniGB-UCS2-H or the CMap send to U+0000, U+FFFE, a lone surrogate …
 */
function hostileCodePoints(bytes: Uint8Array, random: () => number): Mutation | null {
  const text = latin1(bytes);
  const streams = [...text.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)].filter((match) =>
    match[1].includes('/FlateDecode'),
  );
  for (let attempt = 0; attempt < streams.length; attempt++) {
    const head = pick(streams, random);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(head[1]);
    if (!length) continue;
    const start = (head.index ?? 0) + head[0].length;
    const end = start + Number(length[1]);
    let decoded: string;
    try {
      decoded = inflateSync(bytes.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    const codes = [...decoded.matchAll(/<[0-9A-Fa-f]{4}>/g)];
    if (codes.length === 0) continue;
    let mutated = decoded;
    const count = 1 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++) {
      const code = pick(codes, random);
      const at = code.index ?? 0;
      mutated = `${mutated.slice(0, at)}<${pick(HOSTILE_CODE_POINTS, random)}>${mutated.slice(at + 6)}`;
    }
    const stream = deflateSync(Buffer.from(mutated, 'latin1'));
    const newHead = head[0].replace(length[0], `/Length ${stream.length}`);
    return {
      kind: `code-points×${count}@${start}`,
      bytes: new Uint8Array(
        Buffer.concat([
          bytes.subarray(0, head.index ?? 0),
          Buffer.from(newHead, 'latin1'),
          stream,
          bytes.subarray(end),
        ]),
      ),
    };
  }
  return null;
}

/** Hostile values where a PDF declares sizes: a page box, the page count, an image's width and height. */
function hostileDeclaration(bytes: Uint8Array, random: () => number): Mutation | null {
  const which = random();
  if (which < 0.4) {
    const side = () => pick(HOSTILE_SIDES_PT, random);
    const result = replaceNth(bytes, /\/MediaBox\s*\[[^\]]*\]/g, random, () => `/MediaBox [0 0 ${side()} ${side()}]`);
    return result && { kind: `media-box@${result.at}`, bytes: result.bytes };
  }
  if (which < 0.7) {
    const count = pick(HOSTILE_PAGE_COUNTS, random);
    const result = replaceNth(bytes, /\/Count\s+\d+/g, random, () => `/Count ${count}`);
    return result && { kind: `page-count=${count}@${result.at}`, bytes: result.bytes };
  }
  const side = pick(HOSTILE_IMAGE_SIDES_PX, random);
  const result = replaceNth(
    bytes,
    /\/Width\s+\d+(\s*\/Height\s+)\d+/g,
    random,
    (match) => `/Width ${side}${match[1]}${side}`,
  );
  return result && { kind: `image-side=${side}@${result.at}`, bytes: result.bytes };
}

function mutate(base: Uint8Array, random: () => number): Mutation {
  const pickKind = random();
  const bytes = base.slice();
  if (pickKind < 0.2) {
    const length = Math.floor(random() * bytes.length);
    return { kind: `truncate@${length}`, bytes: bytes.slice(0, length) };
  }
  if (pickKind < 0.45) {
    const flips = 1 + Math.floor(random() * 24);
    for (let i = 0; i < flips; i += 1) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
    return { kind: `flip×${flips}`, bytes };
  }
  if (pickKind < 0.6) {
    const spans = objectSpans(bytes);
    const span = spans[Math.floor(random() * spans.length)];
    return {
      kind: `remove-object@${span.start}`,
      bytes: new Uint8Array([...bytes.subarray(0, span.start), ...bytes.subarray(span.end)]),
    };
  }
  if (pickKind < 0.75) {
    const mutation = hostileCodePoints(bytes, random);
    if (mutation) return mutation;
  }
  if (pickKind < 0.9) {
    const mutation = hostileDeclaration(bytes, random);
    if (mutation) return mutation;
  }
  const start = Math.floor(random() * bytes.length);
  const length = Math.floor(random() * 2048);
  bytes.fill(0, start, start + length);
  return { kind: `zero@${start}+${length}`, bytes };
}

/** C0 controls but tab and line breaks, DEL, U+FFFE/U+FFFF and lone surrogates: what load normalisation removes. */
function hasForbiddenCodePoint(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
    if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * A stored document is whole: the database holds exactly its projects, indicators, repairs and findings (a
 * transaction cut short would leave fewer), and no stored text keeps a character XML or a terminal forbids.
 */
function partialStoreProblems(db: Db, document: BudgetDocument, label: string): string[] {
  const counts = storedDocumentCounts(db, document.sha256);
  if (!counts) return [`${label}: not stored`];
  const problems: string[] = [];
  const indicatorCount = document.projects.reduce((sum, project) => sum + project.indicators.length, 0);
  if (counts.projectCount !== document.projects.length)
    problems.push(`${label}: ${counts.projectCount} of ${document.projects.length} projects stored`);
  if (counts.indicatorCount !== indicatorCount)
    problems.push(`${label}: ${counts.indicatorCount} of ${indicatorCount} indicators stored`);
  if (counts.findingCount !== document.findings.length)
    problems.push(`${label}: ${counts.findingCount} of ${document.findings.length} findings stored`);
  if (stringsOf(document).some(hasForbiddenCodePoint))
    problems.push(`${label}: a control character or noncharacter reached the stored records`);
  return problems;
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
    const partial: string[] = [];
    const kinds = new Set<string>();
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
            partial.push(...partialStoreProblems(db, document, label));
            outcomes.set('imported', (outcomes.get('imported') ?? 0) + 1);
            kinds.add(kind.replace(/[@×=].*$/u, ''));
          } catch (error) {
            if (error instanceof BudgetPdfError) outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
            else untyped.push(`${label}: ${(error as Error).stack ?? String(error)}`);
          }
        }
      });
      expect(untyped).toEqual([]);
      expect(partial).toEqual([]);
      expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
      // The mutations must reach both ends: some damage is tolerated, some refused.
      expect(outcomes.get('imported')).toBeGreaterThan(0);
      expect(outcomes.get('corrupt_pdf')).toBeGreaterThan(0);
      // Hostile code points and declared sizes are among the documents that went all the way to the store.
      expect([...kinds]).toEqual(expect.arrayContaining(['code-points', 'media-box']));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    console.log('fuzz outcomes', Object.fromEntries(outcomes));
  }, 240_000);
});

/** The scanned base: one image-only page, so that declared sizes reach the render and the OCR. */
const SCANNED_BASE = 'fixtures/scanned/ocr-small-table.scan200.pdf';
/** A case under OCR that takes longer than this counts as a hang (one page read: ~10 s on two cores). */
const OCR_CASE_TIMEOUT_MS = 90_000;

describe('fuzzing the OCR path with hostile declared sizes', () => {
  it('ends each image-side and page-box mutation of a scan as imported or typed, in bounded time, stored whole', async () => {
    const base = new Uint8Array(readFileSync(join(REPO_ROOT, SCANNED_BASE)));
    const random = prng(SEED + 1);
    const text = latin1(base);
    const cases: Mutation[] = [
      ...HOSTILE_IMAGE_SIDES_PX.map((side) => ({
        kind: `image-side=${side}`,
        bytes: new Uint8Array(
          Buffer.from(text.replace(/\/Width\s+\d+(\s*\/Height\s+)\d+/, `/Width ${side}$1${side}`), 'latin1'),
        ),
      })),
      ...['14400', '200000', '-14400'].map((side) => ({
        kind: `media-box=${side}`,
        bytes: new Uint8Array(
          Buffer.from(text.replace(/\/MediaBox\s*\[[^\]]*\]/, `/MediaBox [0 0 ${side} ${side}]`), 'latin1'),
        ),
      })),
      ...Array.from({ length: 2 }, () => hostileCodePoints(base, random) ?? mutate(base, random)),
    ];
    const db = openDatabase(':memory:');
    const outcomes: string[] = [];
    const problems: string[] = [];
    try {
      await withOcrPool({ workers: 1 }, (ocrPool) =>
        withPdfjsRejectionsContained(async () => {
          for (const { kind, bytes } of cases) {
            const label = `${SCANNED_BASE} ${kind}`;
            try {
              const { document: extracted } = await withTimeout(
                extractPdf(bytes, { sourcePath: label, ocr: 'auto', ocrPool }),
                OCR_CASE_TIMEOUT_MS,
                label,
              );
              const rules = new Set(extracted.findings.map((finding) => finding.rule));
              if (kind.startsWith('image-side') && !rules.has('image_over_budget'))
                problems.push(`${label}: no image_over_budget finding`);
              if (/media-box=\d/.test(kind) && !rules.has('render_downscaled'))
                problems.push(`${label}: no render_downscaled finding`);
              const document = documentToAccepted(extracted);
              storeDocument(db, document, { pipelineVersion: 'fuzz' });
              problems.push(...partialStoreProblems(db, document, label));
              outcomes.push(`${kind}: imported`);
            } catch (error) {
              if (error instanceof BudgetPdfError) outcomes.push(`${kind}: ${error.code}`);
              else problems.push(`${label}: ${(error as Error).stack ?? String(error)}`);
            }
          }
        }),
      );
      expect(problems).toEqual([]);
      expect(outcomes).toHaveLength(cases.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    console.log('OCR fuzz outcomes', outcomes);
  }, 900_000);
});
