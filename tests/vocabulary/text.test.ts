import { describe, expect, it } from 'vitest';
import { fullWidthAlphanumericsToAscii, fullWidthNumberCharsToAscii } from '../../src/vocabulary/text.js';

describe('fullWidthAlphanumericsToAscii (OCR text)', () => {
  it('normalises full-width digits and ％', () => expect(fullWidthAlphanumericsToAscii('≥９０％')).toBe('≥90%'));
  it('leaves plain text alone', () => expect(fullWidthAlphanumericsToAscii('90%')).toBe('90%'));
  it('converts full-width Latin letters but not signs', () => {
    expect(fullWidthAlphanumericsToAscii('Ｐ００７ａ')).toBe('P007a');
    expect(fullWidthAlphanumericsToAscii('－５＋')).toBe('－5＋');
  });
});

describe('fullWidthNumberCharsToAscii (printed numbers)', () => {
  it('converts digits, ％, ．, ＋ and －', () => expect(fullWidthNumberCharsToAscii('－１２．５％＋')).toBe('-12.5%+'));
  it('leaves full-width letters and Han text alone', () =>
    expect(fullWidthNumberCharsToAscii('Ｐ００７年')).toBe('Ｐ007年'));
});
