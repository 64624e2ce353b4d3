/**
 * Where the CLI writes: output folder names derived from an input file's name, and output folders
 * created one level at a time (fast, clear failure on a place that cannot hold them).
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { BudgetPdfError } from './errors.js';

/** Used when a file name leaves nothing usable (`.pdf`, `...pdf`). */
export const FALLBACK_OUTPUT_NAME = 'document';

/**
 * A folder name for the outputs of one PDF: its file name without the extension, never `.`/`..`,
 * never a path: separators, controls and characters Windows forbids become `_`, and leading dots
 * are dropped (so the name is not hidden and cannot climb).
 */
export function pdfPathToOutputName(pdfPath: string): string {
  const name = basename(pdfPath, extname(pdfPath))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
    .replace(/[/\\\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return name === '' ? FALLBACK_OUTPUT_NAME : name;
}

function outputDirError(path: string, reason: string, cause?: unknown): BudgetPdfError {
  return new BudgetPdfError('unreadable_path', path, `cannot create output folder: ${reason}`, { cause });
}

/**
 * Creates `path` and its missing parents one level at a time (not `mkdir -p`: Node's recursive
 * mkdir spins forever under /proc). Fails at the first level that cannot be created or is not a folder.
 */
export function ensureOutputDirSync(path: string): void {
  const levels: string[] = [];
  for (let level = resolve(path); ; level = dirname(level)) {
    levels.unshift(level);
    if (dirname(level) === level) break;
  }
  for (const level of levels) {
    let isDirectory: boolean | null = null;
    try {
      isDirectory = statSync(level).isDirectory();
    } catch {
      try {
        mkdirSync(level);
        isDirectory = statSync(level).isDirectory();
      } catch (error) {
        throw outputDirError(path, `${level}: ${(error as Error).message}`, error);
      }
    }
    if (!isDirectory) throw outputDirError(path, `${level} is not a folder`);
  }
}

/** ensureOutputDirSync, asynchronously. */
export async function ensureOutputDir(path: string): Promise<void> {
  const levels: string[] = [];
  for (let level = resolve(path); ; level = dirname(level)) {
    levels.unshift(level);
    if (dirname(level) === level) break;
  }
  for (const level of levels) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(level)).isDirectory();
    } catch {
      try {
        await mkdir(level);
        isDirectory = (await stat(level)).isDirectory();
      } catch (error) {
        throw outputDirError(path, `${level}: ${(error as Error).message}`, error);
      }
    }
    if (!isDirectory) throw outputDirError(path, `${level} is not a folder`);
  }
}
