// The tree says which code runs where, and this keeps it true: every import between folders goes
// the way CONTRIBUTING.md draws it. lib/ is pure (no browser, no page, no clock); platform/ is
// split by the context its code runs in; nothing in platform/ reaches up to components/ or features/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['lib', 'platform', 'components', 'features', 'entrypoints'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `platform/content`, `lib`, `features` …: the layer a file belongs to. */
function layerOf(path: string): string {
  const [top = '', sub = ''] = path.split('/');
  return top === 'platform' ? `platform/${sub}` : top;
}

// What each layer may import besides itself. Extension pages' code (platform/pages) and the
// background never share code but through platform/shared; content scripts likewise.
const ALLOWED: Record<string, string[]> = {
  lib: [],
  'platform/shared': ['lib'],
  'platform/background': ['lib', 'platform/shared'],
  'platform/content': ['lib', 'platform/shared'],
  'platform/pages': ['lib', 'platform/shared'],
  components: ['lib', 'platform/shared', 'platform/pages'],
  features: ['lib', 'platform/shared', 'platform/content', 'components'],
  entrypoints: [
    'lib',
    'platform/shared',
    'platform/background',
    'platform/content',
    'platform/pages',
    'components',
    'features',
  ],
};

const files = ROOTS.flatMap(sources);
const imports = files.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => ({
    file,
    target: normalize(join(dirname(file), m[1] ?? '')),
  })),
);

describe('layers', () => {
  it('finds the code (the test would pass on an empty tree otherwise)', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(imports.length).toBeGreaterThan(300);
  });

  it.each(Object.keys(ALLOWED))('%s imports only what its layer may', (layer) => {
    const wrong = imports
      .filter(({ file, target }) => layerOf(file) === layer && layerOf(target) !== layer)
      .filter(({ target }) => !(ALLOWED[layer] ?? []).includes(layerOf(target)))
      .map(({ file, target }) => `${file} → ${target}`);
    expect(wrong).toEqual([]);
  });

  it('lib/ touches no browser API, no page and no clock', () => {
    const code = (file: string) =>
      readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
    const impure = sources('lib').filter((file) =>
      /from 'wxt\/|\bdocument\.[a-z]|\bwindow\.[a-z]|\b(?:browser|chrome)\.(?:runtime|storage|tabs|alarms|notifications|action|commands|management)\b|Date\.now\(\)|new Date\(\)/.test(
        code(file),
      ),
    );
    expect(impure).toEqual([]);
    // Nor any package: lib/ imports only lib/.
    const packages = sources('lib').filter((file) => /\bfrom '(?!\.\/)/.test(code(file)));
    expect(packages).toEqual([]);
  });
});
