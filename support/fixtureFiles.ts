import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');

export type FixturePdf = {
  /** Path relative to the repo root, e.g. fixtures/seed/seed-2022.lo-a4.pdf */
  pdfPath: string;
  expectedPath: string;
  /** e.g. seed, invented, phenomena, scanned */
  group: string;
};

function walkPdfs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...walkPdfs(path));
    else if (entry.toLowerCase().endsWith('.pdf')) found.push(path);
  }
  return found;
}

/**
 * The expected records of a fixture PDF: `<name>.expected.json` beside it, where the PDF is
 * `<name>.pdf` or `<name>.<variant>.pdf` (`<variant>` being a producer or a scan, e.g. `lo-a4`, `direct.scan300`).
 */
export function expectedPathFor(pdfPath: string): string | null {
  const dir = dirname(pdfPath);
  const parts = basename(pdfPath)
    .replace(/\.pdf$/i, '')
    .split('.');
  for (let keep = parts.length; keep >= 1; keep -= 1) {
    const candidate = join(dir, `${parts.slice(0, keep).join('.')}.expected.json`);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export function listFixturePdfs(groups: string[]): FixturePdf[] {
  const fixtures: FixturePdf[] = [];
  for (const group of groups) {
    for (const pdf of walkPdfs(join(FIXTURES_DIR, group))) {
      const expected = expectedPathFor(pdf);
      if (!expected) continue;
      fixtures.push({ pdfPath: relative(REPO_ROOT, pdf), expectedPath: relative(REPO_ROOT, expected), group });
    }
  }
  return fixtures;
}

export function readJson(pathFromRoot: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, pathFromRoot), 'utf8'));
}
