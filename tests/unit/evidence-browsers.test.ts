// Every citation of docs/evidence/browsers.md in the repository names a section that is there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const SKIP = new Set(['node_modules', '.output', '.wxt', '.git', 'dist', 'test-results', '.tmp']);
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|mjs|md|svg|css)$/.test(name) ? [path] : [];
  });
}

const anchors = new Set(
  [...readFileSync('docs/evidence/browsers.md', 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]),
);
const citations = files('.').flatMap((path) =>
  [...readFileSync(path, 'utf8').matchAll(/docs\/evidence\/browsers\.md#([\w-]+)/g)].map((m) => [path, m[1]]),
);

it('browsers.md is cited, and every citation names one of its sections', () => {
  expect(citations.length).toBeGreaterThan(5);
  expect(citations.filter(([, anchor]) => !anchors.has(anchor ?? ''))).toEqual([]);
});
