// The build's cut of webextension-polyfill's metadata (scripts/polyfill-metadata.ts): which calls
// a module makes, and what is kept for them. Chromium's side is tests/e2e/polyfill.e2e.test.ts.
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import {
  browserPaths,
  keptMetadata,
  METADATA_PLACEHOLDER,
  metadataLiteral,
  methodsOf,
  withPlaceholder,
} from '../../scripts/polyfill-metadata';

const paths = (code: string) =>
  browserPaths(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as never);

describe('browserPaths: what a module calls', () => {
  it.each([
    ['await browser.storage.local.get("k")', ['storage.local.get']],
    ['browser?.runtime?.id', ['runtime.id']],
    ['browser.tabs.query({}).then(f); browser.tabs.create({ url })', ['tabs.create', 'tabs.query']],
    ['browser.storage.onChanged.addListener(f)', ['storage.onChanged.addListener']],
    // Passed on or taken apart: everything stays.
    ['f(browser)', ['']],
    ['const { storage } = browser; storage.local.get()', ['']],
    ['const area = browser.storage.local; area.get()', ['storage.local']],
    ['browser["tabs"].query()', ['']],
  ])('%s → %j', (code, expected) => {
    expect(paths(code)).toEqual(expected);
  });

  it.each([
    'import { browser } from "wxt/browser";',
    'export { default as browser } from "webextension-polyfill";',
    'globalThis.browser.runtime.id',
    'const o = { browser: 1 }; o.browser',
    'function f(browser) { return 1 }',
    'class A { browser() {} }',
    '// browser.tabs.query()\n"browser.tabs.create"',
  ])('%s is no call', (code) => {
    expect(paths(code)).toEqual([]);
  });
});

describe('keptMetadata: what is kept', () => {
  const { metadata } = withPlaceholder(
    readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8'),
  );

  it('the methods called, where the context has them', () => {
    const used = new Set(['runtime.sendMessage', 'runtime.id', 'storage.local', 'tabs.query']);
    expect(methodsOf(keptMetadata(metadata, ['runtime.sendMessage', 'storage'], used))).toEqual([
      'runtime.sendMessage',
      'storage.local.clear',
      'storage.local.get',
      'storage.local.getBytesInUse',
      'storage.local.remove',
      'storage.local.set',
    ]);
  });

  it('everything the context has when browser is used as a whole', () => {
    const kept = methodsOf(keptMetadata(metadata, ['tabs'], new Set([''])));
    expect(kept).toContain('tabs.captureVisibleTab');
    expect(kept.every((m) => m.startsWith('tabs.'))).toBe(true);
  });

  it('the polyfill source gets the placeholder, and the literal is valid JavaScript', () => {
    const source = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8');
    const { source: replaced } = withPlaceholder(source);
    expect(replaced).toContain(`const apiMetadata = ${METADATA_PLACEHOLDER};`);
    expect(replaced).not.toContain('apiMetadata.privacy');
    const kept = keptMetadata(metadata, ['storage'], new Set(['storage.local.get']));
    expect(new Function(`return ${metadataLiteral(kept)}`)()).toEqual({
      storage: { local: { get: { minArgs: 0, maxArgs: 1 } } },
    });
  });
});
