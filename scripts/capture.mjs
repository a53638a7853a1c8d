#!/usr/bin/env node
// `npm run capture`: sanitised snapshots of the live token pages for the replay test, taken in a
// Chromium you sign in to yourself (no extension loaded). See docs/capture.md.
//   npm run capture -- --repo <ws>/<repo> [--project <ws>/<KEY>] [--workspace <ws>] [options]
//   npm run capture -- --self-test        (the fixture pages, headless: what CI can do)
import { parseArgs } from 'node:util';
import { FAMILIES } from './capture/families.mjs';
import { defaultProfileDir, runCapture } from './capture/run.mjs';

const USAGE = `Usage: npm run capture -- [options]

  --repo <ws>/<repo>      capture that repository's access-token pages
  --project <ws>/<KEY>    capture that project's access-token pages
  --workspace <ws>        capture that workspace's access-token pages
  --only <family,…>       only these families (${Object.keys(FAMILIES).join(', ')})
  --tag <name>            add "--<name>" to the file names (e.g. new-nav, expiry-required)
  --redact <text>         also replace this text (repeatable; your e-mail is found by itself)
  --out <dir>             write here instead of tests/fixtures/live/
  --profile <dir>         browser profile (default ${defaultProfileDir()}, or $BBAH_CAPTURE_PROFILE)
  --headless              no window: only when the profile is already signed in
  --self-test             capture the fixture pages instead (headless, no account needed)
  --headed                with --self-test: in a window, to watch the walk

The browser never presses Create, Rotate or Revoke, and never reads a token.`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      repo: { type: 'string' },
      project: { type: 'string' },
      workspace: { type: 'string' },
      only: { type: 'string' },
      tag: { type: 'string' },
      redact: { type: 'string', multiple: true },
      out: { type: 'string' },
      profile: { type: 'string' },
      headless: { type: 'boolean' },
      'self-test': { type: 'boolean' },
      headed: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const only = values.only?.split(',').map((family) => family.trim());
for (const family of only ?? []) {
  if (!(family in FAMILIES)) {
    console.error(`Unknown family "${family}" (known: ${Object.keys(FAMILIES).join(', ')})`);
    process.exit(2);
  }
}
for (const [flag, shape] of [
  ['repo', /^[\w.-]+\/[\w.-]+$/],
  ['project', /^[\w.-]+\/[\w-]+$/],
  ['workspace', /^[\w.-]+$/],
]) {
  if (values[flag] !== undefined && !shape.test(values[flag])) {
    console.error(`--${flag} "${values[flag]}" does not look right\n\n${USAGE}`);
    process.exit(2);
  }
}
if (!values['self-test'] && !values.repo && !values.project && !values.workspace) {
  console.log('No --repo, --project or --workspace: the access-token pages are skipped.');
}

let written;
let problems;
try {
  ({ written, problems } = await runCapture({
    selfTest: values['self-test'],
    outDir: values.out,
    profile: values.profile,
    headless: values.headless,
    headed: values.headed,
    repo: values.repo,
    project: values.project,
    workspace: values.workspace,
    only,
    tag: values.tag,
    redact: values.redact ?? [],
  }));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
if (written.length > 0) {
  console.log(
    'Before committing: open the snapshots in a browser and look for anything of yours that is left.',
  );
}
process.exit(written.length === 0 ? 1 : problems.some((p) => p.includes('NOT written')) ? 1 : 0);
