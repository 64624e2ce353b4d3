import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  existsSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/fixtureFiles.js';

/**
 * The package as `npm pack` makes it, installed where a user installs it.
 *
 * 1. The project's package files (package.json, README, tsconfig.json, bin/, src/, docs/) are copied
 *    to a staging folder and `npm pack` runs there: its `prepare` script builds dist/ there, so the
 *    checkout's dist/ is left alone. What goes into the tarball is decided by package.json `files`.
 * 2. The tarball is unpacked into consumer/node_modules/budgetpdf and its bin linked into
 *    node_modules/.bin — what `npm install <tarball>` does with the package's own files.
 * 3. Its dependencies: installing them from the registry takes minutes, and better-sqlite3's install
 *    script would fetch or compile a native binary. Instead each package of the project's
 *    *production* dependency tree (`npm ls --omit=dev`, the lockfile's versions, installed by
 *    `npm ci`) is symlinked into consumer/node_modules. devDependencies (tsx, typescript, vitest)
 *    are not there, so the package can only run from its own dist/ — the test checks tsx does not
 *    resolve from it.
 *
 * Then the CLI runs from the consumer (`--help`, an import of a text-layer PDF and a garbled one, whose
 * pages are OCR'd: extraction workers, pdf.js cmaps and the traineddata are all resolved from the
 * installed location), and so does the README's library example, as written in README.md, both
 * as JavaScript and type-checked against the package's .d.ts files.
 */
const dir = mkdtempSync(join(tmpdir(), 'budgetpdf-packed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stage = join(dir, 'stage');
const consumer = join(dir, 'consumer');
const installed = join(consumer, 'node_modules/budgetpdf');
/**
 * The project's npm .npmrc (onnxruntime-node-install=skip) is not read outside it; nothing is installed here, but npm
 * is told anyway.
 */
const npmEnv = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };

function output(run: SpawnSyncReturns<string>): string {
  return `status ${run.status}\n${run.stdout}\n${run.stderr}`;
}

/** Top-level entries (`name` or `@scope/name`) of the project's node_modules that production needs. */
function productionPackageNames(): string[] {
  const run = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: npmEnv,
  });
  const prefix = `${join(REPO_ROOT, 'node_modules')}/`;
  const names = new Set<string>();
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const parts = line.slice(prefix.length).split('/');
    names.add(parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return [...names].sort();
}

/** The ```ts block under README.md's "## Library API" heading. */
function readmeLibraryExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library API'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md has no ```ts block under ## Library API');
  return match[1]!;
}

