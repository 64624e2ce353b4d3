/**
 * Ruling segments → merged rulings → intersections (pdfplumber's snap/join/intersect steps).
 */
import type { Ruling } from '../../model/index.js';

/**
 * Collinear pieces whose centre lines are this close are snapped onto one line. Filled-rectangle
 * borders (direct-writer fixture, 0.5pt) and stroked borders of LibreOffice exports sit on the
 * same line within rounding; 2pt keeps double borders together and distinct grid lines apart
 * (the narrowest grid gap in the seed tables is far wider).
 */
export const SNAP_TOLERANCE_PT = 2;
/** Pieces on one line whose ends are this close are joined: per-cell border pieces of the direct writer. */
export const JOIN_TOLERANCE_PT = 3;
/**
 * A vertical and a horizontal ruling intersect when each reaches within this of the other:
 * stroked borders end at the centre of the crossing line, filled ones at its edge, and some
 * writers stop short by the line width.
 */
export const INTERSECTION_TOLERANCE_PT = 2.5;

/** A merged ruling as a centre line: horizontal at y=pos from `from` to `to` (or vertical at x=pos). */
export type Line = { id: number; orientation: 'horizontal' | 'vertical'; posPt: number; fromPt: number; toPt: number };

export type Intersection = { x: number; y: number; hId: number; vId: number };

function rulingToLine(r: Ruling, id: number): Line {
  return r.orientation === 'horizontal'
    ? { id, orientation: 'horizontal', posPt: (r.top + r.bottom) / 2, fromPt: r.x0, toPt: r.x1 }
    : { id, orientation: 'vertical', posPt: (r.x0 + r.x1) / 2, fromPt: r.top, toPt: r.bottom };
}

function lineToRuling(l: Line): Ruling {
  return l.orientation === 'horizontal'
    ? { orientation: 'horizontal', x0: l.fromPt, x1: l.toPt, top: l.posPt, bottom: l.posPt }
    : { orientation: 'vertical', x0: l.posPt, x1: l.posPt, top: l.fromPt, bottom: l.toPt };
}

function mergeOneOrientation(lines: Line[], snapTolerancePt: number, joinTolerancePt: number): Line[] {
  const sorted = [...lines].sort((a, b) => a.posPt - b.posPt);
  const clusters: Line[][] = [];
  let clusterStartPt = -Infinity;
  for (const line of sorted) {
    if (clusters.length === 0 || line.posPt - clusterStartPt > snapTolerancePt) {
      clusters.push([line]);
      clusterStartPt = line.posPt;
    } else {
      clusters[clusters.length - 1].push(line);
    }
  }
  const merged: Line[] = [];
  for (const cluster of clusters) {
    // Length-weighted mean position of the pieces: the snapped line.
    let weight = 0;
    let sum = 0;
    for (const l of cluster) {
      const w = Math.max(l.toPt - l.fromPt, 1e-3);
      weight += w;
      sum += l.posPt * w;
    }
    const posPt = sum / weight;
    cluster.sort((a, b) => a.fromPt - b.fromPt);
    let current: Line | null = null;
    for (const l of cluster) {
      if (current && l.fromPt <= current.toPt + joinTolerancePt) {
        current.toPt = Math.max(current.toPt, l.toPt);
      } else {
        current = { id: 0, orientation: l.orientation, posPt, fromPt: l.fromPt, toPt: l.toPt };
        merged.push(current);
      }
    }
  }
  return merged;
}

/**
 * Snaps collinear pieces within a tolerance and joins overlapping or adjacent ones. Output: zero-thickness centre
 * lines.
 */
export function mergeRulings(
  rulings: Ruling[],
  options: { snapTolerancePt?: number; joinTolerancePt?: number } = {},
): Ruling[] {
  const snap = options.snapTolerancePt ?? SNAP_TOLERANCE_PT;
  const join = options.joinTolerancePt ?? JOIN_TOLERANCE_PT;
  const lines = rulings.map(rulingToLine);
  const horizontal = mergeOneOrientation(
    lines.filter((l) => l.orientation === 'horizontal'),
    snap,
    join,
  );
  const vertical = mergeOneOrientation(
    lines.filter((l) => l.orientation === 'vertical'),
    snap,
    join,
  );
  return [...horizontal, ...vertical].map(lineToRuling);
}

