/**
 * Issue 13 "confidence everywhere": the engine and decision of OCR runs are carried through layout into cells and
 * lines (with the lowest confidence), then into the draft's RawText where a field joins several cells.
 */
import { describe, expect, it } from 'vitest';
import type { Cell, PageText, Ruling, TextRun } from '../../../src/model/index.js';
import { layoutPage } from '../../../src/stages/layout/index.js';
import { cellsToRaw, cellToRaw } from '../../../src/stages/segment/flowText.js';

const h = (y: number, x0: number, x1: number): Ruling => ({
  orientation: 'horizontal',
  x0,
  x1,
  top: y - 0.25,
  bottom: y + 0.25,
});
const v = (x: number, top: number, bottom: number): Ruling => ({
  orientation: 'vertical',
  x0: x - 0.25,
  x1: x + 0.25,
  top,
  bottom,
});
const run = (text: string, x0: number, top: number, x1: number, ocr: Partial<TextRun> = {}): TextRun => ({
  text,
  x0,
  x1,
  top,
  bottom: top + 10,
  fontSizePt: 10,
  ...ocr,
});

/** Two cells side by side (100–300, 300–500 between y 100 and 140), and a line of text below the table. */
function ocrPage(runs: TextRun[]): PageText {
  const rulings = [h(100, 100, 500), h(140, 100, 500), v(100, 100, 140), v(300, 100, 140), v(500, 100, 140)];
  return { pageNumber: 3, widthPt: 595, heightPt: 842, source: 'ocr', runs, rulings };
}

describe('layout carries OCR provenance', () => {
  const layout = layoutPage(
    ocrPage([
      run('项目名称', 110, 105, 180, { confidence: 92, engine: 'paddle', decision: 'read' }),
      run('养护', 110, 122, 150, { confidence: 71, engine: 'paddle', decision: 'read' }),
      run('95%', 310, 112, 350, { confidence: 88, engine: 'tesseract', decision: 'engines_agree' }),
      run('说明文字', 100, 300, 180, { confidence: 40, engine: 'tesseract', decision: 'read' }),
      run('第二段', 190, 300, 240, { confidence: 77, engine: 'paddle', decision: 'reread:strip' }),
    ]),
  );
  const cells = layout.tables[0].cells;
  const byText = (text: string) => cells.find((cell) => cell.text.startsWith(text))!;

  it('gives a cell the lowest confidence of its runs, their engine and decision', () => {
    expect(byText('项目名称')).toMatchObject({ confidence: 71, engine: 'paddle', decision: 'read' });
    expect(byText('95%')).toMatchObject({ confidence: 88, engine: 'tesseract', decision: 'engines_agree' });
  });

  it('gives a line outside the tables the engines of its runs joined and the decision that was not a plain read', () => {
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]).toMatchObject({ confidence: 40, engine: 'paddle+tesseract', decision: 'reread:strip' });
  });

  it('gives text-layer cells and lines none of it', () => {
    const text = layoutPage({
      ...ocrPage([run('项目名称', 110, 105, 180), run('说明', 100, 300, 140)]),
      source: 'text',
    });
    for (const cell of text.tables[0].cells) {
      expect(cell).not.toHaveProperty('confidence');
      expect(cell).not.toHaveProperty('engine');
      expect(cell).not.toHaveProperty('decision');
    }
    expect(text.lines[0]).not.toHaveProperty('engine');
  });

  it('carries on into RawText: one cell as it is, joined cells with the lowest confidence and both engines', () => {
    expect(cellToRaw(byText('95%'))).toMatchObject({
      text: '95%',
      confidence: 88,
      engine: 'tesseract',
      decision: 'engines_agree',
      pageNumber: 3,
    });
    const joined = cellsToRaw([byText('项目名称'), byText('95%')] as Cell[]);
    expect(joined).toMatchObject({ confidence: 71, engine: 'paddle+tesseract', decision: 'engines_agree' });
  });
});
