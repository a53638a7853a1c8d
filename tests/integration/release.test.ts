// The release: `npm run release` refuses a dirty tree, makes the four zips from a clean one, and
// the AMO sources zip builds the exact Firefox package, file for file, as AMO's reviewers must be
// able to (docs/store/amo-reviewer-notes.md).
//
// The clean tree is a `git clone` of this repository (its last commit, without this working
// tree's uncommitted changes) with node_modules linked in, so the release runs its real path, no
// `--allow-dirty`.
//
// The sources zip is unzipped in a temporary folder and built there with the repository's
// node_modules linked in, not `npm ci`: the same locked versions (package-lock.json is in the zip),
// without a second 800-package install in the test. Both builds write to temporary folders
// (BBAH_OUT_DIR), never over .output, which the e2e tests read.
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve('.');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bbah-release-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

// As `npm run release` runs it: not with Vitest's NODE_ENV=test, under which the JSX transform
// writes each component's absolute path into the bundle (seen: the two builds then differ).
const RELEASE_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST.*|TEST|MODE)$/.test(key)),
);

async function zipFirefox(cwd: string, outDir: string): Promise<{ firefox: string; sources: string }> {
  await exec(join(ROOT, 'node_modules/.bin/wxt'), ['zip', '-b', 'firefox'], {
    cwd,
    env: { ...RELEASE_ENV, BBAH_OUT_DIR: outDir },
    maxBuffer: 20_000_000,
  });
  const zips = readdirSync(outDir).filter((file) => file.endsWith('.zip'));
  const firefox = zips.find((file) => file.endsWith('-firefox.zip'));
  const sources = zips.find((file) => file.endsWith('-sources.zip'));
  if (!firefox || !sources) throw new Error(`wxt zip made ${zips.join(', ')}`);
  return { firefox: join(outDir, firefox), sources: join(outDir, sources) };
}

/** The names in a zip, and one of its files as text. */
async function zipListing(zip: string): Promise<string[]> {
  return (await exec('unzip', ['-Z1', zip])).stdout.split('\n').filter(Boolean);
}
async function zipFile(zip: string, file: string): Promise<string> {
  return (await exec('unzip', ['-p', zip, file])).stdout;
}

async function unzip(zip: string, into: string): Promise<void> {
  mkdirSync(into, { recursive: true });
  await exec('unzip', ['-q', zip, '-d', into]);
}

it('npm run release refuses a tree with uncommitted files', async () => {
  const repo = join(tmp, 'dirty');
  mkdirSync(repo);
  await exec('git', ['init', '-q'], { cwd: repo });
  writeFileSync(join(repo, 'stray.txt'), 'not committed');
  const result = await exec('node', [join(ROOT, 'scripts/release.mjs')], { cwd: repo }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Refusing to release from a dirty tree');
  expect(result.stderr).toContain('stray.txt');
});

it('npm run release from a clean tree makes the Chrome, Edge, Firefox and sources zips, lint-clean', {
  timeout: 240_000,
}, async () => {
  const repo = join(tmp, 'clean');
  await exec('git', ['clone', '-q', ROOT, repo]);
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  const outDir = join(tmp, 'out-release');
  const { stdout } = await exec('node', [join(ROOT, 'scripts/release.mjs')], {
    cwd: repo,
    env: { ...RELEASE_ENV, BBAH_OUT_DIR: outDir, NO_COLOR: '1' },
    maxBuffer: 20_000_000,
  });

  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  const name = (kind: string) => `bitbucket-auth-helper-${version}-${kind}.zip`;
  const zip = (kind: string) => join(outDir, name(kind));
  const made = readdirSync(outDir).filter((file) => file.endsWith('.zip'));
  expect(made.sort()).toEqual(['chrome', 'edge', 'firefox', 'sources'].map(name));
  for (const [kind, manifestVersion] of [
    ['chrome', 3],
    ['edge', 3],
    ['firefox', 2],
  ] as const) {
    const files = await zipListing(zip(kind));
    expect(files, kind).toEqual(expect.arrayContaining(['manifest.json', 'icons/128.png']));
    const manifest = JSON.parse(await zipFile(zip(kind), 'manifest.json')) as {
      manifest_version: number;
      icons: Record<string, string>;
    };
    expect(manifest.manifest_version, kind).toBe(manifestVersion);
    expect(manifest.icons['128'], kind).toBe('icons/128.png');
  }
  // web-ext lint's summary on the Firefox build, as the release printed it.
  expect(stdout).toMatch(/^Validation Summary:\s+errors +0 *$/m);
  expect(stdout).toContain(`Release ${version}:`);
});

it('the AMO sources zip builds the same Firefox package, file for file', { timeout: 240_000 }, async () => {
  const fromRepo = await zipFirefox(ROOT, join(tmp, 'out-repo'));

  const sources = join(tmp, 'sources');
  await unzip(fromRepo.sources, sources);
  const inZip = filesUnder(sources);
  // What a reviewer needs, and nothing that is not ours to ship.
  expect(inZip).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts']));
  expect(
    inZip.filter((file) => /(^|\/)(node_modules|\.output|\.git|tests\/fixtures\/dist)\//.test(file)),
  ).toEqual([]);
  symlinkSync(join(ROOT, 'node_modules'), join(sources, 'node_modules'));
  const fromSources = await zipFirefox(sources, join(tmp, 'out-sources'));

  const a = join(tmp, 'firefox-repo');
  const b = join(tmp, 'firefox-sources');
  await unzip(fromRepo.firefox, a);
  await unzip(fromSources.firefox, b);
  const files = filesUnder(a);
  expect(files).toContain('manifest.json');
  expect(files).toContain('icons/128.png');
  expect(filesUnder(b)).toEqual(files);
  const different = files.filter((file) => !readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
  expect(different).toEqual([]);
});