describe('the packed package (npm pack → installed tarball)', () => {
  it('leaves fixtures, sources and tests out of the tarball', () => {
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: npmEnv,
    });
    expect(run.status, output(run)).toBe(0);
    const [pack] = JSON.parse(run.stdout) as [{ files: { path: string }[] }];
    const paths = pack.files.map((file) => file.path);
    expect(paths).toContain('bin/budgetpdf.js');
    expect(paths.filter((path) => !/^(dist|bin|docs)\/|^(package\.json|README\.md)$/.test(path))).toEqual([]);
  });

  it('packs, installs and runs: CLI (no tsx) and the README library example', () => {
    mkdirSync(stage);
    for (const file of ['package.json', 'README.md', 'tsconfig.json'])
      copyFileSync(join(REPO_ROOT, file), join(stage, file));
    for (const folder of ['bin', 'src', 'docs'])
      cpSync(join(REPO_ROOT, folder), join(stage, folder), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: stage,
      encoding: 'utf8',
      env: npmEnv,
      timeout: 120_000,
    });
    expect(pack.status, output(pack)).toBe(0);
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as [
      { filename: string; size: number; files: { path: string }[] },
    ];
    const paths = packed.files.map((file) => file.path);
    for (const path of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'dist/batch/extractionWorker.js',
      'bin/budgetpdf.js',
    ])
      expect(paths).toContain(path);
    expect(
      paths.filter((path) => path.startsWith('src/') || path.startsWith('fixtures/') || path.startsWith('tests/')),
    ).toEqual([]);
    expect(packed.size).toBeLessThan(1_000_000);

    mkdirSync(installed, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1'], {
      encoding: 'utf8',
    });
    expect(untar.status, output(untar)).toBe(0);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { budgetpdf: `file:${packed.filename}` },
      }),
    );
    for (const name of productionPackageNames()) {
      mkdirSync(dirname(join(consumer, 'node_modules', name)), { recursive: true });
      symlinkSync(join(REPO_ROOT, 'node_modules', name), join(consumer, 'node_modules', name), 'dir');
    }
    mkdirSync(join(consumer, 'node_modules/.bin'));
    symlinkSync('../budgetpdf/bin/budgetpdf.js', join(consumer, 'node_modules/.bin/budgetpdf'));
    expect(() => createRequire(join(installed, 'package.json')).resolve('tsx/package.json')).toThrow();

    const bin = join(consumer, 'node_modules/.bin/budgetpdf');
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: consumer, encoding: 'utf8' });
    expect(help.status, output(help)).toBe(0);
    expect(help.stdout).toContain('budgetpdf import');

    const input = join(consumer, 'in');
    mkdirSync(input);
    copyFileSync(join(REPO_ROOT, 'fixtures/seed/seed-2022.direct.pdf'), join(input, 'seed-2022.pdf'));
    copyFileSync(join(REPO_ROOT, 'fixtures/scanned/garbled-font-no-tounicode.pdf'), join(input, 'garbled.pdf'));
    const imported = spawnSync(process.execPath, [bin, 'import', 'in', '--db', 'cli.sqlite', '--jobs', '2'], {
      cwd: consumer,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(imported.status, output(imported)).toBe(0);
    expect(imported.stdout).toContain('imported 2, unchanged 0, replaced 0, failed 0 of 2');

    // The README's example, as written: it reads '2024-卫健委.pdf' and the folder 'pdfs/'.
    const health = join(REPO_ROOT, 'fixtures/invented/health-2024.direct.pdf');
    copyFileSync(health, join(consumer, '2024-卫健委.pdf'));
    mkdirSync(join(consumer, 'pdfs'));
    copyFileSync(health, join(consumer, 'pdfs/health-2024.pdf'));
    const example = readmeLibraryExample();
    writeFileSync(join(consumer, 'example.mjs'), example);
    const ran = spawnSync(process.execPath, ['example.mjs'], { cwd: consumer, encoding: 'utf8', timeout: 120_000 });
    expect(ran.status, output(ran)).toBe(0);
    const expected = JSON.parse(
      readFileSync(join(REPO_ROOT, 'fixtures/invented/health-2024.expected.json'), 'utf8'),
    ) as { projects: { name: string }[] };
    for (const project of expected.projects) expect(ran.stdout).toContain(project.name);

    // Type-checked as a consumer's TypeScript: the package's types come from its dist/*.d.ts;
    // @types/node is the consumer's own (linked like the dependencies above), unless the production tree already
    // brought it (it is a dependency of @types/better-sqlite3, which the package's .d.ts need).
    writeFileSync(join(consumer, 'example.ts'), example);
    mkdirSync(join(consumer, 'node_modules/@types'), { recursive: true });
    if (!existsSync(join(consumer, 'node_modules/@types/node'))) {
      symlinkSync(join(REPO_ROOT, 'node_modules/@types/node'), join(consumer, 'node_modules/@types/node'), 'dir');
    }
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const checked = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'ES2022',
        '--module',
        'NodeNext',
        '--moduleResolution',
        'NodeNext',
        '--types',
        'node',
        'example.ts',
      ],
      { cwd: consumer, encoding: 'utf8', timeout: 90_000 },
    );
    expect(output(checked)).toBe('status 0\n\n');
  }, 300_000);
});
