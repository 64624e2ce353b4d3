import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { BudgetPdfError, isBudgetPdfError } from '../errors.js';
import type { ExtractOptions } from '../pipeline.js';
import { withDatabase } from '../stages/store/database.js';
import { storeDocument } from '../stages/store/storeDocument.js';
import { withLazyOcrPool } from './lazyOcrPool.js';

export const DEFAULT_DB_PATH = 'out/budget.sqlite';

export const OcrModeArg = z.enum(['auto', 'always', 'never']);
export type OcrModeArg = z.infer<typeof OcrModeArg>;

export const ImportStatus = z.enum(['imported', 'replaced', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** What happened to one file of an import. */
export const ImportResult = z.object({
  path: z.string(),
  status: ImportStatus,
  documentId: z.number().int().nullable(),
  sha256: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  textSource: z.string().nullable(),
  projectCount: z.number().int(),
  indicatorCount: z.number().int(),
  repairCount: z.number().int(),
  findingCount: z.number().int(),
  /** BudgetPdfError code, or `unexpected` for any other error. */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  elapsedMs: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export type ImportProgress =
  | { phase: 'start'; index: number; total: number; path: string }
  | { phase: 'done'; index: number; total: number; path: string; result: ImportResult };

export type ImportOptions = {
  dbPath?: string;
  ocr?: OcrModeArg;
  /** OCR workers shared by all files; the number of CPUs by default. */
  ocrWorkers?: number;
  onProgress?: (event: ImportProgress) => void;
};

/** A path given on the command line: a PDF, or a folder walked (recursively, sorted) for *.pdf. */
export async function inputsToPdfPaths(inputs: string[]): Promise<{ pdfPaths: string[]; failures: ImportResult[] }> {
  const pdfPaths: string[] = [];
  const failures: ImportResult[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    pdfPaths.push(path);
  };
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch (error) {
      failures.push(failedResult(input, 'unreadable_path', `cannot read: ${(error as Error).message}`, 0));
      continue;
    }
    if (!isDirectory) {
      add(input);
      continue;
    }
    const found = await walkPdfs(input);
    if (found.length === 0) failures.push(failedResult(input, 'unreadable_path', 'folder holds no *.pdf file', 0));
    found.forEach(add);
  }
  return { pdfPaths, failures };
}

async function walkPdfs(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walkPdfs(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) found.push(path);
  }
  return found;
}

/**
 * Extracts every PDF and stores each in its own transaction. A file that fails is reported
 * with its cause and leaves nothing in the database; the others go on. Errors that stop the
 * whole import (the database cannot be opened) are thrown.
 */
export async function importPdfs(inputs: string[], options: ImportOptions = {}): Promise<ImportResult[]> {
  const { pdfPaths, failures } = await inputsToPdfPaths(inputs);
  const results: ImportResult[] = [...failures];
  if (pdfPaths.length === 0) return results;
  // Loaded here, not at the top: `export` and `--help` never load pdf.js or tesseract.
  const { extractPdf, PIPELINE_VERSION } = await import('../pipeline.js');
  const ocr = options.ocr ?? 'auto';

  await withDatabase(options.dbPath ?? DEFAULT_DB_PATH, (db) =>
    withLazyOcrPool({ workers: options.ocrWorkers }, async (ocrPool) => {
      for (const [index, path] of pdfPaths.entries()) {
        options.onProgress?.({ phase: 'start', index, total: pdfPaths.length, path });
        const startedAt = performance.now();
        let result: ImportResult;
        try {
          const bytes = await readPdfBytes(path);
          const extractOptions: ExtractOptions = { sourcePath: path, ocr, ocrPool: ocr === 'never' ? undefined : ocrPool };
          const { document } = await extractPdf(bytes, extractOptions);
          const stored = storeDocument(db, document, { pipelineVersion: PIPELINE_VERSION });
          result = {
            path,
            status: stored.status,
            documentId: stored.documentId,
            sha256: document.sha256,
            pageCount: document.pageCount,
            textSource: document.textSource,
            projectCount: document.projects.length,
            indicatorCount: document.projects.reduce((sum, project) => sum + project.indicators.length, 0),
            repairCount: document.repairs.length,
            findingCount: document.findings.length,
            errorCode: null,
            errorMessage: null,
            elapsedMs: performance.now() - startedAt,
          };
        } catch (error) {
          result = failedResult(path, errorCodeOf(error), errorMessageOf(error, path), performance.now() - startedAt);
        }
        results.push(result);
        options.onProgress?.({ phase: 'done', index, total: pdfPaths.length, path, result });
      }
    }),
  );
  return results;
}

async function readPdfBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new BudgetPdfError('unreadable_path', path, (error as Error).message, { cause: error });
  }
}

function failedResult(path: string, errorCode: string, errorMessage: string, elapsedMs: number): ImportResult {
  return {
    path,
    status: 'failed',
    documentId: null,
    sha256: null,
    pageCount: null,
    textSource: null,
    projectCount: 0,
    indicatorCount: 0,
    repairCount: 0,
    findingCount: 0,
    errorCode,
    errorMessage,
    elapsedMs,
  };
}

function errorCodeOf(error: unknown): string {
  return isBudgetPdfError(error) ? error.code : 'unexpected';
}

/** The cause in one line, without repeating the file name the report already shows. */
export function errorMessageOf(error: unknown, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const withoutPath = message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  const full = cause && !withoutPath.includes(cause) ? `${withoutPath} (${cause})` : withoutPath;
  return full.replace(/\s+/g, ' ').trim();
}
