import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrSymbol } from '../../../src/stages/ocr/pool.js';
import type { GrayImage } from '../../../src/stages/ocr/raster.js';
import { cropsToStrip, stripLinesToPieces } from '../../../src/stages/ocr/strips.js';

const gray = (widthPx: number, heightPx: number, value: number): GrayImage => ({
  widthPx,
  heightPx,
  gray: new Uint8Array(widthPx * heightPx).fill(value),
});

describe('short pieces read together in one strip', () => {
  it('lays crops side by side, centred vertically, with white between, and reports where each landed', () => {
    const { strip, spans } = cropsToStrip([gray(4, 6, 10), gray(3, 2, 20)], 5);
    expect(strip.widthPx).toBe(12);
    expect(strip.heightPx).toBe(6);
    expect(spans).toEqual([
      { x0: 0, x1: 4, top: 0 },
      { x0: 9, x1: 12, top: 2 },
    ]);
    expect(strip.gray[0 * 12 + 3]).toBe(10);
    expect(strip.gray[0 * 12 + 9]).toBe(255); // second crop is centred: rows 2..3
    expect(strip.gray[2 * 12 + 9]).toBe(20);
    expect(strip.gray[3 * 12 + 11]).toBe(20);
    expect(strip.gray[4 * 12 + 9]).toBe(255);
    expect(strip.gray[2 * 12 + 6]).toBe(255); // the gap
  });

  const symbol = (text: string, x0: number, x1: number, confidence = 95): OcrSymbol => ({
    text,
    x0,
    x1,
    top: 0,
    bottom: 30,
    confidence,
  });
  const lineOf = (symbols: OcrSymbol[]): OcrLine[] => [
    {
      text: symbols.map((s) => s.text).join(''),
      confidence: 90,
      x0: 0,
      top: 0,
      x1: 1000,
      bottom: 30,
      words: [
        { text: symbols.map((s) => s.text).join(''), confidence: 90, x0: 0, top: 0, x1: 1000, bottom: 30, symbols },
      ],
    },
  ];

  it('gives each piece the symbols centred on its ink, with the lowest confidence', () => {
    const spans = [
      { x0: 10, x1: 40 },
      { x0: 100, x1: 160 },
    ];
    const pieces = stripLinesToPieces(
      lineOf([symbol('7', 12, 38, 97), symbol('1', 102, 128, 90), symbol('9', 132, 158, 99)]),
      spans,
    );
    expect(pieces).toEqual([
      { text: '7', confidence: 97 },
      { text: '19', confidence: 90 },
    ]);
  });

  it('drops a symbol read over the white between pieces and leaves an unread piece null', () => {
    const spans = [
      { x0: 10, x1: 40 },
      { x0: 100, x1: 160 },
      { x0: 200, x1: 230 },
    ];
    const pieces = stripLinesToPieces(
      lineOf([symbol('4', 60, 85), symbol('1', 102, 128), symbol('0', 132, 158)]),
      spans,
    );
    expect(pieces).toEqual([null, { text: '10', confidence: 95 }, null]);
  });

  it('places a word-final symbol whose box runs to the end of the strip by its start', () => {
    const spans = [
      { x0: 10, x1: 60 },
      { x0: 100, x1: 150 },
    ];
    const pieces = stripLinesToPieces(
      lineOf([symbol('1', 10, 34), symbol('0', 36, 400), symbol('2', 100, 124), symbol('1', 126, 150)]),
      spans,
    );
    expect(pieces).toEqual([
      { text: '10', confidence: 95 },
      { text: '21', confidence: 95 },
    ]);
  });
});
