import { describe, expect, it } from 'vitest';
import type { BatchCounters, ImportResult } from '../../src/batch/importResult.js';
import { PROGRESS_TIMER_INTERVAL_MS, progressReporter } from '../../src/cli/importOutput.js';

const counters = (done: number, pages: number, ocrPages: number, elapsedMs: number): BatchCounters => ({
  totalFiles: 4,
  doneFiles: done,
  failedFiles: 0,
  pages,
  ocrPages,
  elapsedMs,
});

const imported = (path: string): ImportResult => ({
  path,
  status: 'imported',
  documentId: 1,
  sha256: 'a'.repeat(64),
  pageCount: 10,
  textSource: 'ocr',
  ocrPageCount: 10,
  projectCount: 2,
  indicatorCount: 4,
  repairCount: 0,
  findingCount: 1,
  needsReviewCount: 2,
  sameDocumentIds: [],
  errorCode: null,
  errorMessage: null,
  elapsedMs: 20_000,
});

/** A clock and a timer the test moves by hand. */
function fakeTime() {
  let now = 0;
  let tick: (() => void) | null = null;
  let stopped = false;
  return {
    clock: () => now,
    timer: {
      every: (intervalMs: number, fn: () => void) => {
        expect(intervalMs).toBe(PROGRESS_TIMER_INTERVAL_MS);
        tick = fn;
        return () => {
          stopped = true;
        };
      },
    },
    advance(ms: number) {
      now += ms;
      tick?.();
    },
    stopped: () => stopped,
  };
}

describe('progressReporter on a terminal', () => {
  it('redraws on a timer with the file in progress, pages done, OCR pages and an ETA that moves on', () => {
    const time = fakeTime();
    let err = '';
    const report = progressReporter(
      { out: () => undefined, err: (text) => void (err += text), isTty: true, columns: 120 },
      time.clock,
      time.timer,
    );
    report({ phase: 'start', index: 0, total: 4, path: 'a.pdf', counters: counters(0, 0, 0, 0) });
    report({ phase: 'start', index: 1, total: 4, path: 'b.pdf', counters: counters(0, 0, 0, 0) });
    time.advance(20_000);
    report({
      phase: 'done',
      index: 0,
      total: 4,
      path: 'a.pdf',
      result: imported('a.pdf'),
      counters: counters(1, 10, 10, 20_000),
    });
    err = '';
    time.advance(PROGRESS_TIMER_INTERVAL_MS * 5); // nothing happens for five seconds: the bar is redrawn anyway
    expect(err).toMatch(/\[#####\.+\] 1\/4 docs · 10 pages · 10 OCR · ETA 1m15s {2}b\.pdf \(25s\)$/);
    err = '';
    time.advance(PROGRESS_TIMER_INTERVAL_MS * 5);
    expect(err).toMatch(/ETA 1m30s {2}b\.pdf \(30s\)$/);
    report.finish();
    expect(time.stopped()).toBe(true);
  });

  it('draws nothing and starts no timer off a terminal: one line per finished file', () => {
    const time = fakeTime();
    let out = '';
    let err = '';
    const report = progressReporter(
      { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false },
      time.clock,
      time.timer,
    );
    report({ phase: 'start', index: 0, total: 4, path: 'a.pdf', counters: counters(0, 0, 0, 0) });
    report({
      phase: 'done',
      index: 0,
      total: 4,
      path: 'a.pdf',
      result: imported('a.pdf'),
      counters: counters(1, 10, 10, 100),
    });
    time.advance(PROGRESS_TIMER_INTERVAL_MS * 3);
    report.finish();
    expect(err).toBe('');
    expect(out).toMatch(
      /^imported {2}a\.pdf {2}\(2 projects, 4 indicators, 1 findings, ocr, 10 OCR pages, 20\.0 s\) {2}#1: 2 rows to review\n$/,
    );
    expect(time.stopped()).toBe(false);
  });
});
