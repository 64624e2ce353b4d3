import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, storeDocument, type Db } from '../../../src/stages/store/index.js';
import { sampleDocument } from './sampleDocument.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-printed-seq-'));
  db = openDatabase(join(dir, 'budget.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('projects.printed_seq', () => {
  it("stores two units' projects both printed as 1 under document-wide seq 1 and 2, each with printed_seq 1", () => {
    const doc = sampleDocument();
    const [first, second] = doc.projects;
    storeDocument(
      db,
      {
        ...doc,
        projects: [
          { ...first, seq: 1, printedSeq: 1 },
          { ...second, seq: 2, printedSeq: 1 },
        ],
      },
      { pipelineVersion: 't', importedAt: new Date(0) },
    );
    expect(db.prepare('SELECT seq, printed_seq AS printedSeq FROM projects ORDER BY seq').all()).toEqual([
      { seq: 1, printedSeq: 1 },
      { seq: 2, printedSeq: 1 },
    ]);
  });

  it('stores the seq as printed_seq when the numbering does not restart', () => {
    storeDocument(db, sampleDocument(), { pipelineVersion: 't', importedAt: new Date(0) });
    const rows = db.prepare('SELECT seq, printed_seq AS printedSeq FROM projects ORDER BY seq').all() as {
      seq: number;
      printedSeq: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.printedSeq === row.seq)).toBe(true);
  });
});
