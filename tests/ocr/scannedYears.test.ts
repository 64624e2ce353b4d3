/**
 * fixtures/years/water-2023.lo-a4.scan300.pdf (issue 19: one year scanned): read by OCR, it is the same document as
 * its text rendering, and every project of the text rendering links to the scan's — by code, and by name for the
 * project whose code cell is empty — although OCR misreads a few targets (`≥2000亩` read `2000雷`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { openDatabase } from '../../src/stages/store/database.js';
import { rebuildProjectLinks } from '../../src/stages/store/projectLinks.js';

const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-years-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scanned year links to its text rendering', () => {
  it('links projects 1–6 of the text rendering to the scan’s, all auto', async () => {
    const dbPath = join(dir, 'scan.sqlite');
    const text = await importPdfs(['fixtures/years/water-2023.lo-a4.pdf'], { dbPath, ocr: 'never' });
    const scan = await importPdfs(['fixtures/years/water-2023.lo-a4.scan300.pdf'], { dbPath, ocr: 'auto', jobs: 1 });
    expect([...text, ...scan].map((result) => result.status)).toEqual(['imported', 'imported']);
    const db = openDatabase(dbPath);
    try {
      rebuildProjectLinks(db);
      const links = db
        .prepare(
          `SELECT l.kind, f.source_path AS fromPath, l.from_project_seq AS fromSeq, l.to_project_seq AS toSeq, l.method, l.status
           FROM project_links l JOIN documents f ON f.sha256 = l.from_sha256 ORDER BY l.from_project_seq`,
        )
        .all();
      expect(links).toEqual(
        [1, 2, 3, 4, 5, 6].map((seq) => ({
          kind: 'version',
          fromPath: 'fixtures/years/water-2023.lo-a4.pdf',
          fromSeq: seq,
          toSeq: seq,
          method: seq === 5 ? 'name' : 'code',
          status: 'auto',
        })),
      );
    } finally {
      db.close();
    }
  }, 400_000);
});
