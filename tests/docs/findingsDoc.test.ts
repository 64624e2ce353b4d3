import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FindingRule, RepairKind, Severity } from '../../src/model/index.js';
import { FINDING_RULE_ZH, REPAIR_KIND_ZH } from '../../src/stages/export/reviewTextsZh.js';

const markdown = readFileSync('docs/findings.md', 'utf8');

/** The first-column names of the tables under one `##` heading of docs/findings.md (or all before `## Repairs`). */
function tableNames(part: string): string[] {
  return [...part.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((match) => match[1]);
}

const [findingsPart, repairsPart] = markdown.split(/^## Repairs$/m);

describe('docs/findings.md', () => {
  it('explains every finding rule of the model, once, and no rule the model does not have', () => {
    const documented = tableNames(findingsPart);
    expect([...documented].sort()).toEqual([...FindingRule.options].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each finding rule a severity of the model', () => {
    const severities = [...findingsPart.matchAll(/^\| `[a-z0-9_]+` \| ([a-z]+) \|/gm)].map((match) => match[1]);
    expect(severities.length).toBe(FindingRule.options.length);
    for (const severity of severities) expect(Severity.options).toContain(severity);
  });

  it('explains every repair kind of the model, once, and no kind the model does not have', () => {
    expect(repairsPart).toBeDefined();
    const documented = tableNames(repairsPart);
    expect([...documented].sort()).toEqual([...RepairKind.options].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('prints, in its 中文 column, exactly the Chinese texts the flat sheet gives each rule and repair kind', () => {
    const chineseOf = (part: string) =>
      Object.fromEntries(
        [...part.matchAll(/^\| `([a-z0-9_]+)` \| [a-z]+ \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]),
      );
    expect(chineseOf(findingsPart)).toEqual(FINDING_RULE_ZH);
    expect(chineseOf(repairsPart)).toEqual(REPAIR_KIND_ZH);
  });
});
