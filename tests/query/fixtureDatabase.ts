import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { openDatabase } from '../../src/stages/store/database.js';
import { rebuildProjectLinks } from '../../src/stages/store/projectLinks.js';

/** One department over three years and a draft (fixtures/years), one rendering each: the history questions of docs/sql.md. */
export const YEARS_FIXTURE_PDFS = ['water-2022', 'water-2023-draft', 'water-2023', 'water-2024'].map(
  (name) => `fixtures/years/${name}.lo-a4.pdf`,
);

/**
 * The fixture database of docs/sql.md: fixtures/seed, fixtures/invented and the lo-a4 renderings of fixtures/years
 * imported (text layer) into a fresh file, with the project links recomputed as `budgetpdf import` does.
 */
export async function buildFixtureDatabase(): Promise<string> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'budgetpdf-fixturedb-')), 'fixtures.sqlite');
  const results = await importPdfs(['fixtures/seed', 'fixtures/invented', ...YEARS_FIXTURE_PDFS], {
    dbPath,
    ocr: 'never',
  });
  const failed = results.filter((result) => result.status === 'failed');
  if (failed.length > 0)
    throw new Error(
      `fixture import failed: ${failed.map((result) => `${result.path}: ${result.errorMessage}`).join('; ')}`,
    );
  const db = openDatabase(dbPath);
  try {
    rebuildProjectLinks(db, { now: new Date('2026-01-01T00:00:00.000Z') });
  } finally {
    db.close();
  }
  return dbPath;
}
