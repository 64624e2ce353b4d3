/**
 * The invented documents (fixtures/invented/*.expected.json) are hand-written truth. These tests keep
 * them honest: in the fixture format, and every fault they plant declared in expected_findings (and no
 * finding declared that the records do not plant). A fixture edit that breaks either fails here, before
 * any PDF is rendered from it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  parseExpectedDocument,
  printedAmountToYuan,
  projectCodeCheckPasses,
  SPEND_MONTHS,
  type ExpectedDocument,
} from '../../support/expected.js';
import { FIXTURES_DIR, readJson } from '../../support/fixtureFiles.js';

const INVENTED_DIR = join(FIXTURES_DIR, 'invented');
const expectedFiles = readdirSync(INVENTED_DIR)
  .filter((file) => file.endsWith('.expected.json'))
  .sort();

/** Level-2 names each level-1 category may hold (the 2022 template and the 2024 one with 成本指标). */
const LEVEL2_BY_LEVEL1: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

/** An indicator table this long runs over two pages on A4 (the phenomenon the fixtures must carry). */
const LONG_TABLE_MIN_ROWS = 14;

const QuirksFile = z
  .object({
    labels: z.object({ fiscal: z.string(), other: z.string(), total: z.string() }).partial().optional(),
    sub_goal_numbering: z.enum(['1、', '1.', '（一）']).optional(),
    projects: z
      .record(
        z.string().regex(/^\d+$/),
        z
          .object({
            extra_empty_column: z.boolean(),
            extra_cell_rows: z.array(
              z.object({ indicator_index: z.number().int().min(0), cells: z.array(z.string()) }),
            ),
            spend_plan_extra_cell: z.string(),
            none_words: z
              .object({ level3: z.string(), description: z.string(), target_text: z.string(), basis: z.string() })
              .partial(),
          })
          .partial()
          .strict(),
      )
      .optional(),
  })
  .strict();

type Plain<T> = T extends { any_of: unknown[] } ? never : T;
/** The invented fixtures print one reading of each field; the checks below need that plain value. */
function plain<T>(value: T): Plain<T> {
  if (typeof value === 'object' && value !== null && 'any_of' in value) {
    const alternatives = (value as { any_of: unknown[] }).any_of;
    return alternatives[alternatives.length - 1] as Plain<T>; // the renderer prints the last alternative
  }
  return value as Plain<T>;
}

/** The findings that the records themselves imply, as `rule@seq` (document-level ones have no seq). */
function plantedFindings(doc: ExpectedDocument): string[] {
  const planted: string[] = [];
  const projectSeqs = new Set(doc.projects.map((project) => project.seq));
  const tocSeqs = new Set(doc.toc.map((entry) => entry.seq));
  for (const entry of doc.toc) if (!projectSeqs.has(entry.seq)) planted.push(`toc_project_missing@${entry.seq}`);
  for (const project of doc.projects) {
    const seq = project.seq;
    if (!tocSeqs.has(seq)) planted.push(`project_not_in_toc@${seq}`);
    const code = plain(project.code);
    if (code === null) planted.push(`code_missing@${seq}`);
    else if (!projectCodeCheckPasses(code)) planted.push(`check_char_failed@${seq}`);

    const unit = plain(project.amount_unit);
    const total = printedAmountToYuan(plain(project.budget_total), unit);
    const fiscal = printedAmountToYuan(plain(project.budget_fiscal), unit) ?? 0;
    const other = printedAmountToYuan(plain(project.budget_other), unit) ?? 0;
    if (total !== null && total !== fiscal + other) planted.push(`budget_parts_mismatch@${seq}`);

    const percents = SPEND_MONTHS.map((month) => plain(project.spend_plan[month])).filter(
      (pct): pct is number => pct !== null,
    );
    if (percents.some((pct, i) => i > 0 && pct < percents[i - 1])) planted.push(`spend_plan_decreasing@${seq}`);
    if (Math.max(0, ...percents) < 100) planted.push(`spend_plan_incomplete@${seq}`);

    const misplaced = project.indicators.some((row) => {
      const level2 = plain(row.level2);
      return level2 !== null && !(LEVEL2_BY_LEVEL1[plain(row.level1)] ?? []).includes(level2);
    });
    if (misplaced) planted.push(`level2_under_wrong_level1@${seq}`);
  }
  return planted.sort();
}

