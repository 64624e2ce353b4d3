/**
 * PP-OCR in worker threads: a thread reads an image as the in-process recogniser does, threads read side by side, and
 * a thread that cannot open its session says so instead of hanging.
 */
import { describe, expect, it } from 'vitest';
import { isBudgetPdfError } from '../../../../src/errors.js';
import { imageToPaddleLines } from '../../../../src/stages/ocr/paddle/imageToLines.js';
import { withPaddleRecogniser } from '../../../../src/stages/ocr/paddle/recogniser.js';
import { withPaddleThreads } from '../../../../src/stages/ocr/paddle/threads.js';
import { textToGray } from '../../../../support/renderText.js';

const OPTIONS = { recogniser: {}, detectTooTallLines: false };

describe('withPaddleThreads', () => {
  it('reads an image in a thread exactly as in this thread', { timeout: 120_000 }, async () => {
    const image = textToGray(['项目绩效目标表', '≥98%']);
    const here = await withPaddleRecogniser({}, (recogniser) => imageToPaddleLines(image, recogniser));
    const there = await withPaddleThreads(1, OPTIONS, ([thread]) => thread.readImage(image, 300));
    expect(there.map((line) => line.text)).toEqual(['项目绩效目标表', '≥98%']);
    expect(there).toEqual(here);
  });

  it('spreads images over its threads and answers each with its own lines', { timeout: 120_000 }, async () => {
    const texts = ['其中：财政拨款', '满意度指标', '1,850,000.00', '覆盖率'];
    const read = await withPaddleThreads(2, OPTIONS, async (threads) => {
      expect(threads).toHaveLength(2);
      const pending = texts.map((text, i) => threads[i % 2].readImage(textToGray([text]), 300));
      expect(threads.map((thread) => thread.queued)).toEqual([2, 2]);
      return Promise.all(pending);
    });
    expect(read.map((lines) => lines.map((line) => line.text).join('|'))).toEqual(texts);
  });

  it('refuses to start with ocr_failed when its session cannot open, and ends the threads that did', async () => {
    // The options are checked in the thread: 2 px is below the narrowest input the recogniser takes.
    const started = withPaddleThreads(
      2,
      { recogniser: { minInputWidthPx: 2 }, detectTooTallLines: false },
      async () => 1,
    );
    const error = await started.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isBudgetPdfError(error) && error.code).toBe('ocr_failed');
    expect((error as Error).message).toMatch(/^cannot start PP-OCR: /);
  });
});
