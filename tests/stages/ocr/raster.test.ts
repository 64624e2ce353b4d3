import { describe, expect, it } from 'vitest';
import {
  binaryToSkewDeg,
  grayToBinary,
  grayToDeskewed,
  otsuThreshold,
  type GrayImage,
} from '../../../src/stages/ocr/raster.js';

function blankPage(widthPx: number, heightPx: number, paper = 240): GrayImage {
  return { widthPx, heightPx, gray: new Uint8Array(widthPx * heightPx).fill(paper) };
}

/** Text-like page: rows of 'glyph' blocks, then rotated by a known angle with the deskew rotation inverted. */
function textLikePage(): GrayImage {
  const page = blankPage(800, 1000);
  for (let row = 0; row < 20; row++) {
    const top = 80 + row * 42;
    for (let glyph = 0; glyph < 25; glyph++) {
      const x0 = 60 + glyph * 27;
      // Strokes: the top, middle and bottom bar and two uprights of a box-like glyph.
      for (let y = top; y < top + 20; y++) {
        for (let x = x0; x < x0 + 22; x++) {
          const bar = y - top < 3 || Math.abs(y - top - 10) < 2 || top + 20 - y <= 3;
          const upright = x - x0 < 3 || x0 + 22 - x <= 3;
          if (bar || upright) page.gray[y * 800 + x] = 20;
        }
      }
    }
  }
  return page;
}

describe('binarisation', () => {
  it('puts Otsu threshold between paper and ink and marks exactly the ink', () => {
    const page = blankPage(100, 100, 230);
    for (let i = 0; i < 1000; i++) page.gray[i] = 30;
    const threshold = otsuThreshold(page);
    expect(threshold).toBeGreaterThanOrEqual(30);
    expect(threshold).toBeLessThan(230);
    const binary = grayToBinary(page);
    expect(binary.ink.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(binary.ink[999]).toBe(1);
    expect(binary.ink[1000]).toBe(0);
  });
});

describe('deskew', () => {
  it.each([1.2, -0.8, 2.5])('recovers a rotation of %s° within 0.1°', (angleDeg) => {
    // grayToDeskewed(image, s) removes a skew s, so grayToDeskewed(upright, -a) skews the page by +a.
    const rotated = grayToDeskewed(textLikePage(), -angleDeg);
    const estimate = binaryToSkewDeg(grayToBinary(rotated));
    expect(Math.abs(estimate - angleDeg)).toBeLessThan(0.1);
    const straightened = grayToDeskewed(rotated, estimate);
    expect(Math.abs(binaryToSkewDeg(grayToBinary(straightened)))).toBeLessThan(0.1);
  });

  it('reports zero for an upright page', () => {
    // 0.1° is under 1.2px over the 675px-wide text block of this small synthetic page.
    expect(Math.abs(binaryToSkewDeg(grayToBinary(textLikePage())))).toBeLessThan(0.1);
  });
});
