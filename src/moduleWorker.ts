/**
 * Starting a worker thread on one of this package's modules, from dist/ (the built .js beside the caller) or from src/
 * (tsx, vitest: an eval'd bootstrap that registers tsx's ESM loader in the new thread, then imports the .ts entry).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module `name` (without extension) beside the module at `callerUrl`
 * (`import.meta.url`): `name.js` when the caller runs built, `name.ts` through tsx when it runs from source.
 */
export function startModuleWorker(
  callerUrl: string,
  name: string,
  options: Pick<WorkerOptions, 'workerData' | 'resourceLimits'>,
): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const tsxApi = tsxEsmApiUrl(callerUrl);
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(entry)}); })
    .catch((error) => { process.nextTick(() => { throw error; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** tsx's `esm/api` entry for `import` as its package.json exports map names it (require() would give the CJS one). */
function tsxEsmApiUrl(from: string): string {
  const packageJsonPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const target = manifest.exports['./esm/api']?.import?.default;
  if (!target) throw new Error(`tsx at ${dirname(packageJsonPath)} has no ./esm/api export`);
  return pathToFileURL(join(dirname(packageJsonPath), target)).href;
}
