/**
 * Load + layout on whole renderings by both producers, checked against the hand-written expected
 * records beside each fixture (fixtures/.../*.expected.json), not against our own output.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPdf } from '../../../src/stages/load/index.js';
import { layoutPage } from '../../../src/stages/layout/index.js';
import type { Cell, PageLayout, Table } from '../../../src/model/index.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

type Expected = {
  projects: {
    seq: number;
    code: string | null;
    name: string | { any_of: string[] };
    indicators: {
      level1: string;
      level2: string;
      level3: string | null;
      description: string | null;
      target_text: string | null;
      basis: string | null;
    }[];
  }[];
};

const squash = (s: string) => s.replace(/\s+/g, '');
const anyOf = (v: string | { any_of: string[] }) => (typeof v === 'string' ? [v] : v.any_of).map(squash);

async function layoutsOf(pdfPath: string): Promise<PageLayout[]> {
  const loaded = await loadPdf(new Uint8Array(readFileSync(root(pdfPath))), {
    sourcePath: pdfPath,
    sha256: '0'.repeat(64),
  });
  return loaded.pages.map((p) =>
    layoutPage({
      pageNumber: p.pageNumber,
      widthPt: p.widthPt,
      heightPt: p.heightPt,
      source: 'text',
      runs: p.runs,
      rulings: p.rulings,
    }),
  );
}

/** The cell right of the cell whose text is `label`, in the same grid row. */
function cellRightOf(table: Table, label: string): Cell | undefined {
  const labelCell = table.cells.find((c) => squash(c.text) === label);
  if (!labelCell) return undefined;
  return table.cells.find((c) => c.row === labelCell.row && c.col === labelCell.col + labelCell.colSpan);
}

function tableWithCode(layouts: PageLayout[], code: string): { table: Table; codeCell: Cell } | undefined {
  for (const layout of layouts) {
    for (const table of layout.tables) {
      const codeCell = cellRightOf(table, '项目编码');
      if (codeCell && squash(codeCell.text) === code) return { table, codeCell };
    }
  }
  return undefined;
}

function checkProducer(pdfPath: string, expectedPath: string) {
  let layouts: PageLayout[];
  let expected: Expected;
  beforeAll(async () => {
    layouts = await layoutsOf(pdfPath);
    expected = JSON.parse(readFileSync(root(expectedPath), 'utf8'));
  });

  /** Projects printed with a 项目编码 (the invented documents include one without). */
  const coded = () =>
    expected.projects.filter((p): p is Expected['projects'][number] & { code: string } => p.code !== null);

  it('finds every project info table with its code wrapped in one cell over two lines', () => {
    expect(coded().length).toBeGreaterThan(3);
    for (const project of coded()) {
      const found = tableWithCode(layouts, project.code);
      expect(found, `project ${project.seq} code ${project.code}`).toBeDefined();
      expect(found!.codeCell.lines.length, `project ${project.seq}`).toBe(2);
      expect(found!.codeCell.lines.join('')).toBe(project.code);
      expect(anyOf(project.name)).toContain(squash(cellRightOf(found!.table, '项目名称')?.text ?? ''));
    }
  });

  it('reads the first indicator row cell by cell with a merged level-1 cell', () => {
    for (const project of coded()) {
      const { table } = tableWithCode(layouts, project.code)!;
      const first = project.indicators[0];
      const level1 = table.cells.find((c) => c.text === first.level1 && c.col === 0);
      expect(level1, `project ${project.seq} level1`).toBeDefined();
      if (project.indicators.filter((i) => i.level1 === first.level1).length > 1)
        expect(level1!.rowSpan).toBeGreaterThan(1);
      const rowCells = table.cells.filter((c) => c.row === level1!.row).sort((a, b) => a.col - b.col);
      const texts = rowCells.map((c) => squash(c.text));
      expect(texts.slice(0, 3), `project ${project.seq}`).toEqual([
        first.level1,
        first.level2,
        squash(first.level3 ?? ''),
      ]);
      expect(texts).toContain(squash(first.description ?? ''));
      expect(texts).toContain(squash(first.target_text ?? ''));
    }
  });

  it('keeps empty cells with empty text', () => {
    const cells = layouts.flatMap((l) => l.tables.flatMap((t) => t.cells));
    expect(cells.some((c) => c.text === '' && c.lines.length === 0)).toBe(true);
  });

  return () => layouts;
}

