#!/usr/bin/env node
// The `budgetpdf` command. In a checkout (src/ beside bin/, tsx installed) it runs the TypeScript
// source through tsx, so an edit is never hidden by an older build; in an installed package (no
// src/, no tsx: package.json "files" ships dist/ and bin/ only) it runs the built CLI in dist/.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);

/** tsx's ESM API when this is a checkout with its dev dependencies installed, else null. */
async function tsxApi() {
  if (!existsSync(fileURLToPath(source))) return null;
  try {
    createRequire(import.meta.url).resolve('tsx/package.json');
  } catch {
    return null;
  }
  return import('tsx/esm/api');
}

let cli;
const tsx = await tsxApi();
if (tsx) {
  tsx.register();
  cli = await import(source.href);
} else if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  process.stderr.write(
    `budgetpdf: ${fileURLToPath(built)} is missing; run \`npm run build\` (or \`npm ci\`, which builds it)\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
