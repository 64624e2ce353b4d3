/**
 * Migration 9 (migrationIndicatorPeriod.ts, docs/templates.md): a database made before it upgrades in place, every old
 * indicator reading `annual`; a document with 长期 and 年度 indicator tables stores each row's period, and the view
 * v_indicators and the flat rows show it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseToFlatRows } from '../../../src/stages/export/flatCsv.js';
import { MIGRATION_INDICATOR_PERIOD } from '../../../src/stages/store/migrationIndicatorPeriod.js';
import { MIGRATIONS } from '../../../src/stages/store/migrations.js';
import { openDatabase, schemaVersionOf, storeDocument } from '../../../src/stages/store/index.js';
import { databaseWithOldDocument } from '../../support/oldSchemaDatabase.js';
import { sampleDocument } from './sampleDocument.js';

/** The schema version right before the indicator period (found, not hard-coded: migration 8 comes from another branch). */
const SCHEMA_BEFORE_PERIOD = MIGRATIONS.indexOf(MIGRATION_INDICATOR_PERIOD);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-indicator-period-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 9 (indicator period)', () => {
  it('is registered after the migrations it follows', () => {
    expect(SCHEMA_BEFORE_PERIOD).toBeGreaterThanOrEqual(7);
  });

  it('upgrades an older database in place: the old indicator kept and annual, the view with the column', () => {
    const path = join(dir, 'old.sqlite');
    databaseWithOldDocument(path, SCHEMA_BEFORE_PERIOD);
    const db = openDatabase(path);
    try {
      expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT level3, target_text, period FROM indicators').all()).toEqual([
        { level3: '旧指标', target_text: '≥5个', period: 'annual' },
      ]);
      expect(db.prepare('SELECT level3, template, period FROM v_indicators').all()).toEqual([
        { level3: '旧指标', template: null, period: 'annual' },
      ]);
      expect(() => db.prepare("UPDATE indicators SET period = 'quarterly'").run()).toThrow(/CHECK constraint failed/);
      expect(db.prepare("SELECT count(*) AS n FROM text_search WHERE body LIKE '%旧指标%'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('stores each indicator period; v_indicators and the flat rows show it', () => {
    const db = openDatabase(join(dir, 'new.sqlite'));
    try {
      const document = sampleDocument();
      const [first, ...rest] = document.projects;
      const periods = first.indicators.map((_, index): 'mid_term' | 'annual' => (index === 0 ? 'mid_term' : 'annual'));
      storeDocument(
        db,
        {
          ...document,
          projects: [
            { ...first, indicators: first.indicators.map((row, index) => ({ ...row, period: periods[index] })) },
            ...rest,
          ],
        },
        { pipelineVersion: 't', importedAt: new Date(0) },
      );
      const stored = db
        .prepare('SELECT project_seq, seq, period FROM v_indicators ORDER BY project_seq, seq')
        .all() as { project_seq: number; seq: number; period: string }[];
      expect(stored.filter((row) => row.project_seq === 1).map((row) => row.period)).toEqual(periods);
      // A project with one indicator table (no period given) stores the year's.
      expect(stored.filter((row) => row.project_seq !== 1).every((row) => row.period === 'annual')).toBe(true);
      const flat = databaseToFlatRows(db);
      expect(flat.filter((row) => row.project_seq === 1).map((row) => row.period)).toEqual(periods);
    } finally {
      db.close();
    }
  });
});
