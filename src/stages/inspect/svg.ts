/**
 * One SVG per page at page size (1 unit = 1pt, origin top-left): raw rulings (red), table cells
 * (blue outline, `row,col` label and span), runs (grey boxes with their text), lines outside
 * tables (green), and the parts of merged cells cut by a page break (stitch's spans): each part
 * outlined in its span's colour with a shared id and title (`span 3, part 1 of 2`), a marker on
 * the edge at the break. Meant to be looked at when a table comes out wrong.
 */
import type { DocumentFlow, FlowCell } from '../../model/flow.js';
import type { PageLayout, PageText } from '../../model/index.js';
import { escapeXmlText } from './xmlText.js';

/** Label size for cell row/col labels; small enough not to hide the cell text. */
const CELL_LABEL_SIZE_PT = 4;
/** Minimum stroke so that hairline rulings stay visible when the SVG is rasterised at 72 dpi. */
const MIN_RULING_STROKE_PT = 0.6;

/** Outline width of a span part; wide enough to stand out over the cell outlines. */
const SPAN_STROKE_PT = 1.6;
/** Break-edge marker: a bar this thick on the part's edge at the page break. */
const SPAN_MARKER_STROKE_PT = 3;
/** Span colours, cycled by span id: the parts of one span on different pages share one. */
const SPAN_COLOURS = ['#d0309a', '#0a8f5a', '#e07b00', '#6a3fd0', '#0096c7', '#b8860b'];

const escapeXml = escapeXmlText;

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function rect(box: { x0: number; top: number; x1: number; bottom: number }, attrs: string): string {
  return `<rect x="${n(box.x0)}" y="${n(box.top)}" width="${n(Math.max(box.x1 - box.x0, 0))}" height="${n(Math.max(box.bottom - box.top, 0))}" ${attrs}/>`;
}

/** The span parts of a stitched flow, by page number (for layoutToSvg). */
export function flowToSpanParts(flow: DocumentFlow): Map<number, FlowCell[]> {
  const byPage = new Map<number, FlowCell[]>();
  for (const block of flow.blocks) {
    if (block.kind !== 'table') continue;
    for (const cell of block.rows.flatMap((row) => row.cells))
      if (cell.span) byPage.set(cell.pageNumber, [...(byPage.get(cell.pageNumber) ?? []), cell]);
  }
  return byPage;
}

/** One span part: outline in the span's colour, id `span-<id>-part-<n>`, title, and a marker at each break edge. */
function spanPartToSvg(cell: FlowCell): string {
  const span = cell.span!;
  const colour = SPAN_COLOURS[(span.id - 1) % SPAN_COLOURS.length];
  const title = `span ${span.id}, part ${span.part + 1} of ${span.parts}${span.label ? `: ${span.label}` : ''}`;
  const out = [
    `<g class="span-part" id="span-${span.id}-part-${span.part + 1}" data-span="${span.id}" data-part="${span.part + 1}" data-parts="${span.parts}">`,
    `<title>${escapeXml(title)}</title>`,
    rect(cell, `fill="none" stroke="${colour}" stroke-width="${SPAN_STROKE_PT}"`),
  ];
  const marker = (y: number, where: string) =>
    `<line class="span-break" data-edge="${where}" x1="${n(cell.x0)}" y1="${n(y)}" x2="${n(cell.x1)}" y2="${n(y)}" stroke="${colour}" stroke-width="${SPAN_MARKER_STROKE_PT}" stroke-dasharray="3 2"/>`;
  if (span.part > 0) out.push(marker(cell.top, 'top'));
  if (span.part < span.parts - 1) out.push(marker(cell.bottom, 'bottom'));
  out.push(
    `<text x="${n(cell.x1 - 1)}" y="${n(cell.top + CELL_LABEL_SIZE_PT + 0.5)}" font-size="${CELL_LABEL_SIZE_PT}" text-anchor="end" fill="${colour}">span ${span.id} ${span.part + 1}/${span.parts}</text>`,
  );
  out.push('</g>');
  return out.join('\n');
}

/** `spanParts`: this page's parts of merged cells cut by a page break (flowToSpanParts), drawn over the cells. */
export function layoutToSvg(page: PageText, layout: PageLayout, spanParts: FlowCell[] = []): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.widthPt)}pt" height="${n(layout.heightPt)}pt" viewBox="0 0 ${n(layout.widthPt)} ${n(layout.heightPt)}" font-family="WenQuanYi Zen Hei, AR PL UMing CN, SimSun, sans-serif">`,
  );
  out.push(`<rect x="0" y="0" width="${n(layout.widthPt)}" height="${n(layout.heightPt)}" fill="white"/>`);
  out.push(
    `<title>page ${layout.pageNumber} (${escapeXml(layout.source)}): ${layout.tables.length} tables, ${layout.lines.length} lines</title>`,
  );

  out.push('<g id="rulings" stroke="#d33" fill="none">');
  for (const r of page.rulings) {
    if (r.orientation === 'horizontal') {
      const y = (r.top + r.bottom) / 2;
      out.push(
        `<line x1="${n(r.x0)}" y1="${n(y)}" x2="${n(r.x1)}" y2="${n(y)}" stroke-width="${n(Math.max(r.bottom - r.top, MIN_RULING_STROKE_PT))}"/>`,
      );
    } else {
      const x = (r.x0 + r.x1) / 2;
      out.push(
        `<line x1="${n(x)}" y1="${n(r.top)}" x2="${n(x)}" y2="${n(r.bottom)}" stroke-width="${n(Math.max(r.x1 - r.x0, MIN_RULING_STROKE_PT))}"/>`,
      );
    }
  }
  out.push('</g>');

  out.push('<g id="tables">');
  layout.tables.forEach((table, t) => {
    out.push(`<g class="table" data-table="${t}">`);
    out.push(rect(table, 'fill="none" stroke="#14a" stroke-width="1.2" stroke-dasharray="4 2"'));
    for (const cell of table.cells) {
      const fill = cell.text === '' ? '#fff4d6' : 'rgba(80,130,255,0.06)';
      out.push(rect(cell, `fill="${fill}" stroke="#36c" stroke-width="0.4"`));
      const span = cell.rowSpan > 1 || cell.colSpan > 1 ? ` ${cell.rowSpan}x${cell.colSpan}` : '';
      out.push(
        `<text x="${n(cell.x0 + 1)}" y="${n(cell.top + CELL_LABEL_SIZE_PT + 0.5)}" font-size="${CELL_LABEL_SIZE_PT}" fill="#36c">T${t} ${cell.row},${cell.col}${span}</text>`,
      );
    }
    out.push('</g>');
  });
  out.push('</g>');

  out.push('<g id="runs">');
  for (const run of page.runs) {
    out.push(rect(run, 'fill="none" stroke="#999" stroke-width="0.2"'));
    const size = Math.max(Math.min(run.bottom - run.top, run.fontSizePt) * 0.8, 1);
    out.push(
      `<text x="${n(run.x0)}" y="${n(run.bottom - size * 0.2)}" font-size="${n(size)}" fill="#222">${escapeXml(run.text)}</text>`,
    );
  }
  out.push('</g>');

  out.push('<g id="lines" fill="none" stroke="#2a2" stroke-width="0.5">');
  for (const line of layout.lines) out.push(rect(line, ''));
  out.push('</g>');

  if (spanParts.length > 0) {
    out.push('<g id="spans">');
    for (const cell of spanParts) out.push(spanPartToSvg(cell));
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