/**
 * Every crossing (or touching, within tolerance) of a horizontal and a vertical ruling. Each
 * intersection names the two rulings (indices into `rulings`) so that cells can ask whether a side
 * is covered by one continuous ruling.
 */
export function rulingsToIntersections(rulings: Ruling[], tolerancePt = INTERSECTION_TOLERANCE_PT): Intersection[] {
  const lines = rulings.map(rulingToLine);
  const horizontals = lines.filter((l) => l.orientation === 'horizontal');
  const verticals = lines.filter((l) => l.orientation === 'vertical').sort((a, b) => a.posPt - b.posPt);
  const out: Intersection[] = [];
  for (const h of horizontals) {
    // verticals sorted by x: find the first at or right of h.fromPt - tolerance
    let lo = 0;
    let hi = verticals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (verticals[mid].posPt < h.fromPt - tolerancePt) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < verticals.length && verticals[k].posPt <= h.toPt + tolerancePt; k++) {
      const v = verticals[k];
      if (h.posPt >= v.fromPt - tolerancePt && h.posPt <= v.toPt + tolerancePt) {
        out.push({ x: v.posPt, y: h.posPt, hId: h.id, vId: v.id });
      }
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * Spreadsheet printing (Calc, Excel) leaves a merged cell cut by a page break open: no rule under its part at the
 * page's table bottom, none over its part at the next page's top, while the vertical rules on both sides end there.
 * A horizontal ruling is extended sideways over such an opening: to a vertical ruling that ends (top or bottom) at
 * its height within INTERSECTION_TOLERANCE_PT, when every vertical ruling in between ends there too (none crosses
 * it), so the open part is closed as the writer's grid implies.
 */
export function closeOpenEdges(rulings: Ruling[], tolerancePt = INTERSECTION_TOLERANCE_PT): Ruling[] {
  const lines = rulings.map(rulingToLine);
  const verticals = lines.filter((l) => l.orientation === 'vertical').sort((a, b) => a.posPt - b.posPt);
  const endsAt = (v: Line, y: number) => Math.abs(v.fromPt - y) <= tolerancePt || Math.abs(v.toPt - y) <= tolerancePt;
  const crosses = (v: Line, y: number) => v.fromPt < y - tolerancePt && v.toPt > y + tolerancePt;
  const extended = lines.map((line) => {
    if (line.orientation !== 'horizontal') return line;
    const reaching = (v: Line) => v.fromPt - tolerancePt <= line.posPt && v.toPt + tolerancePt >= line.posPt;
    let fromPt = line.fromPt;
    for (const v of [...verticals].reverse()) {
      if (v.posPt >= fromPt - tolerancePt || !reaching(v)) continue;
      if (crosses(v, line.posPt) || !endsAt(v, line.posPt)) break;
      fromPt = v.posPt;
    }
    let toPt = line.toPt;
    for (const v of verticals) {
      if (v.posPt <= toPt + tolerancePt || !reaching(v)) continue;
      if (crosses(v, line.posPt) || !endsAt(v, line.posPt)) break;
      toPt = v.posPt;
    }
    return fromPt === line.fromPt && toPt === line.toPt ? line : { ...line, fromPt, toPt };
  });
  return extended.map(lineToRuling);
}

/**
 * The pieces closeOpenEdges added: for each horizontal ruling of `merged` that `closed` (closeOpenEdges(merged), same
 * order) extends, the extension on each side, as horizontal rulings (the open edges of merged cells cut by a page
 * break).
 */
export function closedOpenings(merged: Ruling[], closed: Ruling[]): Ruling[] {
  const openings: Ruling[] = [];
  merged.forEach((before, index) => {
    const after = closed[index];
    if (!after || before.orientation !== 'horizontal') return;
    if (after.x0 < before.x0) openings.push({ ...after, x1: before.x0 });
    if (after.x1 > before.x1) openings.push({ ...after, x0: before.x1 });
  });
  return openings;
}
