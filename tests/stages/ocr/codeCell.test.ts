import { describe, expect, it } from 'vitest';
import { codeCellReading } from '../../../src/stages/ocr/codeCell.js';
import type { OcrLine, OcrPool, RecogniseRequest } from '../../../src/stages/ocr/pool.js';
import { codePassesCheck } from '../../../src/vocabulary/projectCode.js';

const reading = (...texts: string[]): OcrLine[] =>
  texts.map((text) => ({
    text,
    confidence: 80,
    x0: 0,
    top: 0,
    x1: 10,
    bottom: 10,
    words: [{ text, confidence: 80, x0: 0, top: 0, x1: 10, bottom: 10, symbols: [] }],
  }));

/** A pool that answers each (language, whitelist) with a scripted reading and records the calls. */
function scriptedPool(answers: Record<string, string>): OcrPool & { calls: string[] } {
  const calls: string[] = [];
  return {
    workerCount: 1,
    calls,
    async recognise(request: RecogniseRequest) {
      const key = `${request.language ?? 'chi_sim'}${request.charWhitelist ? '+code' : ''}${request.dpi === 200 ? '@native' : ''}`;
      calls.push(key);
      return reading(answers[key] ?? '');
    },
  };
}

const IMAGE = { widthPx: 1, heightPx: 1, gray: new Uint8Array(1) };
const UPSCALED = { image: IMAGE, pageSegMode: '6' as const, dpi: 300 };
const NATIVE = { image: IMAGE, pageSegMode: '6' as const, dpi: 200 };
const GOOD = '13081122P00781510001G'; // passes its check character
const NOT_PASSING = '13081122P00781510001H';

describe('reading a project code cell again', () => {
  it('keeps eng’s reading when the check character accepts it, without further reads', async () => {
    const pool = scriptedPool({ 'eng+code': GOOD });
    expect(
      (
        await codeCellReading(reading('13081122P0078151000', '1 下'), {
          request: UPSCALED,
          native: NATIVE,
          scale: 1.5,
          pool,
        })
      ).map((l) => l.text),
    ).toEqual([GOOD]);
    expect(pool.calls).toEqual(['eng+code']);
  });

  it('falls back to chi_sim, then to readings at the scan’s own resolution, until one passes', async () => {
    const fromChiSim = scriptedPool({ 'eng+code': '13081122P0078151000N', 'chi_sim+code': GOOD });
    expect(
      (await codeCellReading(reading('x'), { request: UPSCALED, native: NATIVE, scale: 1.5, pool: fromChiSim })).map(
        (l) => l.text,
      ),
    ).toEqual([GOOD]);
    expect(fromChiSim.calls).toEqual(['eng+code', 'chi_sim+code']);
    const fromNative = scriptedPool({
      'eng+code': NOT_PASSING,
      'chi_sim+code': NOT_PASSING,
      'chi_sim+code@native': GOOD,
    });
    const native = await codeCellReading(reading('x'), {
      request: UPSCALED,
      native: NATIVE,
      scale: 1.5,
      pool: fromNative,
    });
    expect(native.map((l) => l.text)).toEqual([GOOD]);
    expect(native[0].x1).toBe(15); // boxes scaled back to the upscaled crop
    expect(fromNative.calls).toEqual(['eng+code', 'chi_sim+code', 'eng+code@native', 'chi_sim+code@native']);
  });

  it('reads the cell’s lines side by side in one strip when the block readings fail (a short wrapped `1W`)', async () => {
    const pool = scriptedPool({ 'eng+code': '13081122P00781510001', 'chi_sim+code': '13081122P00781510001' });
    const strip = async (restrict: { charWhitelist?: string; language?: string }) => {
      pool.calls.push(`strip:${restrict.language}+${restrict.charWhitelist ? 'code' : ''}`);
      return reading('13081122P0078151000', '1G');
    };
    expect(
      (
        await codeCellReading(reading('x'), {
          request: UPSCALED,
          native: NATIVE,
          scale: 1.5,
          pool,
          stripOfLines: strip,
        })
      ).map((l) => l.text),
    ).toEqual(['13081122P0078151000', '1G']);
    expect(pool.calls).toEqual(['eng+code', 'chi_sim+code', 'strip:eng+code']);
  });

  it('accepts the first reading itself when it passes', async () => {
    const pool = scriptedPool({ 'eng+code': NOT_PASSING });
    expect(
      (await codeCellReading(reading(GOOD), { request: UPSCALED, native: null, scale: 1, pool })).map((l) => l.text),
    ).toEqual([GOOD]);
    expect(pool.calls).toEqual(['eng+code']);
  });

  it('keeps a failing check as eng read it (a planted wrong check character stays reported)', async () => {
    const pool = scriptedPool({ 'eng+code': NOT_PASSING, 'chi_sim+code': '13081122P007815100O1H' });
    expect(
      (
        await codeCellReading(reading('13081122P00781510001K'), { request: UPSCALED, native: null, scale: 1, pool })
      ).map((l) => l.text),
    ).toEqual([NOT_PASSING]);
  });

  it('reads the crop with touching glyphs pulled apart last, and keeps that reading when only it is a whole code (a printed failing check, `1J` read `U` otherwise)', async () => {
    expect(codePassesCheck('37092423P00410510001J')).toBe(false); // a whole code, printed with a failing check character
    const pool = scriptedPool({ 'eng+code': '37092423P0041051000U', 'chi_sim+code': '37092423P0041051000' });
    const apart = async (restrict: { charWhitelist?: string; language?: string }) => {
      pool.calls.push(`apart:${restrict.language}+${restrict.charWhitelist ? 'code' : ''}`);
      return reading('37092423P0041051000', '1J');
    };
    expect(
      (
        await codeCellReading(reading('37092423PO041051000', '也'), {
          request: UPSCALED,
          native: null,
          scale: 1,
          pool,
          stripOfLines: null,
          glyphsApart: apart,
        })
      ).map((l) => l.text),
    ).toEqual(['37092423P0041051000', '1J']);
    expect(pool.calls).toEqual(['eng+code', 'chi_sim+code', 'apart:eng+code', 'apart:chi_sim+code']);
  });

  it('keeps the unrestricted reading when only it is a whole code once confusables are mapped', async () => {
    const pool = scriptedPool({ 'eng+code': '13081122P0078151000', 'chi_sim+code': '13081122P0078151000' });
    expect(
      (
        await codeCellReading(reading('13081122P0078151000', '1]'), { request: UPSCALED, native: null, scale: 1, pool })
      ).map((l) => l.text),
    ).toEqual(['13081122P0078151000', '1]']);
  });
});
