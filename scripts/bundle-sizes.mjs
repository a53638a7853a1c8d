// What each part of the built Chrome extension costs to load, gzip -9 bytes: the budgets of the
// issues are about these (README "Performance"). Used by the benchmark and by
// tests/integration/bundle-sizes.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The JS a page loads: its module script and the chunks it preloads. */
function pageScripts(dir, html) {
  const text = readFileSync(join(dir, html), 'utf8');
  return [...text.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => join(dir, m[1]));
}

/** The lazy chunk whose name starts with `prefix` (Vite adds a hash). */
function chunk(dir, prefix) {
  const names = readdirSync(join(dir, 'chunks')).filter((f) => f.startsWith(`${prefix}-`));
  if (names.length !== 1) throw new Error(`expected one chunks/${prefix}-*.js, found ${names.length}`);
  return join(dir, 'chunks', names[0]);
}

/** `files` and every chunk they import, statically or with import(). */
function withImports(files) {
  const all = new Set(files);
  for (const file of all) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      all.add(join(dirname(file), m[1]));
    }
  }
  return [...all];
}

export function bundleSizes(dir = EXTENSION_DIR) {
  const popup = pageScripts(dir, 'popup.html');
  const initial = popup.reduce((n, f) => n + gz(f), 0);
  const sizes = {
    'popup JS at open (Fix view)': initial,
    'popup JS with the diagnoser (loaded with its tab)': initial + gz(chunk(dir, 'DiagnoseView')),
    'popup JS, every chunk it can load': withImports(popup).reduce((n, f) => n + gz(f), 0),
    'options JS (all chunks)': withImports(pageScripts(dir, 'options.html')).reduce((n, f) => n + gz(f), 0),
    'background.js': gz(join(dir, 'background.js')),
  };
  for (const f of readdirSync(join(dir, 'content-scripts')).filter((name) => name.endsWith('.js'))) {
    sizes[`content-scripts/${f}`] = gz(join(dir, 'content-scripts', f));
  }
  return sizes;
}
