// The snapshot files of the capture kit: `<family>--<state>[--<tag>].html` in tests/fixtures/live/
// (captured from the live sites) or tests/fixtures/live/self-test/ (captured from the fixture
// pages), each with a header comment holding its metadata as JSON, and the big stylesheets stored
// once per folder in `styles/<hash>.css`. Plain JavaScript: the capture script and the replay
// routes (tests/support/replay-routes.mjs) both read and write these.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// From the path, not `new URL(…)`: under happy-dom `URL` is not Node's.
export const LIVE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'tests',
  'fixtures',
  'live',
);
export const SELF_TEST_DIR = join(LIVE_DIR, 'self-test');
export const SOURCES = ['live', 'fixture-self-test'];
/** Bumped when the header or the file layout changes. */
export const KIT_VERSION = 1;

const HEADER = /^<!DOCTYPE html>\n<!-- bbah-capture (\{.*\}) -->\n/;
// Sheets smaller than this stay inline: not worth a file.
const SHARED_SHEET_MIN = 2048;
const INLINE_SHEET = /<style data-capture-sheet=""([^>]*)>([\s\S]*?)<\/style>/g;
const SHARED_SHEET =
  /<link rel="stylesheet" href="styles\/([0-9a-f]{16})\.css" data-capture-sheet=""([^>]*)>/g;

export function snapshotFileName(family, state, tag) {
  for (const part of [family, state, tag ?? 'x']) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(part)) throw new Error(`Not a file-name part: "${part}"`);
  }
  return `${family}--${state}${tag ? `--${tag}` : ''}.html`;
}

/** The snapshot with its metadata in a comment right after the doctype. */
export function withHeader(html, meta) {
  // `--` ends a comment; inside JSON strings it can be written as `-\u002d`.
  const json = JSON.stringify(meta).replace(/--/g, '-\\u002d');
  return html.replace(
    /^<!DOCTYPE html>\n(?:<!-- bbah-capture .* -->\n)?/,
    `<!DOCTYPE html>\n<!-- bbah-capture ${json} -->\n`,
  );
}

/** The metadata of a snapshot, or undefined when it has no valid header. */
export function readHeader(html) {
  const match = HEADER.exec(html);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Writes `html` (with its header) as `dir/fileName`; stylesheets of 2 KB or more go to
 * `dir/styles/<sha256:16>.css` and are linked, so forty snapshots of one site hold its CSS once.
 */
export function writeSnapshot(dir, fileName, html, meta) {
  mkdirSync(join(dir, 'styles'), { recursive: true });
  const body = withHeader(html, meta).replace(INLINE_SHEET, (whole, attributes, css) => {
    if (css.length < SHARED_SHEET_MIN) return whole;
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 16);
    const file = join(dir, 'styles', `${hash}.css`);
    if (!existsSync(file)) writeFileSync(file, css);
    return `<link rel="stylesheet" href="styles/${hash}.css" data-capture-sheet=""${attributes}>`;
  });
  const path = join(dir, fileName);
  writeFileSync(path, body);
  return path;
}

/** Removes the shared stylesheets no snapshot of `dir` links any more. */
export function pruneStyles(dir) {
  const stylesDir = join(dir, 'styles');
  if (!existsSync(stylesDir)) return 0;
  const used = new Set();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.html')) continue;
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(SHARED_SHEET)) used.add(match[1]);
  }
  let removed = 0;
  for (const file of readdirSync(stylesDir)) {
    if (!used.has(file.replace(/\.css$/, ''))) {
      rmSync(join(stylesDir, file));
      removed++;
    }
  }
  return removed;
}

/** The snapshot as the browser should get it: the shared stylesheets put back inline. */
export function inlineStyles(html, dir) {
  return html.replace(SHARED_SHEET, (_whole, hash, attributes) => {
    const css = readFileSync(join(dir, 'styles', `${hash}.css`), 'utf8');
    return `<style data-capture-sheet=""${attributes}>${css}</style>`;
  });
}

/**
 * Every snapshot under `root` (its subfolders too, `styles/` aside), sorted by path:
 * `{ name, path, dir, meta, html }` with `html` as stored (styles linked) and `meta` the header.
 */
export function readSnapshots(root = LIVE_DIR) {
  const found = [];
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.isDirectory() && entry.name !== 'styles') visit(join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.html')) {
        const path = join(dir, entry.name);
        const html = readFileSync(path, 'utf8');
        found.push({ name: relative(root, path), path, dir, meta: readHeader(html), html });
      }
    }
  };
  visit(root);
  return found;
}
