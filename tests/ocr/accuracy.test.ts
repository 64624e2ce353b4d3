import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance } from '../../support/ocrAccuracy.js';

describe('OCR accuracy measures', () => {
  it('counts edits over code points', () => {
    expect(editDistance('孵化平台', '钱化平台')).toBe(1);
    expect(editDistance('目录', '目有录')).toBe(1);
    expect(editDistance('', '无')).toBe(1);
  });

  it('rates errors against the expected length, a missing field as wholly wrong', () => {
    expect(characterErrorRate('孵化平台', '钱化平台')).toBe(0.25);
    expect(characterErrorRate(null, null)).toBe(0);
    expect(characterErrorRate('无', null)).toBe(1);
    expect(characterErrorRate('ab', 'abcdef')).toBe(1);
  });
});
