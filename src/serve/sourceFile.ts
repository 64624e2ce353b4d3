/**
 * The workspace's view of a document's source PDF. The store keeps the path the file was imported
 * from and its sha256, not the pages: the page images and the cell boxes come from the file when it
 * is still at that path with the same sha256 (`fileStatus`), rendered by pdf.js on @napi-rs/canvas
 * as `budgetpdf review` does, and the cells by running the pipeline on it again. A file that is
 * gone or changed is said so, and the records are shown without the page.
 *
 * Only paths read from the database are opened, never one from a request. A relative path is
 * taken from the folder `serve` was started in (where `import` usually ran).
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PageLayout } from '../model/index.js';
import { MAX_PDF_BYTES } from '../batch/extractDocument.js';
import { cellId, type FieldProject, layoutsToFieldCells } from './fieldCells.js';

export type FileStatus =
  | { state: 'ok'; path: string; message: '' }
  | { state: 'missing' | 'changed' | 'unreadable'; path: string; message: string };

/** Page images: enough to read a cell, small enough to send quickly (as the review page). */
export const SERVE_RENDER_DPI = 110;
export const SERVE_JPEG_QUALITY_PCT = 80;
/** Page images kept in memory (JPEGs of ~100–300 kB). */
export const PAGE_IMAGE_CACHE_ENTRIES = 64;
/** Documents whose cells are kept in memory (re-extraction takes a second for a text PDF, minutes for a scan). */
export const LAYOUT_CACHE_ENTRIES = 8;

/** A small least-recently-used map. */
class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
  delete(key: K): void {
    this.entries.delete(key);
  }
}

export type PageCells = {
  pageNumber: number;
  widthPt: number;
  heightPt: number;
  source: string;
  cells: {
    id: string;
    x0: number;
    top: number;
    x1: number;
    bottom: number;
    text: string;
    confidence: number | null;
    row: number;
    col: number;
  }[];
};
export type DocumentCells = { pages: PageCells[]; fieldCells: Record<string, string> };

/** Reads source files by the database's path and sha256; caches hashes, page images and cells. */
export class SourceFiles {
  private readonly hashes = new Map<string, { key: string; sha256: string }>();
  private readonly images = new Lru<string, Buffer>(PAGE_IMAGE_CACHE_ENTRIES);
  private readonly layouts = new Lru<string, Promise<DocumentCells>>(LAYOUT_CACHE_ENTRIES);

  constructor(private readonly baseDir: string = process.cwd()) {}

  /** Whether the file at `sourcePath` is still the imported one (same sha256). */
  async fileStatus(sourcePath: string, sha256: string): Promise<FileStatus> {
    const path = resolve(this.baseDir, sourcePath);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      return { state: 'missing', path, message: `the source file is no longer at ${path}` };
    }
    if (!info.isFile()) return { state: 'unreadable', path, message: `${path} is not a regular file` };
    if (info.size > MAX_PDF_BYTES) return { state: 'unreadable', path, message: `${path} is too large` };
    const key = `${info.size}:${info.mtimeMs}:${info.ino}`;
    let known = this.hashes.get(path);
    if (!known || known.key !== key) {
      try {
        known = { key, sha256: await fileSha256(path) };
      } catch (error) {
        return { state: 'unreadable', path, message: `cannot read ${path}: ${(error as Error).message}` };
      }
      this.hashes.set(path, known);
    }
    if (known.sha256 !== sha256)
      return {
        state: 'changed',
        path,
        message: `the file at ${path} has changed since it was imported (sha256 ${known.sha256.slice(0, 12)}…, imported ${sha256.slice(0, 12)}…)`,
      };
    return { state: 'ok', path, message: '' };
  }

  /** The bytes of the imported file, or the reason they cannot be had. */
  private async bytesOf(sourcePath: string, sha256: string): Promise<Uint8Array | FileStatus> {
    const status = await this.fileStatus(sourcePath, sha256);
    if (status.state !== 'ok') return status;
    const { readFile } = await import('node:fs/promises');
    const bytes = new Uint8Array(await readFile(status.path));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      this.hashes.delete(status.path);
      return { state: 'changed', path: status.path, message: `the file at ${status.path} changed while it was read` };
    }
    return bytes;
  }

  /** One page as a JPEG, or the file's status when it cannot be rendered. */
  async pageImage(sourcePath: string, sha256: string, pageNumber: number): Promise<Buffer | FileStatus> {
    const cacheKey = `${sha256}:${pageNumber}`;
    const cached = this.images.get(cacheKey);
    if (cached) return cached;
    const bytes = await this.bytesOf(sourcePath, sha256);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const jpeg = await pdfPageToJpeg(bytes, sourcePath, pageNumber);
    this.images.set(cacheKey, jpeg);
    return jpeg;
  }

  /** The detected cells of every page and which cell shows which field (src/serve/fieldCells.ts). */
  async documentCells(
    sourcePath: string,
    sha256: string,
    projects: readonly FieldProject[],
  ): Promise<DocumentCells | FileStatus> {
    const cached = this.layouts.get(sha256);
    if (cached) return cached;
    const bytes = await this.bytesOf(sourcePath, sha256);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const pending = (async () => {
      const { extractPdf } = await import('../pipeline.js');
      const { layouts } = await extractPdf(bytes, { sourcePath, ocr: 'auto' });
      return layoutsToDocumentCells(layouts, projects);
    })();
    this.layouts.set(sha256, pending);
    pending.catch(() => this.layouts.delete(sha256));
    return pending;
  }
}

export function layoutsToDocumentCells(
  layouts: readonly PageLayout[],
  projects: readonly FieldProject[],
): DocumentCells {
  return {
    pages: layouts.map((layout) => ({
      pageNumber: layout.pageNumber,
      widthPt: layout.widthPt,
      heightPt: layout.heightPt,
      source: layout.source,
      cells: layout.tables.flatMap((table, t) =>
        table.cells.map((cell) => ({
          id: cellId({ pageNumber: layout.pageNumber, table: t, row: cell.row, col: cell.col }),
          x0: cell.x0,
          top: cell.top,
          x1: cell.x1,
          bottom: cell.bottom,
          text: cell.text,
          confidence: cell.confidence ?? null,
          row: cell.row,
          col: cell.col,
        })),
      ),
    })),
    fieldCells: layoutsToFieldCells(layouts, projects),
  };
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  } finally {
    await handle.close().catch(() => undefined);
  }
  return hash.digest('hex');
}

/** One page of a PDF rendered to JPEG at SERVE_RENDER_DPI (lower for a huge page). */
export async function pdfPageToJpeg(bytes: Uint8Array, sourcePath: string, pageNumber: number): Promise<Buffer> {
  const { withPdf } = await import('../stages/load/pdfjs.js');
  const { createPdfjsCanvas, pageToRenderDpi, releaseCanvas } = await import('../stages/load/canvas.js');
  const { contextWithNulSafeText } = await import('../stages/load/canvasText.js');
  return withPdf(bytes, sourcePath, async (doc) => {
    if (pageNumber < 1 || pageNumber > doc.numPages) throw new RangeError(`no page ${pageNumber}`);
    const page = await doc.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: pageToRenderDpi(base.width, base.height, SERVE_RENDER_DPI) / 72 });
    const canvas = createPdfjsCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    try {
      const context = contextWithNulSafeText(canvas.getContext('2d'));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      return Buffer.from(await canvas.encode('jpeg', SERVE_JPEG_QUALITY_PCT));
    } finally {
      releaseCanvas(canvas);
      page.cleanup();
    }
  });
}
