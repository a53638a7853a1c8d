#!/usr/bin/env node
// `npm run release`: the store packages from a clean tree. Refuses uncommitted or untracked
// files (they would end up in the AMO sources zip, or be missing from it), then builds and zips
// Chrome (Chrome Web Store), Edge (Edge Add-ons) and Firefox (AMO, with the sources zip AMO
// asks for), checks the Firefox package with web-ext lint, and lists what it made with SHA-256.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT = resolve(process.env.BBAH_OUT_DIR || '.output');
const bin = (name) => resolve('node_modules/.bin', name);
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
if (dirty.trim() !== '' && !process.argv.includes('--allow-dirty')) {
  console.error(`Refusing to release from a dirty tree (commit or stash first):\n${dirty}`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
run(bin('wxt'), ['zip']);
run(bin('wxt'), ['zip', '-b', 'edge']);
run(bin('wxt'), ['zip', '-b', 'firefox']);
run(bin('web-ext'), ['lint', '--source-dir', join(OUT, 'firefox-mv2')]);

const made = readdirSync(OUT).filter((file) => file.endsWith('.zip') && file.includes(`-${version}-`));
console.log(`\nRelease ${version}:`);
for (const file of made.sort()) {
  const path = join(OUT, file);
  const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
  console.log(`  ${file}  ${statSync(path).size} B  sha256 ${sha}`);
}
const expected = ['chrome', 'edge', 'firefox', 'sources'];
const missing = expected.filter((kind) => !made.some((file) => file.endsWith(`-${kind}.zip`)));
if (missing.length > 0) {
  console.error(`Missing packages: ${missing.join(', ')}`);
  process.exit(1);
}