/** docs/contract.md's reading of a 指标值: comparison, number, unit; null parts when it holds no number. */
function targetParts(text: string | null): [string | null, number | null, string | null] {
  if (text === null) return [null, null, null];
  const match = /^(≥|≤|不低于|不少于|不高于|不超过)?(\d+(?:\.\d+)?)(.*?)(以上|以内)?$/.exec(text);
  if (!match) return [null, null, null];
  const [, prefix, number, unit, suffix] = match;
  const atLeast = ['≥', '不低于', '不少于'].includes(prefix ?? '') || suffix === '以上';
  const atMost = ['≤', '不高于', '不超过'].includes(prefix ?? '') || suffix === '以内';
  return [atLeast ? '>=' : atMost ? '<=' : '=', Number(number), unit === '' ? null : unit];
}

describe('invented documents', () => {
  it('there are at least two, each with its quirks file', () => {
    expect(expectedFiles.length).toBeGreaterThanOrEqual(2);
    for (const file of expectedFiles)
      expect(existsSync(join(INVENTED_DIR, file.replace('.expected.json', '.quirks.json')))).toBe(true);
  });

  for (const file of expectedFiles) {
    describe(file, () => {
      const doc = parseExpectedDocument(readJson(join('fixtures', 'invented', file)));

      it('has a quirks file in the fixture format', () => {
        const quirks = QuirksFile.parse(
          readJson(join('fixtures', 'invented', file.replace('.expected.json', '.quirks.json'))),
        );
        const seqs = new Set(doc.projects.map((project) => String(project.seq)));
        for (const seq of Object.keys(quirks.projects ?? {}))
          expect(seqs.has(seq), `quirks for project ${seq}`).toBe(true);
      });

      it('declares exactly the faults its records plant', () => {
        const declared = (doc.expected_findings ?? [])
          .map((finding) => `${finding.rule}@${finding.project_seq}`)
          .sort();
        expect(declared).toEqual(plantedFindings(doc));
      });

      it('plants every fault kind the pipeline must report, and has many projects, units and a long table', () => {
        const rules = new Set((doc.expected_findings ?? []).map((finding) => finding.rule));
        for (const rule of [
          'check_char_failed',
          'code_missing',
          'spend_plan_decreasing',
          'budget_parts_mismatch',
          'toc_project_missing',
          'level2_under_wrong_level1',
        ]) {
          expect(rules.has(rule as never), rule).toBe(true);
        }
        expect(doc.projects.length).toBeGreaterThanOrEqual(4);
        expect(doc.projects.length).toBeLessThanOrEqual(12);
        expect(new Set(doc.projects.map((project) => plain(project.unit_code))).size).toBeGreaterThan(1);
        expect(Math.max(...doc.projects.map((project) => project.indicators.length))).toBeGreaterThanOrEqual(
          LONG_TABLE_MIN_ROWS,
        );
        expect(doc.projects.some((project) => plain(project.budget_other) !== null)).toBe(true);
      });

      it('gives every 指标值 the comparison, number and unit the contract reads from it', () => {
        for (const project of doc.projects) {
          project.indicators.forEach((row, i) => {
            const printed = [plain(row.target_op), plain(row.target_value), plain(row.target_unit)];
            expect(printed, `project ${project.seq} row ${i}: ${plain(row.target_text)}`).toEqual(
              targetParts(plain(row.target_text)),
            );
          });
        }
      });

      it('keeps 无-rows empty apart from their level names', () => {
        for (const project of doc.projects) {
          for (const row of project.indicators) {
            if (plain(row.level3) !== null) continue;
            expect(
              [row.description, row.target_text, row.target_op, row.target_value, row.target_unit].map(plain),
            ).toEqual([null, null, null, null, null]);
          }
        }
      });
    });
  }
});
