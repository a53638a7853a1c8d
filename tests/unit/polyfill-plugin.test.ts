// The build plugin around webextension-polyfill, driven hook by hook as Vite drives it: the
// metadata a build ends with, and the dev server, which renders no chunks.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METADATA_PLACEHOLDER } from '../../scripts/polyfill-metadata';
import { polyfillAsEsm } from '../../scripts/polyfill-plugin';

const ID = '/x/node_modules/webextension-polyfill/dist/browser-polyfill.js';
const SOURCE = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.js', 'utf8');
const context = {
  error: (message: string) => {
    throw new Error(message);
  },
};

type Hook = (this: typeof context, ...args: unknown[]) => unknown;
const hook = (plugin: object, name: string) => (plugin as Record<string, Hook>)[name] as Hook;

function build(command: 'build' | 'serve', input: string, modules: Record<string, string>) {
  const reportDir = mkdtempSync(join(tmpdir(), 'bbah-polyfill-'));
  const [main, calls] = polyfillAsEsm(['runtime', 'storage', 'tabs'], 'chrome-mv3', reportDir);
  if (!main || !calls) throw new Error('two plugins expected');
  hook(main, 'configResolved').call(context, { command });
  hook(main, 'buildStart').call(context, { input: [input] });
  const polyfill = hook(main, 'transform').call(context, SOURCE, ID) as string;
  for (const [id, code] of Object.entries(modules)) hook(calls, 'transform').call(context, code, id);
  const rendered = hook(main, 'renderChunk').call(context, polyfill, { fileName: 'x.js' }) as
    | { code: string }
    | undefined;
  return { polyfill, rendered, reportDir };
}

describe('polyfillAsEsm', () => {
  it('a build keeps the entries of the methods its modules call', () => {
    const { rendered, reportDir } = build('build', '/p/entrypoints/background.ts', {
      '/p/a.js': 'browser.tabs.query({}); browser.storage.local.get("k")',
      '/p/b.js': 'browser.runtime.sendMessage({})',
    });
    expect(rendered?.code).toContain(
      'const apiMetadata = {runtime:{sendMessage:{minArgs:1,maxArgs:3}},storage:{local:{get:{minArgs:0,maxArgs:1}}},tabs:{query:{minArgs:1,maxArgs:1}}};',
    );
    expect(rendered?.code).not.toContain(METADATA_PLACEHOLDER);
    const report = JSON.parse(readFileSync(join(reportDir, 'chrome-mv3', 'background.json'), 'utf8'));
    expect(report.kept).toEqual(['runtime.sendMessage', 'storage.local.get', 'tabs.query']);
  });

  it('a content script keeps only what its world has, whatever its modules call', () => {
    const { rendered, reportDir } = build(
      'build',
      '/p/virtual:wxt-content-script-isolated-world-entrypoint?/p/entrypoints/bitbucket.content/index.ts',
      { '/p/a.js': 'browser.tabs.query({}); browser.runtime.sendMessage({})' },
    );
    expect(rendered?.code).toContain('const apiMetadata = {runtime:{sendMessage:{minArgs:1,maxArgs:3}}};');
    expect(
      JSON.parse(readFileSync(join(reportDir, 'chrome-mv3', 'bitbucket.content.json'), 'utf8')).entry,
    ).toBe('bitbucket.content');
  });

  it('the dev server, which renders no chunks, gets the metadata cut by the context alone', () => {
    const { polyfill } = build('serve', '/p/entrypoints/popup/index.html', {});
    expect(polyfill).not.toContain(METADATA_PLACEHOLDER);
    expect(polyfill).toContain('const apiMetadata = {runtime:');
    expect(polyfill).toContain('captureVisibleTab:');
    expect(polyfill).not.toContain('bookmarks:');
  });

  it('fails the build when the polyfill is not the UMD file it expects', () => {
    const [main] = polyfillAsEsm([], 'chrome-mv3', tmpdir());
    if (!main) throw new Error('plugin expected');
    expect(() => hook(main, 'transform').call(context, 'module.exports = {}', ID)).toThrow(
      /no longer the UMD/,
    );
  });
});