describe('LibreOffice rendering of the seed (stroked borders, multi-character runs)', () => {
  const layouts = checkProducer('fixtures/seed/seed-2022.lo-a4.pdf', 'fixtures/seed/seed-2022.expected.json');

  it('lays out project 1 under its heading with the code, a merged 产出指标 and a wrapped basis', () => {
    // The page is found by the table title line, not by number: the rendering may be re-flowed.
    const page = layouts().find((l) =>
      l.lines.some((line) => squash(line.text) === '1.2022年科技创新奖励专项绩效目标表'),
    )!;
    expect(page).toBeDefined();
    const cells = page.tables[0].cells;
    const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col);
    expect(at(0, 0)?.text).toBe('项目编码');
    expect(at(0, 2)).toMatchObject({ pageNumber: page.pageNumber, rowSpan: 1 });
    expect(at(0, 2)?.lines).toHaveLength(2);
    expect(at(0, 2)?.lines.join('')).toBe('13081122P00781510001G');
    expect(at(0, 2)?.text).toBe(at(0, 2)?.lines.join(' '));
    expect(at(7, 0)).toMatchObject({ text: '产出指标', rowSpan: 4, colSpan: 1 });
    expect(at(11, 0)).toMatchObject({ text: '效益指标', rowSpan: 4 });
    expect(at(7, 8)?.text).toBe('≥50家');
    expect(at(7, 10)?.lines.length).toBeGreaterThan(1);
    expect(at(7, 10)?.text).toBe('《承德高新区管委会关于进一步加快推进科技创新的十条措施（试行）》');
    expect(at(4, 2)?.text).toBe('');
    expect(at(4, 11)?.text).toBe('100%');
    expect(page.lines.map((l) => l.text)).toContain('单位：万元');
  });
});

describe('direct-writer rendering (per-glyph text, 0.5pt filled-rectangle borders, landscape)', () => {
  const layouts = checkProducer('fixtures/invented/eco-2023.direct.pdf', 'fixtures/invented/eco-2023.expected.json');

  it('lays out project 1 on a landscape page with a level-1 cell merged over five rows', () => {
    const page = layouts().find((l) => l.lines.some((line) => squash(line.text) === '1.大气污染防治专项绩效目标表'))!;
    expect(page.widthPt).toBeGreaterThan(page.heightPt);
    const cells = page.tables[0].cells;
    const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col);
    expect(at(0, 2)?.lines.join('')).toBe('37092423P00410210001A');
    expect(at(7, 0)).toMatchObject({ text: '产出指标', rowSpan: 5 });
    expect(at(12, 0)).toMatchObject({ text: '效益指标', rowSpan: 3 });
    expect(at(4, 11)?.text).toBe('100%');
  });
});

describe('direct-writer rendering of the seed (UniGB-UCS2-H, centred merged cells, table over two pages)', () => {
  const layouts = checkProducer('fixtures/seed/seed-2022.direct.pdf', 'fixtures/seed/seed-2022.expected.json');

  it('lays out project 1 and its continuation with an empty level-1 cell on the next page', () => {
    const all = layouts();
    const first = all.find((l) =>
      l.lines.some((line) => squash(line.text) === '1.2022年科技创新奖励专项绩效目标表'),
    )!.pageNumber;
    const next = first + 1;
    const at = (pageNumber: number, row: number, col: number) =>
      all.find((l) => l.pageNumber === pageNumber)!.tables[0].cells.find((c) => c.row === row && c.col === col);
    expect(at(first, 0, 2)).toMatchObject({ pageNumber: first, lines: ['13081122P0078151000', '1G'] });
    expect(at(first, 7, 0)).toMatchObject({ text: '产出指标', rowSpan: 4 });
    expect(at(first, 11, 0)).toMatchObject({ text: '效益指标', rowSpan: 3 });
    expect(at(first, 1, 11)).toMatchObject({ text: '', lines: [] });
    expect(at(next, 0, 0)?.text).toBe('一级指标');
    expect(at(next, 1, 0)?.text).toBe('');
    expect(at(next, 1, 1)?.lines).toEqual(['可持续影响', '指标']);
    expect(at(next, 2, 0)?.text).toBe('满意度指标');
  });
});
