import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultToTable, runReadonlyQuery, withReadonlyDatabase } from '../../src/query/runQuery.js';
import { buildFixtureDatabase } from '../query/fixtureDatabase.js';

/** Every ```sql block of docs/sql.md with the ```text block after it (the rows the doc says it returns). */
function sqlDocToExamples(markdown: string): { sql: string; expected: string }[] {
  const pattern = /```sql\n([\s\S]*?)```\s*```text\n([\s\S]*?)```/g;
  return [...markdown.matchAll(pattern)].map((match) => ({ sql: match[1], expected: match[2] }));
}

const markdown = readFileSync('docs/sql.md', 'utf8');
const examples = sqlDocToExamples(markdown);
let dbPath: string;
beforeAll(async () => {
  dbPath = await buildFixtureDatabase();
}, 120_000);

describe('docs/sql.md', () => {
  it('holds 8 to 12 queries, each followed by the rows it returns', () => {
    expect((markdown.match(/```sql/g) ?? []).length).toBe(examples.length);
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.length).toBeLessThanOrEqual(12);
  });

  it.each(examples.map((example, index) => [index + 1, example] as const))(
    'query %i returns exactly the rows the doc shows on the fixture database',
    (_n, example) => {
      const table = withReadonlyDatabase(dbPath, (db) => resultToTable(runReadonlyQuery(db, example.sql)));
      expect(table).toBe(example.expected);
      expect(example.expected).not.toMatch(/^\(0 rows\)/m);
    },
  );
});
