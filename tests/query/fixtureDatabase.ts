import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPdfs } from '../../src/batch/importPdfs.js';

/** The fixture database of docs/sql.md: fixtures/seed and fixtures/invented imported (text layer) into a fresh file. */
export async function buildFixtureDatabase(): Promise<string> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'budgetpdf-fixturedb-')), 'fixtures.sqlite');
  const results = await importPdfs(['fixtures/seed', 'fixtures/invented'], { dbPath, ocr: 'never' });
  const failed = results.filter((result) => result.status === 'failed');
  if (failed.length > 0)
    throw new Error(
      `fixture import failed: ${failed.map((result) => `${result.path}: ${result.errorMessage}`).join('; ')}`,
    );
  return dbPath;
}
