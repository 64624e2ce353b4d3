/**
 * `budgetpdf serve`: the review workspace as a Hono application (docs/serve.md).
 *
 * Reads go through the read-only handle (`dataDb`); corrections and sign-offs through a separate
 * writable handle (`writeDb`) that touches only the `corrections` and `signoffs` tables.
 *
 * Security (docs/security.md): the front end is a fixed set of files read at start-up (no path from
 * a request reaches the file system; source PDFs are opened by the path stored in the database);
 * every response carries a Content-Security-Policy that allows only this origin's scripts and no
 * inline script, and the front end renders every value with textContent. Every write needs the
 * per-session token (in a <meta> of the page, which another site cannot read), a JSON body under
 * WRITE_BODY_MAX_BYTES, and no cross-site Origin or Sec-Fetch-Site; a Host header other than the
 * served one is refused (DNS rebinding).
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  addIndicatorRow,
  CorrectionError,
  databaseToCorrectionsFile,
  deleteCorrection,
  ReviewStatus,
  setReviewStatus,
  upsertCorrection,
} from '../stages/store/corrections.js';
import type { Db } from '../stages/store/database.js';
import { databaseToDocumentView } from './documentView.js';
import { databaseToReviewList, ReviewListFilter } from './reviewQueue.js';
import type { SourceFiles } from './sourceFile.js';
import type { UiAssets } from './uiAssets.js';

/** The largest request body a write takes. */
export const WRITE_BODY_MAX_BYTES = 64 * 1024;
/** The header that carries the session token on writes. */
export const TOKEN_HEADER = 'x-budgetpdf-token';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ServeAppOptions = {
  dataDb: Db;
  writeDb: Db;
  token: string;
  files: SourceFiles;
  assets: UiAssets;
  /** Host headers accepted (host:port); empty accepts any (serve --host on a non-loopback address). */
  allowedHosts: readonly string[];
  now?: () => Date;
};

const CorrectionBody = z.object({
  documentId: z.number().int(),
  projectSeq: z.number().int().min(1).nullable(),
  indicatorSeq: z.number().int().min(1).nullable(),
  field: z.string().max(64),
  value: z.union([z.string(), z.number(), z.null()]),
  author: z.string(),
  note: z.string().nullable().optional(),
});
const AddRowBody = z.object({
  documentId: z.number().int(),
  projectSeq: z.number().int().min(1),
  values: z.record(z.string().max(64), z.union([z.string(), z.number(), z.null()])),
  author: z.string(),
  note: z.string().nullable().optional(),
});
const ReviewBody = z.object({ status: ReviewStatus, reviewer: z.string(), note: z.string().nullable().optional() });

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const idParam = (c: Context, name: string): number | null => {
  const text = c.req.param(name) ?? '';
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
};

