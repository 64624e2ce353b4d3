/**
 * Issue 19 acceptance on fixtures/years: imported through the real import into a temporary SQLite, the links and the
 * target changes are exactly those written by hand in fixtures/years/expected-links.json; candidates are never
 * accepted by the linker; a person's decisions survive `import --force`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPdfs } from '../../src/batch/importPdfs.js';
import { AUTO_LINK_MIN_SCORE } from '../../src/history/linkProjects.js';
import { targetsToChange } from '../../src/history/targetChange.js';
import { openDatabase, type Db } from '../../src/stages/store/index.js';
import { decideProjectLink, rebuildProjectLinks } from '../../src/stages/store/projectLinks.js';

type ExpectedLinks = {
  documents: Record<string, string>;
  project_links: { kind: string; from: string; to: string; method: string; score: number; status: string }[];
  indicator_changes: { from: string; to: string; level3: string; change: string }[];
  unchanged: Record<string, number>;
  renamed_indicators: { from: string; to: string; from_level3: string; to_level3: string }[];
};

const expected = JSON.parse(readFileSync('fixtures/years/expected-links.json', 'utf8')) as ExpectedLinks;
const NOW = new Date('2026-01-02T03:04:05.000Z');

let dir: string;
let dbPath: string;

/** `water-2022#3` for a sha256 and a project seq. */
function nameOf(db: Db): (sha256: string, seq: number) => string {
  const rows = db.prepare('SELECT sha256, source_path AS path FROM documents').all() as {
    sha256: string;
    path: string;
  }[];
  const bySha = new Map(
    rows.map((row) => [row.sha256, basename(row.path).replace(/\.lo-a4\.pdf$|\.direct\.pdf$/, '')]),
  );
  return (sha256, seq) => `${bySha.get(sha256)}#${seq}`;
}

function storedLinks(db: Db) {
  const name = nameOf(db);
  return (
    db
      .prepare(
        'SELECT id, kind, from_sha256, from_project_seq, to_sha256, to_project_seq, method, score, status FROM project_links',
      )
      .all() as {
      id: number;
      kind: string;
      from_sha256: string;
      from_project_seq: number;
      to_sha256: string;
      to_project_seq: number;
      method: string;
      score: number;
      status: string;
    }[]
  ).map((row) => ({
    id: row.id,
    kind: row.kind,
    from: name(row.from_sha256, row.from_project_seq),
    to: name(row.to_sha256, row.to_project_seq),
    method: row.method,
    score: Math.round(row.score * 100) / 100,
    status: row.status,
  }));
}

const byEnds = <T extends { from: string; to: string }>(a: T, b: T) =>
  a.from.localeCompare(b.from) || a.to.localeCompare(b.to);

