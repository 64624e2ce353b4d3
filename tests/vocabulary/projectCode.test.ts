import { describe, expect, it } from 'vitest';
import { codePassesCheck, isWholeCodeReading } from '../../src/vocabulary/projectCode.js';

// A code of the documented shape whose check character passes (computed by hand from docs/design.md §3's rule
// and confirmed by the example in docs/contract.md).
const GOOD_CODE = '13081122P00781510001G';

describe('check character', () => {
  it('accepts the contract example code', () => expect(codePassesCheck(GOOD_CODE)).toBe(true));
});

describe('codePassesCheck', () => {
  it('accepts codes whose last character is the check character and rejects one changed character', () => {
    // Codes printed in a published 部门预算绩效文本 (the check is stated in docs/design.md §3).
    expect(codePassesCheck('13081122P00781510001G')).toBe(true);
    expect(codePassesCheck('13081122P007813100015')).toBe(true);
    expect(codePassesCheck('13081122P00782810001Q')).toBe(true);
    expect(codePassesCheck('13081122P00781510001H')).toBe(false);
    expect(codePassesCheck('13081122P0078151000')).toBe(false);
  });
});

describe('whole code readings', () => {
  it('counts a reading as a whole code when its 21 characters are in the alphabet once confusables are mapped', () => {
    expect(isWholeCodeReading('52010388P00231510001]')).toBe(true); // a serif J read as ]
    expect(isWholeCodeReading('52010388P0O2315 10001K')).toBe(true);
  });

  it('does not count a reading that lost a character or holds one no confusable explains', () => {
    expect(isWholeCodeReading('52010388P00231510001')).toBe(false);
    expect(isWholeCodeReading('52010388P00231510001#')).toBe(false);
    expect(isWholeCodeReading('52010388P00231510001JK')).toBe(false);
  });
});
