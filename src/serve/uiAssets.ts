/**
 * The workspace's front end: plain HTML, CSS and ES modules in `src/serve/ui/` (copied to
 * `dist/serve/ui/` by `npm run build`; no bundler, no CDN). Read once at start-up into a fixed map by
 * name: a request names an asset, never a path.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The asset files and their types; nothing else is served. */
export const UI_ASSET_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** Where index.html takes the session token (hex only, so it needs no escaping). */
const TOKEN_PLACEHOLDER = '%SESSION_TOKEN%';

export type UiAsset = { contentType: string; body: (token: string) => string };
export type UiAssets = Map<string, UiAsset>;

/** `ui/` beside this module (src/serve/ui under tsx, dist/serve/ui when built). */
export function uiAssetsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'ui');
}

export function loadUiAssets(dir: string = uiAssetsDir()): UiAssets {
  const assets: UiAssets = new Map();
  for (const [name, contentType] of Object.entries(UI_ASSET_TYPES)) {
    const text = readFileSync(join(dir, name), 'utf8');
    assets.set(name, {
      contentType,
      body: (token) => {
        if (!/^[0-9a-f]+$/.test(token)) throw new Error('session token must be hex');
        return name === 'index.html' ? text.replaceAll(TOKEN_PLACEHOLDER, token) : text;
      },
    });
  }
  return assets;
}
