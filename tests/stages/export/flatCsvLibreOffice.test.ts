import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFlatCsv } from '../../../src/stages/export/flatCsv.js';
import { openDatabase, storeDocument } from '../../../src/stages/store/index.js';
import { sampleDocument } from '../store/sampleDocument.js';

/** The entries of a zip file (stored or deflated), read from the central directory. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');

let dir: string;
let sheetXml: string;
let sharedStrings: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-lo-'));
  const db = openDatabase(join(dir, 'budget.sqlite'));
  const base = sampleDocument();
  storeDocument(
    db,
    sampleDocument({
      projects: [
        {
          ...base.projects[0],
          indicators: [
            { ...base.projects[0].indicators[0], level3: '=SUM(A1:A9)', targetText: '-5%', basis: '@cmd, "引号"' },
          ],
        },
      ],
    }),
    { pipelineVersion: 't' },
  );
  await exportFlatCsv(db, join(dir, 'indicators_flat.csv'), { bom: true, headers: 'zh' });
  db.close();
  // CSV:44,34,76,1 = comma separated, double-quoted, UTF-8 (76), from line 1: what the import dialog asks.
  execFileSync(
    'soffice',
    [
      '--headless',
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      join(dir, 'indicators_flat.csv'),
    ],
    {
      env: { ...process.env, HOME: dir },
      stdio: 'pipe',
      timeout: 90_000,
    },
  );
  const zip = unzip(readFileSync(join(dir, 'indicators_flat.xlsx')));
  sheetXml = zip.get('xl/worksheets/sheet1.xml')!.toString('utf8');
  sharedStrings = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => decodeXml([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The cell `ref` (e.g. B2) as LibreOffice stored it: type attribute, formula if any, value. */
function cellOf(ref: string): { type: string | null; formula: string | null; value: string } {
  const match = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)`).exec(sheetXml);
  if (!match) throw new Error(`no cell ${ref}`);
  const type = /t="(\w+)"/.exec(match[1])?.[1] ?? null;
  const formula = /<f[^>]*>([\s\S]*?)<\/f>/.exec(match[2] ?? '')?.[1] ?? null;
  const raw = /<v>([\s\S]*?)<\/v>/.exec(match[2] ?? '')?.[1] ?? '';
  return { type, formula, value: type === 's' ? sharedStrings[Number(raw)] : raw };
}

const column = (index: number) => String.fromCharCode('A'.charCodeAt(0) + index);

describe('indicators_flat.csv in LibreOffice Calc (soffice --convert-to xlsx)', () => {
  it('keeps the Chinese headers and text intact', () => {
    expect(cellOf('A1').value).toBe('文档编号');
    expect(cellOf('J1').value).toBe('预算数（万元）');
    expect(cellOf('C2').value).toBe('示例县农业农村局');
  });

  it('stores formula-like cells as inert strings, never as formulas', () => {
    expect(sheetXml).not.toContain('<f');
    const header = Array.from({ length: 25 }, (_, i) => cellOf(`${column(i)}1`).value);
    const at = (name: string) => cellOf(`${column(header.indexOf(name))}2`);
    expect(at('三级指标')).toMatchObject({ type: 's', formula: null });
    expect(at('三级指标').value).toMatch(/^'?=SUM\(A1:A9\)$/);
    expect(at('指标值').value).toMatch(/^'?-5%$/);
    expect(at('指标值确定依据').value).toMatch(/^'?@cmd, "引号"$/);
  });

  it('keeps numbers as numbers: budget in 万元, year, page', () => {
    expect(cellOf('J2')).toMatchObject({ type: 'n', value: '1010.07', formula: null });
    expect(cellOf('D2')).toMatchObject({ type: 'n', value: '2023' });
  });
});
