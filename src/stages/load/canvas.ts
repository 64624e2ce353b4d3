/**
 * Canvases for rendering pages with pdf.js (review images; OCR of pages with no single image).
 * pdf.js draws with Path2D from the @napi-rs/canvas copy it resolves itself (pdfjs-dist may nest
 * its own version), so canvases must come from that same copy.
 *
 * A PDF whose CJK font is not embedded (WPS, some printers: STSong-Light, SimSun through a
 * predefined CMap) is drawn by pdf.js with the generic `serif`/`sans-serif` family, which has no
 * Han glyphs: every character would render as an empty box (seed-2022.direct.pdf showed it). A CJK
 * font found on the machine is therefore registered under those generic names.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type CanvasModule = typeof import('@napi-rs/canvas');

/** Where Debian and most Linux systems keep fonts. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];
/** CJK font files, most preferred first (a sans face reads best at review resolution). */
const CJK_FONT_FILE =
  /^(wqy-zenhei\.ttc|NotoSansCJK.*\.tt[cf]|NotoSerifCJK.*\.tt[cf]|uming\.ttc|ukai\.ttc|wqy-microhei\.ttc|.*(SimSun|simsun|simhei).*\.tt[cf])$/u;
const GENERIC_FAMILIES = ['serif', 'sans-serif'];

let canvasModule: CanvasModule | null = null;

export function pdfjsCanvasModule(): CanvasModule {
  if (canvasModule) return canvasModule;
  const require = createRequire(import.meta.url);
  const fromPdfjs = createRequire(require.resolve('pdfjs-dist/package.json'));
  canvasModule = fromPdfjs('@napi-rs/canvas') as CanvasModule;
  const fontPath = findCjkFontFile();
  if (fontPath) for (const family of GENERIC_FAMILIES) canvasModule.GlobalFonts.registerFromPath(fontPath, family);
  return canvasModule;
}

/**
 * The most pixels one page render may have (OCR and review alike): 40 Mpx is an A3 page at 300 dpi
 * with room to spare, 160 MB as RGBA. A larger page (a 14 400 pt MediaBox) is rendered at a lower
 * dpi instead: renders are capped by pixels, not by points.
 */
export const RENDER_MAX_PIXELS = 40_000_000;

/**
 * The dpi at which a page of `widthPt`×`heightPt` renders: `dpi`, lowered so the render stays within RENDER_MAX_PIXELS.
 */
export function pageToRenderDpi(widthPt: number, heightPt: number, dpi: number, maxPixels = RENDER_MAX_PIXELS): number {
  const pixels = Math.ceil((widthPt * dpi) / 72) * Math.ceil((heightPt * dpi) / 72);
  if (pixels <= maxPixels) return dpi;
  // Ceil of each side adds at most one pixel: shrink by one more point's worth to stay under.
  const capped = Math.floor(dpi * Math.sqrt(maxPixels / pixels) * 100) / 100;
  return Math.ceil((widthPt * capped) / 72) * Math.ceil((heightPt * capped) / 72) <= maxPixels ? capped : capped * 0.99;
}

export function createPdfjsCanvas(widthPx: number, heightPx: number) {
  return pdfjsCanvasModule().createCanvas(widthPx, heightPx);
}

/**
 * Gives a canvas's native surface back at once. Its pixels live outside the JS heap, so the GC
 * does not see them and frees them late (a 300 dpi render is 35 MB RGBA): shrinking the canvas to
 * 1×1 releases the surface now.
 */
export function releaseCanvas(canvas: { width: number; height: number }): void {
  canvas.width = 1;
  canvas.height = 1;
}

/** The most preferred CJK font file on this machine, or null (then non-embedded CJK text renders as boxes). */
export function findCjkFontFile(): string | null {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      let isDir = false;
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(path, depth + 1);
      else if (CJK_FONT_FILE.test(entry)) found.push(path);
    }
  };
  for (const dir of FONT_DIRS) walk(dir, 0);
  const rank = (path: string): number => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const order = ['wqy-zenhei', 'NotoSansCJK', 'NotoSerifCJK', 'uming', 'ukai', 'wqy-microhei'];
    const index = order.findIndex((prefix) => name.startsWith(prefix));
    return index < 0 ? order.length : index;
  };
  found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return found[0] ?? null;
}
