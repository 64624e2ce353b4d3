import { describe, expect, it } from 'vitest';
import { createPdfjsCanvas, findCjkFontFile } from '../../../src/stages/load/canvas.js';

function inkOf(text: string, family: string): Uint8ClampedArray {
  const canvas = createPdfjsCanvas(64, 64);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 64, 64);
  context.fillStyle = '#000';
  context.font = `48px ${family}`;
  context.fillText(text, 8, 52);
  return context.getImageData(0, 0, 64, 64).data;
}

describe('pdf.js canvases', () => {
  it('find a CJK font on the machine (CI installs fonts-wqy-zenhei)', () => {
    expect(findCjkFontFile()).toMatch(/\.(ttc|ttf)$/);
  });

  for (const family of ['serif', 'sans-serif']) {
    it(`draw Han characters in the generic ${family} family as glyphs, not as identical empty boxes`, () => {
      const zhong = inkOf('中', family);
      const guo = inkOf('国', family);
      const darkPixels = (data: Uint8ClampedArray) =>
        data.filter((value, index) => index % 4 === 0 && value < 128).length;
      expect(darkPixels(zhong)).toBeGreaterThan(50);
      expect(Buffer.from(zhong).equals(Buffer.from(guo))).toBe(false);
    });
  }
});
