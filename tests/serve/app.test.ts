import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { CONTENT_SECURITY_POLICY, createServeApp, TOKEN_HEADER, WRITE_BODY_MAX_BYTES } from '../../src/serve/app.js';
import { openServeDatabases } from '../../src/serve/server.js';
import { SourceFiles } from '../../src/serve/sourceFile.js';
import { loadUiAssets } from '../../src/serve/uiAssets.js';
import { type Db, openDatabase, storeDocument } from '../../src/stages/store/index.js';
import { sampleDocument } from '../stages/store/sampleDocument.js';

const TOKEN = 'ab'.repeat(16);
const HOST = '127.0.0.1:8765';
const ORIGIN = `http://${HOST}`;
const AT = new Date('2026-01-02T03:04:05.000Z');

let dir: string;
let dataDb: Db;
let writeDb: Db;
let app: Hono;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetpdf-serve-'));
  const dbPath = join(dir, 'budget.sqlite');
  const setup = openDatabase(dbPath);
  // Document 1 has findings and a low-confidence repair; document 2 none; document 3 is another year.
  storeDocument(setup, sampleDocument(), { pipelineVersion: 't' });
  storeDocument(
    setup,
    sampleDocument({ sha256: 'b'.repeat(64), sourcePath: 'in/clean.pdf', findings: [], repairs: [] }),
    { pipelineVersion: 't' },
  );
  storeDocument(
    setup,
    sampleDocument({
      sha256: 'c'.repeat(64),
      sourcePath: 'in/2024.pdf',
      fiscalYear: 2024,
      department: '另一个局',
      findings: [],
      repairs: [],
    }),
    { pipelineVersion: 't' },
  );
  setup.close();
  ({ dataDb, writeDb } = openServeDatabases(dbPath));
  app = createServeApp({
    dataDb,
    writeDb,
    token: TOKEN,
    files: new SourceFiles(dir),
    assets: loadUiAssets(),
    allowedHosts: [HOST],
    now: () => AT,
  });
});
afterAll(() => {
  dataDb?.close();
  writeDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(`http://${HOST}${path}`, { headers: { host: HOST, ...headers } });
const write = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`http://${HOST}${path}`, {
    method,
    headers: { host: HOST, 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN, origin: ORIGIN, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const correction = (value: unknown, extra: Record<string, unknown> = {}) => ({
  documentId: 1,
  projectSeq: 1,
  indicatorSeq: 1,
  field: 'target_text',
  value,
  author: '李审',
  ...extra,
});

describe('budgetpdf serve API', () => {
  it('serves the page with the session token, strict CSP, and only the fixed assets', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(await page.text()).toContain(`content="${TOKEN}"`);
    expect((await get('/ui/app.js')).headers.get('content-type')).toContain('javascript');
    for (const path of ['/ui/..%2f..%2fpackage.json', '/ui/%2e%2e/app.ts', '/ui/app.ts', '/../package.json'])
      expect((await get(path)).status, path).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/api/documents', { host: 'evil.example:8765' })).status).toBe(421);
  });

  it('ranks documents by what needs review and filters by year, department, status', async () => {
    const list = await (await get('/api/documents')).json();
    expect(list.documents.map((doc: { id: number }) => doc.id)[0]).toBe(1);
    expect(list.documents[0].score).toBeGreaterThan(list.documents[1].score);
    expect(list.documents[0]).toMatchObject({ reviewStatus: 'unreviewed', projectCount: 2 });
    expect(list.years).toEqual([2023, 2024]);
    const in2024 = await (await get('/api/documents?year=2024')).json();
    expect(in2024.documents.map((doc: { id: number }) => doc.id)).toEqual([3]);
    const dept = await (await get(`/api/documents?department=${encodeURIComponent('另一个局')}`)).json();
    expect(dept.documents.map((doc: { id: number }) => doc.id)).toEqual([3]);
    expect((await get('/api/documents?year=abc')).status).toBe(400);
  });

  it('shows a document with its records, findings, repairs, and says when the source file is gone', async () => {
    const view = await (await get('/api/documents/1')).json();
    expect(view.document.values.title).toBe('示例县农业农村局2023年部门预算绩效文本');
    expect(view.projects[0].indicators[0].values.target_text).toBe('≥2万亩');
    expect(view.findings.length).toBeGreaterThan(0);
    expect(view.repairs[0]).toMatchObject({ kind: 'split_code', before: '13000023P00000000001 X' });
    expect(view.file.state).toBe('missing');
    expect((await get('/api/documents/1/pages/1')).status).toBe(409);
    expect((await get('/api/documents/1/cells')).status).toBe(409);
    expect((await get('/api/documents/99')).status).toBe(404);
    expect((await get('/api/documents/1/pages/999')).status).toBe(404);
  });

  it('writes need the session token, a same-origin request and a JSON body under the limit', async () => {
    expect((await write('POST', '/api/corrections', correction('x'), { [TOKEN_HEADER]: 'nope' })).status).toBe(403);
    const noToken = await app.request(`http://${HOST}/api/corrections`, {
      method: 'POST',
      headers: { host: HOST, 'content-type': 'application/json' },
      body: JSON.stringify(correction('x')),
    });
    expect(noToken.status).toBe(403);
    expect((await write('POST', '/api/corrections', correction('x'), { origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await write('POST', '/api/corrections', correction('x'), { 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    // A form post (text/plain, the only kind a cross-site form can send without CORS) is refused.
    expect((await write('POST', '/api/corrections', correction('x'), { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
    const huge = await write('POST', '/api/corrections', correction('x'.repeat(WRITE_BODY_MAX_BYTES + 10)));
    expect(huge.status).toBe(413);
    expect((await write('POST', '/api/corrections', '{not json')).status).toBe(400);
    expect((await write('POST', '/api/corrections', correction('x', { field: 'page' }))).status).toBe(400);
    const list = await (await get('/api/documents')).json();
    expect(list.documents.every((doc: { corrections: number }) => doc.corrections === 0)).toBe(true);
  });

  it('a correction shows in the view with before/after, moves the document to in review; sign-off by name', async () => {
    const saved = await write('POST', '/api/corrections', correction('≥3万亩', { note: '见原件第5页' }));
    expect(saved.status).toBe(200);
    const { correction: stored } = await saved.json();
    expect(stored).toMatchObject({ before: '≥2万亩', after: '≥3万亩', author: '李审', correctedAt: AT.toISOString() });
    const view = await (await get('/api/documents/1')).json();
    expect(view.projects[0].indicators[0].values.target_text).toBe('≥3万亩');
    expect(view.projects[0].indicators[0].corrections.target_text).toMatchObject({
      before: '≥2万亩',
      note: '见原件第5页',
    });
    expect(view.review.status).toBe('in_review');
    // The data handle is read-only: the extraction itself is unchanged.
    expect(dataDb.prepare('SELECT target_text FROM indicators WHERE id = 1').pluck().get()).toBe('≥2万亩');
    expect(() => dataDb.prepare("UPDATE indicators SET target_text = 'x'").run()).toThrow(/readonly/);

    const signed = await write('POST', '/api/documents/1/review', { status: 'signed_off', reviewer: '张签' });
    expect(signed.status).toBe(200);
    const list = await (await get('/api/documents?status=signed_off')).json();
    expect(list.documents.map((doc: { id: number; reviewer: string }) => [doc.id, doc.reviewer])).toEqual([
      [1, '张签'],
    ]);
    expect((await write('POST', '/api/documents/1/review', { status: 'signed_off', reviewer: '' })).status).toBe(400);

    const added = await write('POST', '/api/indicators', {
      documentId: 2,
      projectSeq: 2,
      values: { level1: '效益指标', level3: '<b>补录</b>' },
      author: '李审',
    });
    expect(await added.json()).toEqual({ projectSeq: 2, indicatorSeq: 2 });
    const withRow = await (await get('/api/documents/2')).json();
    expect(withRow.projects[1].indicators.map((row: { row: string }) => row.row)).toEqual(['extracted', 'added']);
    expect(withRow.projects[1].indicators[1].values.level3).toBe('<b>补录</b>');
    expect(
      (await write('POST', '/api/indicators', { documentId: 2, projectSeq: 2, values: {}, author: 'a' })).status,
    ).toBe(400);
    expect(
      (
        await write(
          'POST',
          '/api/indicators',
          { documentId: 2, projectSeq: 2, values: { level1: 'x' }, author: 'a' },
          { [TOKEN_HEADER]: '' },
        )
      ).status,
    ).toBe(403);

    const file = await (await get('/api/corrections.json')).json();
    expect(file.corrections.map((c: { field: string }) => c.field)).toEqual([
      'target_text',
      '_row',
      'level1',
      'level3',
    ]);
    expect((await write('DELETE', `/api/corrections/${stored.id}`, undefined, { 'content-type': '' })).status).toBe(
      200,
    );
    const after = await (await get('/api/documents/1')).json();
    expect(after.projects[0].indicators[0].values.target_text).toBe('≥2万亩');
  });
});
