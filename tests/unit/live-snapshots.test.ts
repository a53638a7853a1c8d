// Every committed snapshot (tests/fixtures/live/, docs/capture.md) is held to what the sanitiser
// promises, whoever committed it and however: a header the replay can use, no scripts, no input
// values, no secrets, no addresses but the stand-ins, and every linked stylesheet present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../scripts/capture/families.mjs';
import { readSnapshots, SOURCES, snapshotFileName } from '../../scripts/capture/snapshot-files.mjs';

const snapshots = readSnapshots();

describe('committed snapshots', () => {
  it('exist', () => {
    expect(snapshots.length).toBeGreaterThan(0);
  });

  it.each(snapshots.map((s) => [s.name, s] as const))('%s is sanitised and replayable', (name, snapshot) => {
    const { meta, html } = snapshot;
    expect(meta, 'header comment').toBeDefined();
    if (!meta) return;
    expect(Object.keys(FAMILIES)).toContain(meta.family);
    expect(SOURCES).toContain(meta.source);
    expect(name.endsWith(snapshotFileName(meta.family, meta.state, meta.tag))).toBe(true);
    // Live captures at the top, the fixture self-test in its own folder: one never overwrites the other.
    expect(name.startsWith('self-test/')).toBe(meta.source === 'fixture-self-test');
    expect(['list', 'form', 'other']).toContain(meta.kind);
    expect(new URL(meta.url).protocol).toBe('https:');
    expect(meta.captured).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // happy-dom would try to fetch the linked stylesheets: they are checked by name below instead.
    const doc = new DOMParser().parseFromString(
      html.replace(/<link rel="stylesheet"/g, '<link rel="x"'),
      'text/html',
    );
    const all = [
      doc,
      ...[...doc.querySelectorAll('template')].map((t) => (t as HTMLTemplateElement).content),
    ];
    for (const root of all) {
      expect(
        root.querySelectorAll('script, iframe[src], object, embed, base, link:not([data-capture-sheet])'),
      ).toHaveLength(0);
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) {
          expect(attribute, `${element.localName}[${attribute}]`).not.toMatch(
            /^on|^data-bbah|^data-credential-status$/,
          );
        }
        expect(element.localName).not.toMatch(/^bbah-/);
      }
      for (const input of root.querySelectorAll('input[value]')) {
        expect(['checkbox', 'radio', 'submit', 'button', 'reset']).toContain(input.getAttribute('type'));
      }
      for (const area of root.querySelectorAll('textarea')) expect(area.textContent).toBe('');
    }
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/\b(?:ATATT3x|ATCTT|ATBB)[A-Za-z0-9_=+/-]{6,}/);
    const addresses =
      html.match(
        /(?<![\w.%+/-])[\w.%+-]+@(?!bitbucket\.org\b)[\w-]+(?:\.[\w-]+)*\.(?!(?:png|jpe?g|gif|svg|webp|css|js)\b)[A-Za-z]{2,}/g,
      ) ?? [];
    expect(addresses.filter((a) => !a.endsWith('@example.invalid'))).toEqual([]);
    for (const [, hash] of html.matchAll(/href="styles\/([0-9a-f]{16})\.css"/g)) {
      expect(existsSync(join(snapshot.dir, 'styles', `${hash}.css`)), `styles/${hash}.css`).toBe(true);
    }
  });
});