/** v_indicator_changes with each side named `water-2022#1`. */
function indicatorChanges(db: Db) {
  const rows = db
    .prepare(
      `SELECT c.*, fd.source_path AS from_path, td.source_path AS to_path, fp.seq AS from_seq, tp.seq AS to_seq
       FROM v_indicator_changes c
       JOIN documents fd ON fd.id = c.from_document_id JOIN documents td ON td.id = c.to_document_id
       JOIN projects fp ON fp.id = c.from_project_id JOIN projects tp ON tp.id = c.to_project_id`,
    )
    .all() as Record<string, string | number | null>[];
  const short = (path: unknown) => basename(String(path)).replace(/\.lo-a4\.pdf$/, '');
  return rows.map((row): Record<string, string | number | null> & { from: string; to: string } => ({
    ...row,
    from: `${short(row.from_path)}#${row.from_seq}`,
    to: `${short(row.to_path)}#${row.to_seq}`,
  }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-years-'));
  dbPath = join(dir, 'years.sqlite');
  const results = await importPdfs(Object.values(expected.documents), { dbPath, ocr: 'never', jobs: 1 });
  expect(results.map((result) => result.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
  const db = openDatabase(dbPath);
  rebuildProjectLinks(db, { now: NOW });
  db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('project links on fixtures/years', () => {
  it('are exactly the hand-written links: kind, ends, method, score and status', () => {
    const db = openDatabase(dbPath);
    const links = storedLinks(db).map(({ id: _id, ...link }) => link);
    db.close();
    expect(links.sort(byEnds)).toEqual([...expected.project_links].sort(byEnds));
  });

  it('never accepts a link below the auto threshold: those are candidates', () => {
    const db = openDatabase(dbPath);
    const links = storedLinks(db);
    db.close();
    for (const link of links) {
      if (link.score < AUTO_LINK_MIN_SCORE) expect(link.status, `${link.from} → ${link.to}`).toBe('candidate');
    }
    expect(links.filter((link) => link.status === 'candidate').length).toBeGreaterThan(0);
  });

  it('give the hand-written target changes in v_indicator_changes, and the unchanged ones per link', () => {
    const db = openDatabase(dbPath);
    const rows = indicatorChanges(db);
    db.close();
    const changed = rows
      .filter((row) => row.change !== 'unchanged')
      .map((row) => ({ from: row.from, to: row.to, level3: String(row.level3), change: String(row.change) }));
    const key = (row: { from: string; to: string; level3: string }) => `${row.from} ${row.to} ${row.level3}`;
    expect(changed.map(key).sort()).toEqual(expected.indicator_changes.map(key).sort());
    expect(Object.fromEntries(changed.map((row) => [key(row), row.change]))).toEqual(
      Object.fromEntries(expected.indicator_changes.map((row) => [key(row), row.change])),
    );
    const unchanged: Record<string, number> = {};
    for (const row of rows.filter((row) => row.change === 'unchanged')) {
      unchanged[`${row.from} → ${row.to}`] = (unchanged[`${row.from} → ${row.to}`] ?? 0) + 1;
    }
    expect(unchanged).toEqual(expected.unchanged);
    for (const renamed of expected.renamed_indicators) {
      expect(
        rows.find((row) => row.from === renamed.from && row.to === renamed.to && row.level3 === renamed.to_level3),
      ).toMatchObject({ from_level3: renamed.from_level3, change: 'unchanged' });
    }
  });

  it('classify each change in SQL as targetsToChange does in TypeScript', () => {
    const db = openDatabase(dbPath);
    const rows = indicatorChanges(db);
    db.close();
    const side = (row: Record<string, unknown>, prefix: 'from' | 'to') =>
      row[`${prefix}_indicator_seq`] === null
        ? null
        : {
            seq: Number(row[`${prefix}_indicator_seq`]),
            level1: '',
            level2: null,
            level3: null,
            targetText: row[`${prefix}_target_text`] as string | null,
            targetOp: row[`${prefix}_target_op`] as '>=' | null,
            targetValue: row[`${prefix}_target_value`] as number | null,
            targetUnit: row[`${prefix}_target_unit`] as string | null,
          };
    for (const row of rows) expect(targetsToChange(side(row, 'from'), side(row, 'to'))).toBe(row.change);
  });

  it('v_project_history: one row per project of each counted document, continuing projects sharing a history', () => {
    const db = openDatabase(dbPath);
    const rows = db.prepare('SELECT * FROM v_project_history ORDER BY fiscal_year, project_seq').all() as Record<
      string,
      unknown
    >[];
    db.close();
    expect(rows.map((row) => [row.fiscal_year, row.project_seq])).toEqual([
      ...[1, 2, 3, 4, 5].map((seq) => [2022, seq]),
      ...[1, 2, 3, 4, 5, 6].map((seq) => [2023, seq]),
      ...[1, 2, 3, 4, 5, 6, 7].map((seq) => [2024, seq]),
    ]);
    const historyOf = (year: number, seq: number) =>
      rows.find((row) => row.fiscal_year === year && row.project_seq === seq)?.history_id;
    expect(historyOf(2023, 1)).toBe(historyOf(2022, 1));
    expect(historyOf(2024, 1)).toBe(historyOf(2022, 1));
    expect(historyOf(2024, 5)).toBe(historyOf(2022, 5));
    expect(historyOf(2024, 2)).toBe(historyOf(2022, 2));
    expect(historyOf(2023, 3)).not.toBe(historyOf(2022, 3)); // a candidate does not join histories
    const first = rows.find((row) => row.fiscal_year === 2023 && row.project_seq === 1);
    expect(first).toMatchObject({
      budget_total_yuan: 3_600_000,
      budget_fiscal_yuan: 3_400_000,
      fiscal_share: 0.9444,
      indicator_count: 5,
      link_method: 'code',
      link_status: 'auto',
    });
  });
});

describe('decisions on fixtures/years', () => {
  it('a confirmed candidate joins the histories and brings its indicator pairs; both decisions survive import --force', async () => {
    let db = openDatabase(dbPath);
    const links = storedLinks(db);
    const split = links.filter((link) => link.from === 'water-2022#3');
    expect(split.map((link) => link.status)).toEqual(['candidate', 'candidate']);
    const [toFlood, toDrought] = [...split].sort(byEnds);
    decideProjectLink(db, toFlood.id, 'confirmed', { by: 'analyst', at: NOW });
    decideProjectLink(db, toDrought.id, 'rejected', { by: 'analyst', at: NOW });
    const historyOf = (year: number, seq: number) =>
      db
        .prepare('SELECT history_id FROM v_project_history WHERE fiscal_year = ? AND project_seq = ?')
        .pluck()
        .get(year, seq);
    expect(historyOf(2023, 3)).toBe(historyOf(2022, 3));
    expect(historyOf(2023, 4)).not.toBe(historyOf(2022, 3));
    const floodChanges = db.prepare('SELECT change FROM v_indicator_changes WHERE link_id = ?').pluck().all(toFlood.id);
    expect(floodChanges).toEqual(['unchanged', 'unchanged', 'dropped']);
    db.close();

    const results = await importPdfs(Object.values(expected.documents), { dbPath, ocr: 'never', jobs: 1, force: true });
    expect(results.map((result) => result.status)).toEqual(['replaced', 'replaced', 'replaced', 'replaced']);
    db = openDatabase(dbPath);
    rebuildProjectLinks(db);
    const after = storedLinks(db).filter((link) => link.from === 'water-2022#3');
    expect(after.map((link) => [link.id, link.status]).sort()).toEqual(
      [
        [toFlood.id, 'confirmed'],
        [toDrought.id, 'rejected'],
      ].sort(),
    );
    expect(historyOf(2023, 3)).toBe(historyOf(2022, 3));
    expect(storedLinks(db).filter((link) => link.status === 'auto').length).toBe(
      expected.project_links.filter((link) => link.status === 'auto').length,
    );
    db.close();
  }, 120_000);
});
