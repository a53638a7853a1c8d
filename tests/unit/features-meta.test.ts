// Keeps the feature structure honest (cf. refined-github's build/features.test.ts): every file
// in features/ is registered in a content script, matches pages by URL predicates, names real
// pages to try, and is described in the README.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../platform/content/feature-manager';

const files = readdirSync('features').filter((f) => /\.tsx?$/.test(f));
const entrypoints = ['entrypoints/bitbucket.content/index.ts', 'entrypoints/atlassian.content/index.ts'].map(
  (p) => readFileSync(p, 'utf8'),
);
const readme = readFileSync('README.md', 'utf8');

describe.each(files)('features/%s', (file) => {
  const id = file.replace(/\.tsx?$/, '');
  const source = readFileSync(`features/${file}`, 'utf8');

  it('is registered in exactly one content script', () => {
    const registered = entrypoints.filter((e) => e.includes(`'../../features/${id}'`));
    expect(registered).toHaveLength(1);
  });

  it('has include predicates that accept its own Test URLs', async () => {
    const feature = ((await import(`../../features/${id}.tsx`)) as { default: Feature }).default;
    expect(feature.include.length).toBeGreaterThan(0);
    const testUrls = source.slice(source.indexOf('// Test URLs:')).match(/https:\/\/\S+/g) ?? [];
    expect(testUrls.length).toBeGreaterThan(0);
    for (const url of testUrls)
      expect(
        feature.include.some((accepts) => accepts(new URL(url))),
        url,
      ).toBe(true);
  });

  it('is described in the README', () => {
    expect(readme).toContain(`\`${id}\``);
  });
});
