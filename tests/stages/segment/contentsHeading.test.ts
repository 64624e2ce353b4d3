import { describe, expect, it } from 'vitest';
import { isContentsHeading } from '../../../src/stages/segment/contents.js';

describe('the contents heading', () => {
  it('is 目录, also letter-spaced with what OCR made of the spaces', () => {
    expect(isContentsHeading('目录')).toBe(true);
    expect(isContentsHeading('目0000录')).toBe(true); // blank-glyph boxes read as 0
    expect(isContentsHeading('目.录')).toBe(true);
  });

  it('is no line with other Han between or around the two characters', () => {
    expect(isContentsHeading('目标记录')).toBe(false);
    expect(isContentsHeading('目录说明')).toBe(false);
    expect(isContentsHeading('项目目录')).toBe(false);
  });
});
