import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStream } from 'fast-csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TABLES, exportCsv, exportFlatCsv, FLAT_CSV_FILE } from '../../src/stages/export/index.js';
import { openDatabase, storeDocument, type Db } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';
import { TABLE_HEADERS_ZH } from '../../src/stages/export/tableHeadersZh.js';

/** One documented column: the first four cells of a row `| \`name\` | 中文 | type | unit | meaning |`. */
type DocColumn = { name: string; zh: string; type: string };

/** Every `### \`name\`` section of docs/schema.md with the column rows of the table under it. */
function schemaDocToSections(markdown: string): Map<string, DocColumn[]> {
  const sections = new Map<string, DocColumn[]>();
  let current: DocColumn[] | null = null;
  for (const line of markdown.split('\n')) {
    const heading = line.match(/^#{2,3} `([^`]+)`/);
    if (heading) {
      if (sections.has(heading[1])) throw new Error(`docs/schema.md documents ${heading[1]} twice`);
      current = [];
      sections.set(heading[1], current);
      continue;
    }
    if (/^#+ /.test(line)) current = null;
    const row = line.match(/^\| `([^`]+)` \|/);
    if (row && current) {
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim());
      current.push({ name: row[1], zh: cells[1], type: cells[2] });
    }
  }
  return sections;
}

/** The ``` block under "## SQLite tables" of docs/contract.md: table name → listed columns. */
function contractDocToTables(markdown: string): Map<string, string[]> {
  const block = markdown.split(/^## SQLite tables/m)[1]?.match(/```\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('docs/contract.md has no table block under "## SQLite tables"');
  const tables = new Map<string, string>();
  let last = '';
  for (const line of block.split('\n')) {
    if (!line.trim()) continue;
    const head = line.match(/^(\w+)\s+(.*)$/);
    if (head) tables.set((last = head[1]), head[2]);
    else tables.set(last, `${tables.get(last)} ${line.trim()}`);
  }
  return new Map(
    [...tables].map(([name, text]) => [
      name,
      text
        .replace(/UNIQUE\s*\([^)]*\)/g, '')
        .replace(/\([^)]*\)/g, '')
        .split(',')
        .map((token) => token.trim().split(/\s+/)[0])
        .filter(Boolean),
    ]),
  );
}

function readCsv(path: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseStream(createReadStream(path))
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

type SchemaObject = { type: 'table' | 'view'; name: string; columns: { name: string; type: string }[] };

function liveSchema(db: Db): SchemaObject[] {
  const objects = db
    .prepare(
      "SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
    )
    .all() as { type: 'table' | 'view'; name: string }[];
  return objects.map((object) => ({
    ...object,
    columns: db.prepare(`PRAGMA table_info("${object.name}")`).all() as { name: string; type: string }[],
  }));
}

const markdown = readFileSync('docs/schema.md', 'utf8');
const sections = schemaDocToSections(markdown);
const contractTables = contractDocToTables(readFileSync('docs/contract.md', 'utf8'));
let dir: string;
let db: Db;
let schema: SchemaObject[];
let csvDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-schema-doc-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
  storeDocument(db, sampleDocument(), { pipelineVersion: 't', importedAt: new Date('2024-01-02T03:04:05.000Z') });
  schema = liveSchema(db);
  csvDir = join(dir, 'csv');
  await exportCsv(db, csvDir, { bom: true });
  await exportFlatCsv(db, join(csvDir, FLAT_CSV_FILE), { bom: true, headers: 'en' });
  await exportFlatCsv(db, join(csvDir, 'flat-zh.csv'), { bom: true, headers: 'zh' });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('docs/schema.md against the live schema', () => {
  it('documents every table and view of a fresh database, and nothing else', () => {
    const documented = [...sections.keys()].filter((name) => !name.endsWith('.csv'));
    expect(documented.sort()).toEqual(schema.map((object) => object.name).sort());
  });

  it('lists every column of every table and view in schema order, and no column that does not exist', () => {
    for (const object of schema) {
      const documented = sections.get(object.name) ?? [];
      expect(
        documented.map((column) => column.name),
        `${object.type} ${object.name}`,
      ).toEqual(object.columns.map((column) => column.name));
    }
  });

  it('gives every column a Chinese label and its declared SQLite type', () => {
    for (const object of schema) {
      const documented = sections.get(object.name) ?? [];
      object.columns.forEach((column, index) => {
        const doc = documented[index];
        expect(doc?.zh, `${object.name}.${column.name}`).toMatch(/\p{Script=Han}/u);
        if (column.type) expect(doc?.type, `${object.name}.${column.name}`).toBe(column.type);
      });
    }
  });
});

describe('docs/schema.md against the CSV files the exporter writes', () => {
  it('per-table CSVs: the header row is the documented column list of the table', async () => {
    for (const table of CONTRACT_TABLES) {
      const [header] = await readCsv(join(csvDir, `${table}.csv`));
      expect(
        header.map((name) => name.replace(/^\ufeff/, '')),
        table,
      ).toEqual((sections.get(table) ?? []).map((column) => column.name));
    }
  });

  it("the workbook's Chinese headers of each table sheet are the documented 中文 labels", () => {
    for (const table of CONTRACT_TABLES) {
      const documented = Object.fromEntries((sections.get(table) ?? []).map((column) => [column.name, column.zh]));
      expect(TABLE_HEADERS_ZH[table], table).toEqual(documented);
    }
  });

  it('names every per-table CSV file the exporter writes', () => {
    for (const table of CONTRACT_TABLES) expect(markdown).toContain(`\`${table}.csv\``);
  });

  it(`${FLAT_CSV_FILE}: the English and the Chinese header rows are the documented columns, and nothing else`, async () => {
    const documented = sections.get(FLAT_CSV_FILE) ?? [];
    const [english] = await readCsv(join(csvDir, FLAT_CSV_FILE));
    const [chinese] = await readCsv(join(csvDir, 'flat-zh.csv'));
    expect(english.map((name) => name.replace(/^\ufeff/, ''))).toEqual(documented.map((column) => column.name));
    expect(chinese.map((name) => name.replace(/^\ufeff/, ''))).toEqual(documented.map((column) => column.zh));
  });

  it('explains needs_review and links the finding rules', () => {
    expect(markdown).toMatch(/What `needs_review` means/);
    expect(markdown).toContain('(findings.md)');
  });
});

describe('docs/contract.md', () => {
  it('lists the contract tables, each column of which the live table has, in the same order and first', () => {
    expect([...contractTables.keys()]).toEqual([...CONTRACT_TABLES]);
    for (const [table, columns] of contractTables) {
      const live = schema.find((object) => object.name === table)?.columns.map((column) => column.name) ?? [];
      expect(live.slice(0, columns.length), table).toEqual(columns);
    }
  });
});

describe('the project docs', () => {
  it('point at nothing outside the repository', () => {
    for (const file of [
      'README.md',
      'docs/contract.md',
      'docs/schema.md',
      'docs/design.md',
      'docs/findings.md',
      'docs/sql.md',
      'docs/ocr-engines.md',
    ]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\.\.\/shared|\/work\/|(?<![\w/.])(DESIGN|CONTRACT|TEMPLATES)\.md/);
    }
  });
});
