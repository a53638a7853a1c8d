// The store material stays true to the build: a justification for every permission and host the
// manifest asks for (and none for what it does not), the stores' length limits, the images'
// sizes, the disclaimer, and the privacy policy the options page links to.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRIVACY_PAGE } from '../../components/options/OptionsApp';
import config from '../../wxt.config';

type Manifest = { name: string; permissions: string[]; host_permissions: string[] };
const manifest = (await (config.manifest as (env: object) => Manifest | Promise<Manifest>)({
  browser: 'chrome',
  manifestVersion: 3,
  mode: 'production',
  command: 'build',
})) as Manifest;

const listing = readFileSync('docs/store/listing.md', 'utf8');
const justifications = readFileSync('docs/store/permissions.md', 'utf8');
const between = (text: string, marker: string) =>
  new RegExp(`<!-- ${marker} -->\\n([\\s\\S]*?)\\n<!-- /${marker} -->`).exec(text)?.[1] ?? '';

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('permission justifications (docs/store/permissions.md)', () => {
  const sections = [...justifications.matchAll(/^### (.+)$/gm)].map((m) => m[1]);

  it('one section per permission and per host of the manifest, and no other', () => {
    expect(sections.sort()).toEqual([...manifest.permissions, ...manifest.host_permissions].sort());
  });

  it.each(sections)('%s: says what it is used for in at least one sentence', (section) => {
    const body = justifications.split(`### ${section}\n`)[1]?.split(/\n#{2,3} /)[0] ?? '';
    expect(body.trim().length).toBeGreaterThan(60);
  });
});

describe('listing (docs/store/listing.md)', () => {
  it('names the extension as the manifest does', () => {
    expect(listing).toContain(`## Name\n\n${manifest.name}\n`);
  });

  it('the short description fits the Chrome Web Store summary (132 characters)', () => {
    const short = between(listing, 'short');
    expect(short.length).toBeGreaterThan(40);
    expect(short.length).toBeLessThanOrEqual(132);
  });

  it('the long description says what it does and does not, and that it is not affiliated with Atlassian', () => {
    const long = between(listing, 'long');
    expect(long).toContain('WHAT IT DOES\n');
    expect(long).toContain('WHAT IT DOES NOT DO\n');
    expect(long).toContain('Not affiliated with, endorsed or sponsored by Atlassian');
    // The Chrome Web Store's limit is 16,000 characters.
    expect(long.length).toBeLessThanOrEqual(16_000);
  });
});

describe('images (docs/store/images, npm run store-assets)', () => {
  const images = readdirSync('docs/store/images').filter((file) => file.endsWith('.png'));

  it('five screenshots and the promo tile, each named in the listing', () => {
    expect(images.filter((file) => file.startsWith('screenshot-'))).toHaveLength(5);
    expect(images).toContain('promo-tile-440x280.png');
    for (const image of images) expect(listing).toContain(image);
  });

  it.each(images)('%s has the size the stores ask for', (image) => {
    const expected = image.startsWith('promo-tile') ? [440, 280] : [1280, 800];
    expect(pngSize(`docs/store/images/${image}`)).toEqual(expected);
  });
});

describe('privacy policy', () => {
  it('is the docs/privacy.md the build ships as the options page’s link', () => {
    expect(PRIVACY_PAGE).toBe('/privacy.txt');
    const policy = readFileSync('docs/privacy.md', 'utf8');
    expect(policy).toMatch(/^# Privacy: /);
    for (const permission of [...manifest.permissions, ...manifest.host_permissions]) {
      expect(policy).toContain(`\`${permission}\``);
    }
    expect(existsSync('CHANGELOG.md')).toBe(true);
  });
});
