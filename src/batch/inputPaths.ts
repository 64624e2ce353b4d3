/** The paths given to an import, turned into the PDF files to read. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { failedResult, type ImportResult } from './importResult.js';

/**
 * A path given on the command line: a PDF, or a folder walked (recursively, sorted) for *.pdf.
 * Only regular files are taken (after symlinks): a device (/dev/zero), FIFO or socket given as a
 * path fails alone as not_regular_file. In a walked folder, a symlink to a PDF or folder is followed
 * once: a folder already walked (a loop, or a second link to it) is not walked again.
 */
export async function inputsToPdfPaths(inputs: string[]): Promise<{ pdfPaths: string[]; failures: ImportResult[] }> {
  const pdfPaths: string[] = [];
  const failures: ImportResult[] = [];
  const seen = new Set<string>();
  const walked = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    pdfPaths.push(path);
  };
  for (const input of inputs) {
    let stats: Awaited<ReturnType<typeof stat>>;
    try {
      stats = await stat(input);
    } catch (error) {
      failures.push(failedResult(input, 'unreadable_path', `cannot read: ${(error as Error).message}`, 0));
      continue;
    }
    if (!stats.isDirectory()) {
      if (stats.isFile()) add(input);
      else
        failures.push(
          failedResult(
            input,
            'not_regular_file',
            'not a regular file (a device, FIFO or socket); only regular files are read',
            0,
          ),
        );
      continue;
    }
    let found: string[];
    try {
      found = await walkPdfs(input, walked);
    } catch (error) {
      failures.push(failedResult(input, 'unreadable_path', `cannot read folder: ${(error as Error).message}`, 0));
      continue;
    }
    if (found.length === 0) failures.push(failedResult(input, 'unreadable_path', 'folder holds no *.pdf file', 0));
    found.forEach(add);
  }
  return { pdfPaths, failures };
}

/**
 * The *.pdf regular files under `dir`, symlinks followed; `walked` holds the real paths of the folders already walked.
 */
async function walkPdfs(dir: string, walked: Set<string>): Promise<string[]> {
  const real = await realpath(dir);
  if (walked.has(real)) return [];
  walked.add(real);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null); // a dangling link is no PDF
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) found.push(...(await walkPdfs(path, walked)));
    else if (isFile && entry.name.toLowerCase().endsWith('.pdf')) found.push(path);
  }
  return found;
}
