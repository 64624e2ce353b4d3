/**
 * pdf.js text items → TextRun boxes in top-left/y-down page points.
 *
 * Runs are kept as pdf.js gives them (a word or line for Word/LibreOffice exports, often one glyph
 * for per-character writers); they are not split into glyphs here. The layout stage splits a run
 * into per-character boxes only where a run straddles a table column edge.
 */
import type { TextRun } from '../../model/index.js';
import { applyMatrix, type Matrix, type TextClip } from './operatorList.js';

/** The parts of a pdf.js TextItem this stage reads. */
export type PdfTextItem = {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  dir?: string;
};

export type PdfTextStyle = { ascent?: number; descent?: number; vertical?: boolean };

/**
 * Used when pdf.js reports no ascent/descent for a font (non-embedded SimSun in the direct-writer
 * fixture): the em-box split of the Adobe-GB1 CJK fonts (880/−120 per 1000).
 */
export const DEFAULT_ASCENT_EM = 0.88;
export const DEFAULT_DESCENT_EM = -0.12;

/**
 * Corners of a text item in user space follow from its text matrix: baseline along (a, b), up along
 * (c, d) normalised to the font size. Mapped through the viewport matrix they give the page box,
 * which is right for rotated pages and non-zero viewBox origins alike.
 */
export function textItemToRun(item: PdfTextItem, style: PdfTextStyle | undefined, pageMatrix: Matrix): TextRun | null {
  if (!item.str || item.str.trim() === '') return null;
  const [a, b, c, d, e, f] = item.transform;
  const fontSizePt = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 0;
  if (fontSizePt <= 0) return null;
  let ascent = style?.ascent ?? DEFAULT_ASCENT_EM;
  let descent = style?.descent ?? DEFAULT_DESCENT_EM;
  if (!(ascent > 0) || ascent > 1.5) ascent = DEFAULT_ASCENT_EM;
  if (!(descent <= 0) || descent < -1) descent = DEFAULT_DESCENT_EM;
  const vertical = style?.vertical === true || item.dir === 'ttb';
  // Unit vectors along the baseline and towards the top of the glyphs, in user space.
  const alongLen = Math.hypot(a, b) || 1;
  const ux = a / alongLen;
  const uy = b / alongLen;
  const upLen = Math.hypot(c, d) || 1;
  const vx = c / upLen;
  const vy = d / upLen;
  let corners: { x: number; y: number }[];
  if (vertical) {
    // Vertical writing: pdf.js reports the advance in `height`; glyphs centred on the origin line.
    const half = fontSizePt / 2;
    const len = item.height;
    corners = [
      { x: e - ux * half, y: f - uy * half },
      { x: e + ux * half, y: f + uy * half },
      { x: e - ux * half - vx * len, y: f - uy * half - vy * len },
      { x: e + ux * half - vx * len, y: f + uy * half - vy * len },
    ];
  } else {
    const width = item.width;
    const up = ascent * fontSizePt;
    const down = descent * fontSizePt;
    corners = [
      { x: e + vx * down, y: f + vy * down },
      { x: e + ux * width + vx * down, y: f + uy * width + vy * down },
      { x: e + vx * up, y: f + vy * up },
      { x: e + ux * width + vx * up, y: f + uy * width + vy * up },
    ];
  }
  let x0 = Infinity;
  let top = Infinity;
  let x1 = -Infinity;
  let bottom = -Infinity;
  for (const corner of corners) {
    const p = applyMatrix(pageMatrix, corner.x, corner.y);
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < top) top = p.y;
    if (p.y > bottom) bottom = p.y;
  }
  const scale = Math.sqrt(Math.abs(pageMatrix[0] * pageMatrix[3] - pageMatrix[1] * pageMatrix[2])) || 1;
  return { text: item.str, x0, top, x1, bottom, fontSizePt: fontSizePt * scale, fontName: item.fontName };
}

/** Text origins of the operator list and of pdf.js's items are matched on this grid (both come from one matrix). */
const TEXT_ORIGIN_GRID_PT = 0.1;

function originKey(x: number, y: number): string {
  return `${Math.round(x / TEXT_ORIGIN_GRID_PT)},${Math.round(y / TEXT_ORIGIN_GRID_PT)}`;
}

/** Whether a run's centre lies outside the clipping area it is painted in (it is in the text layer, not on the page). */
function runOutsideClip(run: TextRun, clip: TextClip['clip']): boolean {
  const cx = (run.x0 + run.x1) / 2;
  const cy = (run.top + run.bottom) / 2;
  return cx < clip.x0 || cx > clip.x1 || cy < clip.top || cy > clip.bottom;
}

/**
 * pdf.js items as runs; an item starting where a text operator painted under a clip (operatorListToGraphics's
 * `textClips`) is left out when its box lies outside that clip: a merged cell's label printed whole on each page it
 * crosses and clipped to the part (LibreOffice Calc).
 */
export function textItemsToRuns(
  items: PdfTextItem[],
  styles: Record<string, PdfTextStyle>,
  pageMatrix: Matrix,
  textClips: TextClip[] = [],
): TextRun[] {
  const clipAt = new Map<string, TextClip['clip']>();
  for (const textClip of textClips) clipAt.set(originKey(textClip.x, textClip.y), textClip.clip);
  const runs: TextRun[] = [];
  for (const item of items) {
    if (typeof item.str !== 'string') continue; // marked-content markers
    const run = textItemToRun(item, styles[item.fontName], pageMatrix);
    if (!run) continue;
    if (clipAt.size > 0) {
      const origin = applyMatrix(pageMatrix, item.transform[4], item.transform[5]);
      const clip = clipAt.get(originKey(origin.x, origin.y));
      if (clip && runOutsideClip(run, clip)) continue;
    }
    runs.push(run);
  }
  return runs;
}