export function createServeApp(options: ServeAppOptions): Hono {
  const { dataDb, writeDb, token, files, assets } = options;
  const now = options.now ?? (() => new Date());
  const app = new Hono();

  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (options.allowedHosts.length > 0 && !options.allowedHosts.includes(host)) return c.text('unknown Host', 421);
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  });

  /** Writes: token, same origin, JSON, size-limited. */
  const guardWrite = async (c: Context, next: () => Promise<void>) => {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return c.json({ error: 'cross-site request refused' }, 403);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== `${new URL(c.req.url).protocol}//${c.req.header('host')}`)
      return c.json({ error: 'cross-origin request refused' }, 403);
    if (!sameToken(c.req.header(TOKEN_HEADER), token)) return c.json({ error: 'missing or wrong session token' }, 403);
    if (c.req.method !== 'DELETE' && !(c.req.header('content-type') ?? '').startsWith('application/json'))
      return c.json({ error: 'JSON body expected' }, 415);
    await next();
  };
  const limit = bodyLimit({
    maxSize: WRITE_BODY_MAX_BYTES,
    onError: (c) => c.json({ error: `request body over ${WRITE_BODY_MAX_BYTES} bytes` }, 413),
  });

  const sendAsset = (c: Context, name: string) => {
    const asset = assets.get(name);
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(asset.body(token));
  };
  app.get('/', (c) => sendAsset(c, 'index.html'));
  app.get('/ui/:name', (c) => sendAsset(c, c.req.param('name')));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/api/documents', (c) => {
    const filter = ReviewListFilter.safeParse(c.req.query());
    if (!filter.success) return c.json({ error: 'bad filter' }, 400);
    return c.json(databaseToReviewList(dataDb, filter.data));
  });

  const documentOr404 = (c: Context) => {
    const id = idParam(c, 'id');
    return id === null ? null : databaseToDocumentView(dataDb, id);
  };

  app.get('/api/documents/:id', async (c) => {
    const view = documentOr404(c);
    if (!view) return c.json({ error: 'no such document' }, 404);
    const file = await files.fileStatus(view.document.sourcePath, view.document.sha256);
    return c.json({ ...view, file });
  });

  app.get('/api/documents/:id/cells', async (c) => {
    const view = documentOr404(c);
    if (!view) return c.json({ error: 'no such document' }, 404);
    try {
      const cells = await files.documentCells(
        view.document.sourcePath,
        view.document.sha256,
        view.projects.map((project) => ({
          seq: project.seq,
          amountUnit: project.amountUnit,
          pageFirst: project.pageFirst,
          pageLast: project.pageLast,
          // Cells show what was extracted: match the extracted values, not the corrected ones.
          values: { ...project.values, ...extractedOf(project.corrections) },
          indicators: project.indicators.map((indicator) => ({
            seq: indicator.seq,
            page: indicator.page,
            values: { ...indicator.values, ...extractedOf(indicator.corrections) },
          })),
        })),
      );
      if ('state' in cells) return c.json({ error: cells.message, file: cells }, 409);
      return c.json(cells);
    } catch (error) {
      return c.json({ error: `the file could not be read again: ${(error as Error).message}` }, 500);
    }
  });

  app.get('/api/documents/:id/pages/:page', async (c) => {
    const view = documentOr404(c);
    const page = idParam(c, 'page');
    if (!view || page === null || page < 1 || page > view.document.pageCount)
      return c.json({ error: 'no such page' }, 404);
    try {
      const image = await files.pageImage(view.document.sourcePath, view.document.sha256, page);
      if (!Buffer.isBuffer(image)) return c.json({ error: image.message, file: image }, 409);
      c.header('Content-Type', 'image/jpeg');
      c.header('Cache-Control', 'private, max-age=3600');
      return c.body(new Uint8Array(image));
    } catch (error) {
      return c.json({ error: `the page could not be rendered: ${(error as Error).message}` }, 500);
    }
  });

  app.post('/api/corrections', guardWrite, limit, async (c) => {
    const body = CorrectionBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: 'bad correction' }, 400);
    const sha = dataDb.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(body.data.documentId) as
      | string
      | undefined;
    if (!sha) return c.json({ error: 'no such document' }, 404);
    try {
      const correction = upsertCorrection(
        writeDb,
        {
          documentSha256: sha,
          projectSeq: body.data.projectSeq,
          indicatorSeq: body.data.indicatorSeq,
          field: body.data.field,
          after: body.data.value,
          author: body.data.author,
          note: body.data.note ?? null,
        },
        now(),
      );
      return c.json({ correction });
    } catch (error) {
      return correctionErrorResponse(c, error);
    }
  });

  app.post('/api/indicators', guardWrite, limit, async (c) => {
    const body = AddRowBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: 'bad indicator row' }, 400);
    const sha = dataDb.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(body.data.documentId) as
      | string
      | undefined;
    if (!sha) return c.json({ error: 'no such document' }, 404);
    try {
      const seq = addIndicatorRow(
        writeDb,
        {
          documentSha256: sha,
          projectSeq: body.data.projectSeq,
          values: body.data.values,
          author: body.data.author,
          note: body.data.note ?? null,
        },
        now(),
      );
      return c.json({ projectSeq: body.data.projectSeq, indicatorSeq: seq });
    } catch (error) {
      return correctionErrorResponse(c, error);
    }
  });

  app.delete('/api/corrections/:id', guardWrite, (c) => {
    const id = idParam(c, 'id');
    if (id === null || !deleteCorrection(writeDb, id)) return c.json({ error: 'no such correction' }, 404);
    return c.json({ deleted: id });
  });

  app.post('/api/documents/:id/review', guardWrite, limit, async (c) => {
    const id = idParam(c, 'id');
    const sha =
      id === null
        ? undefined
        : (dataDb.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(id) as string | undefined);
    if (!sha) return c.json({ error: 'no such document' }, 404);
    const body = ReviewBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: 'bad review status' }, 400);
    try {
      return c.json({ signoff: setReviewStatus(writeDb, { documentSha256: sha, ...body.data }, now()) });
    } catch (error) {
      return correctionErrorResponse(c, error);
    }
  });

  app.get('/api/corrections.json', (c) => {
    c.header('Content-Disposition', 'attachment; filename="corrections.json"');
    return c.json(databaseToCorrectionsFile(dataDb, now()));
  });

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}

function extractedOf(corrections: Record<string, { before: string | number | null }>) {
  return Object.fromEntries(Object.entries(corrections).map(([field, correction]) => [field, correction.before]));
}

function correctionErrorResponse(c: Context, error: unknown) {
  if (error instanceof CorrectionError)
    return c.json({ error: error.message, code: error.code }, error.code === 'not_found' ? 404 : 400);
  if (error instanceof z.ZodError) return c.json({ error: 'bad request' }, 400);
  throw error;
}
