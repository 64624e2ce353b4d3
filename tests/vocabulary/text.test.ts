import { describe, expect, it } from 'vitest';
import {
  fullWidthAlphanumericsToAscii,
  fullWidthNumberCharsToAscii,
  joinWrappedLines,
} from '../../src/vocabulary/text.js';

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

describe('joinWrappedLines', () => {
  it('joins a token cut before a joining mark without a space (`（2021` / `-2023年）`)', () =>
    expect(joinWrappedLines(['实施方案（2021', '-2023年）》'])).toBe('实施方案（2021-2023年）》'));
  it('keeps the space before a free-standing dash the writer wrapped at', () =>
    expect(joinWrappedLines(['2021', '- 2023'])).toBe('2021 - 2023'));
  it('joins a token cut after a joining mark and keeps one space between ASCII words', () => {
    expect(joinWrappedLines(['JTG 5120-', '2021'])).toBe('JTG 5120-2021');
    expect(joinWrappedLines(['road', 'bridge'])).toBe('road bridge');
  });
});
