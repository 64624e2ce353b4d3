import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/stages/store/index.js';
import { REPO_ROOT } from '../support/fixtureFiles.js';

type ContractTable = { name: string; columns: string[]; unique: string[][] };

/**
 * The ``` block under "## SQLite tables" of the contract (docs/contract.md holds the same block): `table  col, col
 * UNIQUE, col ('a'|'b'), UNIQUE(a, b)`.
 */
function parseContractTables(markdown: string): ContractTable[] {
  const section = markdown.split(/^## SQLite tables/m)[1];
  if (!section) throw new Error('CONTRACT.md has no "## SQLite tables" section');
  const block = section.match(/```\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('CONTRACT.md has no table block');
  const tables: { name: string; text: string }[] = [];
  for (const line of block.split('\n')) {
    if (!line.trim()) continue;
    const head = line.match(/^(\w+)\s+(.*)$/);
    if (head) tables.push({ name: head[1], text: head[2] });
    else tables[tables.length - 1].text += ` ${line.trim()}`;
  }
  return tables.map(({ name, text }) => {
    const unique = [...text.matchAll(/UNIQUE\s*\(([^)]*)\)/g)].map((match) =>
      match[1].split(',').map((column) => column.trim()),
    );
    const listed = text
      .replace(/UNIQUE\s*\([^)]*\)/g, '')
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((token) => token.trim())
      .filter(Boolean);
    const columns = listed.map((token) => token.split(/\s+/)[0]);
    for (const token of listed) if (/\sUNIQUE$/.test(token)) unique.push([token.split(/\s+/)[0]]);
    return { name, columns, unique };
  });
}

const contract = parseContractTables(readFileSync(join(REPO_ROOT, '..', 'shared', 'CONTRACT.md'), 'utf8'));

function freshDatabase(): Database.Database {
  const db = new Database(':memory:');
  migrateDatabase(db);
  return db;
}

/** Column sets covered by a UNIQUE index or PRIMARY KEY of the table. */
function uniqueColumnSets(db: Database.Database, table: string): string[][] {
  const indexes = db.prepare(`PRAGMA index_list(${table})`).all() as { name: string; unique: number }[];
  const sets = indexes
    .filter((index) => index.unique === 1)
    .map((index) =>
      (db.prepare(`PRAGMA index_info(${index.name})`).all() as { name: string }[]).map((column) => column.name),
    );
  const primaryKey = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[])
    .filter((column) => column.pk > 0)
    .map((column) => column.name);
  if (primaryKey.length) sets.push(primaryKey);
  return sets;
}

describe('the SQLite schema against CONTRACT.md', () => {
  it('reads the eight contract tables and their constraints from CONTRACT.md', () => {
    expect(contract.map((table) => table.name)).toEqual([
      'documents',
      'dept_goals',
      'measures',
      'projects',
      'spend_plan',
      'indicators',
      'repairs',
      'findings',
    ]);
    expect(
      Object.fromEntries(contract.filter((table) => table.unique.length).map((table) => [table.name, table.unique])),
    ).toEqual({
      documents: [['sha256']],
      projects: [['document_id', 'seq']],
      indicators: [['project_id', 'seq']],
    });
    expect(contract.find((table) => table.name === 'documents')?.columns).toContain('text_source');
  });

  for (const table of contract) {
    it(`has table ${table.name} with every contract column: ${table.columns.join(', ')}`, () => {
      const db = freshDatabase();
      const columns = (db.prepare(`PRAGMA table_info(${table.name})`).all() as { name: string }[]).map(
        (column) => column.name,
      );
      db.close();
      expect(columns.length, `table ${table.name} missing`).toBeGreaterThan(0);
      expect(columns).toEqual(expect.arrayContaining(table.columns));
      // added columns come after the contract's, in the contract's order
      expect(columns.slice(0, table.columns.length)).toEqual(table.columns);
    });

    for (const unique of table.unique) {
      it(`enforces UNIQUE(${unique.join(', ')}) on ${table.name}`, () => {
        const db = freshDatabase();
        const sets = uniqueColumnSets(db, table.name);
        db.close();
        expect(sets).toContainEqual(unique);
      });
    }
  }

  it('cascades deletes of a document to every table that refers to it', () => {
    const db = freshDatabase();
    const cascading = (table: string) =>
      (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { table: string; on_delete: string }[]).map(
        (key) => `${key.table}:${key.on_delete}`,
      );
    expect({
      dept_goals: cascading('dept_goals'),
      measures: cascading('measures'),
      projects: cascading('projects'),
      spend_plan: cascading('spend_plan'),
      indicators: cascading('indicators'),
      repairs: cascading('repairs').sort(),
      findings: cascading('findings').sort(),
    }).toEqual({
      dept_goals: ['documents:CASCADE'],
      measures: ['documents:CASCADE'],
      projects: ['documents:CASCADE'],
      spend_plan: ['projects:CASCADE'],
      indicators: ['projects:CASCADE'],
      repairs: ['documents:CASCADE', 'projects:CASCADE'],
      findings: ['documents:CASCADE', 'projects:CASCADE'],
    });
    db.close();
  });
});
