/**
 * Intersections → cells → tables (pdfplumber / tabula "spreadsheet" algorithm).
 */
import type { Cell, Table } from '../../model/index.js';
import type { Intersection } from './rulings.js';

/** Distinct cell edges closer than this are one grid line (after snapping they are usually equal). */
export const GRID_EDGE_TOLERANCE_PT = 1;
/** Cells thinner than this in either direction are artefacts of double borders, not cells. */
export const MIN_CELL_SIZE_PT = 2;

type CellBox = { x0: number; top: number; x1: number; bottom: number };

/**
 * Each cell is the smallest rectangle whose four sides are covered by continuous rulings: from a
 * top-left intersection, go down its vertical ruling and right along its horizontal ruling to the
 * first pair whose opposite corner is an intersection of the same two rulings. Spans follow from
 * interior rules that are missing. Returns boxes only; rows/columns come from `cellsToTables`.
 */
export function intersectionsToCells(intersections: Intersection[]): CellBox[] {
  const byH = new Map<number, Intersection[]>();
  const byV = new Map<number, Intersection[]>();
  const corner = new Set<string>();
  for (const p of intersections) {
    (byH.get(p.hId) ?? byH.set(p.hId, []).get(p.hId)!).push(p);
    (byV.get(p.vId) ?? byV.set(p.vId, []).get(p.vId)!).push(p);
    corner.add(`${p.vId}:${p.hId}`);
  }
  for (const list of byH.values()) list.sort((a, b) => a.x - b.x);
  for (const list of byV.values()) list.sort((a, b) => a.y - b.y);

  const cells: CellBox[] = [];
  for (const p of intersections) {
    const rights = byH.get(p.hId)!.filter((q) => q.x > p.x + MIN_CELL_SIZE_PT);
    const belows = byV.get(p.vId)!.filter((q) => q.y > p.y + MIN_CELL_SIZE_PT);
    search: for (const below of belows) {
      for (const right of rights) {
        if (corner.has(`${right.vId}:${below.hId}`)) {
          cells.push({ x0: p.x, top: p.y, x1: right.x, bottom: below.y });
          break search;
        }
      }
    }
  }
  return cells;
}

function distinctEdges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (const v of sorted) {
    if (edges.length === 0 || v - edges[edges.length - 1] > GRID_EDGE_TOLERANCE_PT) edges.push(v);
  }
  return edges;
}

/** Index of the grid edge nearest to `value` (edges sorted ascending). */
export function nearestEdgeIndex(edges: number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(edges[lo - 1] - value) <= Math.abs(edges[lo] - value)) return lo - 1;
  return lo;
}

/** Groups cells that share a corner into tables and gives each cell its row/col/span in its table's grid. */
export function cellsToTables(cells: CellBox[], pageNumber: number): Table[] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  // Corners keyed on a coarse grid; cells sharing a corner (or touching edge to edge, which in a
  // ruled table always shares a corner) are one table.
  const key = (x: number, y: number) => `${Math.round(x)}:${Math.round(y)}`;
  const owner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const k of [key(c.x0, c.top), key(c.x1, c.top), key(c.x0, c.bottom), key(c.x1, c.bottom)]) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else union(i, j);
    }
  });
  const groups = new Map<number, CellBox[]>();
  cells.forEach((c, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(c);
  });

  const tables: Table[] = [];
  for (const group of groups.values()) {
    const rowEdgesPt = distinctEdges(group.flatMap((c) => [c.top, c.bottom]));
    const colEdgesPt = distinctEdges(group.flatMap((c) => [c.x0, c.x1]));
    const tableCells: Cell[] = group
      .map((c) => {
        const row = nearestEdgeIndex(rowEdgesPt, c.top);
        const col = nearestEdgeIndex(colEdgesPt, c.x0);
        return {
          ...c,
          pageNumber,
          row,
          col,
          rowSpan: Math.max(1, nearestEdgeIndex(rowEdgesPt, c.bottom) - row),
          colSpan: Math.max(1, nearestEdgeIndex(colEdgesPt, c.x1) - col),
          lines: [] as string[],
          text: '',
        };
      })
      .sort((a, b) => a.row - b.row || a.col - b.col);
    tables.push({
      x0: colEdgesPt[0],
      x1: colEdgesPt[colEdgesPt.length - 1],
      top: rowEdgesPt[0],
      bottom: rowEdgesPt[rowEdgesPt.length - 1],
      pageNumber,
      rowEdgesPt,
      colEdgesPt,
      cells: tableCells,
    });
  }
  return tables.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}
