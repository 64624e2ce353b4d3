/**
 * pdf.js draws the glyphs of a non-embedded font with the canvas's fillText, passing the character
 * the font maps the glyph to. @napi-rs/canvas hands text to native code as a C string, which cannot
 * hold U+0000: a glyph mapped to U+0000 made the whole render fail ("Convert String to CString
 * failed"). This drops U+0000 from the text a 2D context draws or measures (it has no glyph anyway).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
const NUL = /\u0000/g;

type TextContext = {
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  strokeText(text: string, x: number, y: number, maxWidth?: number): void;
  measureText(text: string): unknown;
};

/** The same context, its fillText/strokeText/measureText given text without U+0000. */
export function contextWithNulSafeText<T extends TextContext>(context: T): T {
  const fillText = context.fillText.bind(context);
  const strokeText = context.strokeText.bind(context);
  const measureText = context.measureText.bind(context);
  context.fillText = (text: string, x: number, y: number, maxWidth?: number) =>
    maxWidth === undefined
      ? fillText(String(text).replace(NUL, ''), x, y)
      : fillText(String(text).replace(NUL, ''), x, y, maxWidth);
  context.strokeText = (text: string, x: number, y: number, maxWidth?: number) =>
    maxWidth === undefined
      ? strokeText(String(text).replace(NUL, ''), x, y)
      : strokeText(String(text).replace(NUL, ''), x, y, maxWidth);
  context.measureText = (text: string) => measureText(String(text).replace(NUL, ''));
  return context;
}
