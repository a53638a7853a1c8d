// The Firefox build: web-ext lint finds no errors, and Debian's firefox-esr installs and starts
// it headless without an error from the extension. (Firefox can't reach the fixtures'
// https://bitbucket.org routing, so page behaviour is covered by Chromium and by the README's
// manual checks.)
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const FIREFOX_BUILD = resolve('.output/firefox-mv2');
const WEB_EXT = resolve('node_modules/.bin/web-ext');
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));

function requireBuild() {
  if (!existsSync(`${FIREFOX_BUILD}/manifest.json`)) {
    throw new Error(`${FIREFOX_BUILD} is missing: run \`npm run build:firefox\` first (npm test does).`);
  }
}

describe('Firefox build', () => {
  it('passes web-ext lint with no errors', { timeout: 60_000 }, async () => {
    requireBuild();
    const { stdout } = await promisify(execFile)(
      WEB_EXT,
      ['lint', '--source-dir', FIREFOX_BUILD, '--output', 'json'],
      {
        maxBuffer: 10_000_000,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      errors: { code: string; message: string }[];
      summary: { errors: number };
    };
    expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('installs in headless Firefox ESR and starts without extension errors', {
    timeout: 90_000,
  }, async () => {
    requireBuild();
    if (!FIREFOX) throw new Error('No Firefox: apt-get install firefox-esr (.ci/run does).');
    const child = spawn(
      WEB_EXT,
      [
        'run',
        '--source-dir',
        FIREFOX_BUILD,
        '--firefox',
        FIREFOX,
        '--arg=-headless',
        '--no-reload',
        '--no-input',
        '--verbose',
        '--pref',
        'devtools.console.stdout.content=true',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    try {
      await until(() => /Installed .* as a temporary add-on/.test(output), 60_000);
      // Give the background page time to run its start-up (alarm, badge, policy read).
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      await stopFirefox(child);
    }
    expect(output).toMatch(/Installed .* as a temporary add-on/);
    const ours = output
      .split('\n')
      .filter((line) => /moz-extension:\/\/|bbah|bitbucket-auth-helper/i.test(line));
    expect(ours.filter((line) => /error|exception|uncaught/i.test(line))).toEqual([]);
  });
});

function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const tick = () => {
      if (condition()) resolvePromise();
      else if (Date.now() - started > timeoutMs)
        reject(new Error('Firefox did not install the add-on in time'));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

/** SIGTERM to Firefox itself (web-ext's child): web-ext then exits cleanly and removes its profile. */
async function stopFirefox(webExt: ChildProcess) {
  const pid = webExt.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((r) => webExt.once('exit', () => r()));
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    for (const c of children) process.kill(Number(c), 'SIGTERM');
  } catch {
    webExt.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (webExt.exitCode === null) webExt.kill('SIGKILL');
}
