/**
 * Text orientation (src/stages/ocr/orientation.ts): PP-OCR's text-direction classifier on rendered lines upright and
 * turned by 180°, the vote of a page's lines, and the line crops sampled from a page.
 */
import { describe, expect, it } from 'vitest';
import {
  ORIENTATION_MIN_LINES,
  linesToClsInput,
  turnedProbabilitiesToVote,
  withTextOrientationClassifier,
} from '../../../src/stages/ocr/orientation.js';
import { grayToTurned180 } from '../../../src/stages/ocr/raster.js';
import { textToGray } from '../../../support/renderText.js';

const LINES = ['大气污染防治专项绩效目标表', '项目资金执行率', '水环境质量自动监测站运维', '12.5万元'];

describe('grayToTurned180', () => {
  it('reverses the pixels, and turning twice gives the image back', () => {
    const image = { widthPx: 3, heightPx: 2, gray: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...grayToTurned180(image).gray]).toEqual([6, 5, 4, 3, 2, 1]);
    expect([...grayToTurned180(grayToTurned180(image)).gray]).toEqual([...image.gray]);
  });
});

describe('linesToClsInput', () => {
  it('fills a [n, 3, 48, 192] batch, white as 1, padding 0', () => {
    const white = { widthPx: 96, heightPx: 48, gray: new Uint8Array(96 * 48).fill(255) };
    const data = linesToClsInput([white]);
    expect(data.length).toBe(3 * 48 * 192);
    expect(data[0]).toBeCloseTo(1);
    expect(data[95]).toBeCloseTo(1);
    expect(data[96]).toBe(0);
  });
});

describe('withTextOrientationClassifier', () => {
  it('tells rendered lines upright from the same lines turned by 180°', async () => {
    const upright = LINES.map((line) => textToGray([line]));
    const turned = upright.map(grayToTurned180);
    const [uprightP, turnedP] = await withTextOrientationClassifier(async (classifier) => [
      await classifier.linesToTurnedProbabilities(upright),
      await classifier.linesToTurnedProbabilities(turned),
    ]);
    for (const p of uprightP) expect(p).toBeLessThan(0.5);
    for (const p of turnedP) expect(p).toBeGreaterThan(0.5);
    expect(turnedProbabilitiesToVote(uprightP).turnedDeg).toBe(0);
    expect(turnedProbabilitiesToVote(turnedP).turnedDeg).toBe(180);
  });

  it('never opens the model when no line is given', async () => {
    await expect(withTextOrientationClassifier(async (c) => c.linesToTurnedProbabilities([]))).resolves.toEqual([]);
  });
});

describe('turnedProbabilitiesToVote', () => {
  it('turns on a clear, confident majority of enough lines', () => {
    expect(turnedProbabilitiesToVote([0.99, 0.98, 0.97, 0.02])).toMatchObject({ turnedDeg: 180, votingLineCount: 4 });
  });

  it('keeps the page with too few confident lines or a split vote', () => {
    const few = Array.from({ length: ORIENTATION_MIN_LINES - 1 }, () => 0.99);
    expect(turnedProbabilitiesToVote(few).turnedDeg).toBe(0);
    expect(turnedProbabilitiesToVote([0.99, 0.99, 0.01, 0.01]).turnedDeg).toBe(0);
    // Unsure lines (0.6) do not vote.
    expect(turnedProbabilitiesToVote([0.6, 0.6, 0.6, 0.6, 0.01])).toMatchObject({ turnedDeg: 0, votingLineCount: 1 });
    expect(turnedProbabilitiesToVote([])).toMatchObject({ turnedDeg: 0, lineCount: 0, turnedShare: 0 });
  });
});
