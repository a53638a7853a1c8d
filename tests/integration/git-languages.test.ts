// git in every language it ships a translation for: the installed git run with LANGUAGE=<lang>
// against the loopback bitbucket.org and sshd, for each failure the diagnoser must name; and, for
// the languages and wordings the installed git lacks, git's output rendered from its po catalogs
// (tests/support/git-l10n.ts), "derived, not captured". Each must give the English answer. The
// renderer is held to the real output wherever git has the language. The run writes the table
// to docs/git-languages.md, and fails when the committed one differed (commit the new one).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CauseKey, diagnose } from '../../lib/diagnose';
import {
  bitbucketResponses as answers,
  type FakeBitbucket,
  startFakeBitbucket,
} from '../support/fake-bitbucket';
import { type FakeSsh, startFakeSsh } from '../support/fake-ssh';
import { CATALOGS, changedSince, error, fatal, PO_REVISIONS, say } from '../support/git-l10n';

const DOC = join(__dirname, '../../docs/git-languages.md');
const GIT_VERSION = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
const INSTALLED = Object.keys(CATALOGS.revisions).find(
  (r) => r === `mo ${GIT_VERSION.replace('git version', 'git')}`,
);
const LATEST = PO_REVISIONS.at(-1) ?? '';
const URL = 'https://bitbucket.org/acme/web-app.git';
const MISSING = 'https://bitbucket.org/acme/missing.git';
const SSH_URL = 'git@bitbucket.org:acme/web-app.git';
const PROMPT_OFF = "could not read Username for 'https://bitbucket.org': terminal prompts disabled";
const HELPER = ['-c', 'credential.helper=!f() { echo username=alice; echo password=not-the-token; }; f'];

interface Run {
  stdout: string;
  stderr: string;
}

interface Scenario {
  title: string;
  /** What the user typed: the first line of the paste. */
  typed: string;
  run: (env: NodeJS.ProcessEnv, dirs: { empty: string; repo: string }) => Promise<Run>;
  /** What git prints on stderr, in `lang` as catalog `revision` has it. */
  render: (revision: string, lang: string) => string;
  /** The keys of the catalog the output shows. */
  shows: string[];
}

let fb: FakeBitbucket;
let sshd: FakeSsh;
let home: string;

function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile('git', args, { env, cwd, timeout: 30_000 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    );
  });
}

const SCENARIOS: Scenario[] = [
  {
    title: 'HTTP 401',
    typed: `git ls-remote ${URL}`,
    run: (env) => git([...HELPER, 'ls-remote', URL], env),
    render: (r, l) => `${fatal(r, l, 'auth_failed', `${URL}/`)}\n`,
    shows: ['fatal', 'auth_failed'],
  },
  {
    title: 'HTTP 404',
    typed: `git ls-remote ${MISSING}`,
    run: (env) => git([...HELPER, 'ls-remote', MISSING], env),
    render: (r, l) => `remote: Not Found\n${fatal(r, l, 'repo_not_found', `${MISSING}/`)}\n`,
    shows: ['fatal', 'repo_not_found'],
  },
  {
    title: 'helper not installed',
    typed: `git ls-remote ${URL}`,
    run: (env) => git(['-c', 'credential.helper=manager-core', 'ls-remote', URL], env),
    render: (r, l) =>
      `${say(r, l, 'not_git_command', 'credential-manager-core')}\n${say(r, l, 'fatal')}${PROMPT_OFF}\n`,
    shows: ['not_git_command', 'fatal'],
  },
  {
    title: 'no terminal',
    typed: `git ls-remote ${URL}`,
    run: (env) => git(['ls-remote', URL], env),
    render: (r, l) => `${say(r, l, 'fatal')}${PROMPT_OFF}\n`,
    shows: ['fatal'],
  },
  {
    title: 'not a repository',
    typed: 'git fetch',
    run: (env, dirs) => git(['fetch'], env, dirs.empty),
    render: (r, l) => `${fatal(r, l, 'not_a_repo', '.git')}\n`,
    shows: ['fatal', 'not_a_repo'],
  },
  {
    title: 'no such remote',
    typed: `git remote set-url origin ${URL}`,
    run: (env, dirs) => git(['remote', 'set-url', 'origin', URL], env, dirs.repo),
    render: (r, l) => `${error(r, l, 'no_such_remote', 'origin')}\n`,
    shows: ['error', 'no_such_remote'],
  },
  {
    title: 'no such remote (remove)',
    typed: 'git remote remove origin',
    run: (env, dirs) => git(['remote', 'remove', 'origin'], env, dirs.repo),
    render: (r, l) => `${error(r, l, 'no_such_remote_colon', 'origin')}\n`,
    shows: ['error', 'no_such_remote_colon'],
  },
  {
    title: 'quotes in the URL',
    typed: `git ls-remote "${URL}"`,
    run: (env) => git(['ls-remote', `"${URL}"`], env),
    render: (r, l) => `${fatal(r, l, 'protocol_unsupported', '"https')}\n`,
    shows: ['fatal', 'protocol_unsupported'],
  },
  {
    title: 'SSH key unknown',
    typed: `git ls-remote ${SSH_URL}`,
    run: (env) =>
      git(['ls-remote', SSH_URL], { ...env, GIT_SSH_COMMAND: sshd.sshCommand({ identity: 'stranger' }) }),
    render: (r, l) =>
      // OpenSSH ends its own line with CRLF.
      `git@bitbucket.org: Permission denied (publickey).\r\n${fatal(r, l, 'could_not_read_remote')}\n`,
    shows: ['fatal', 'could_not_read_remote'],
  },
];

interface Row {
  lang: string;
  /** `captured` from the installed git, or derived from a po catalog revision. */
  source: 'captured' | 'derived';
  revision: string;
  pastes: string[];
}

const installed = (lang: string) => existsSync(`/usr/share/locale/${lang}/LC_MESSAGES/git.mo`);
const languages = Object.keys(CATALOGS.revisions[LATEST]?.languages ?? {}).sort();
const keysOf = SCENARIOS.flatMap((s) => s.shows);
const rows: Row[] = [];
const englishCauses: (CauseKey | 'unknown')[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'git-languages-'));
  fb = await startFakeBitbucket({
    respond: (req) =>
      !req.authorization
        ? answers.unauthorized()
        : req.path.startsWith('/acme/missing.git')
          ? answers.notFound()
          : answers.unauthorized(),
  });
  sshd = await startFakeSsh();
  const env = (lang: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CEILING_DIRECTORIES: tmpdir(),
    LANGUAGE: lang,
    LC_ALL: 'C.UTF-8',
    ...fb.gitEnv,
  });
  const capture = async (lang: string): Promise<Row> => {
    const empty = mkdtempSync(join(tmpdir(), `git-languages-${lang}-`));
    const repo = mkdtempSync(join(tmpdir(), `git-languages-${lang}-repo-`));
    execFileSync('git', ['init', '-q'], { cwd: repo, env: env('C') });
    const pastes: string[] = [];
    for (const s of SCENARIOS) {
      const r = await s.run(env(lang === 'en' ? 'C' : lang), { empty, repo });
      pastes.push(`$ ${s.typed}\n${r.stdout}${r.stderr}`);
    }
    return { lang, source: 'captured', revision: INSTALLED ?? '', pastes };
  };
  const captured = ['en', ...languages.filter(installed)];
  // Four languages at a time: each runs its scenarios in turn.
  for (let i = 0; i < captured.length; i += 4)
    rows.push(...(await Promise.all(captured.slice(i, i + 4).map(capture))));
  for (const lang of languages)
    if (!installed(lang) || (INSTALLED && changedSince(INSTALLED, LATEST, lang, keysOf)))
      rows.push({
        lang,
        source: 'derived',
        revision: LATEST,
        pastes: SCENARIOS.map((s) => `$ ${s.typed}\n${s.render(LATEST, lang)}`),
      });
  // Each language's rows together, the captured one first.
  rows.sort((a, b) => Number(a.lang !== 'en') - Number(b.lang !== 'en') || a.lang.localeCompare(b.lang));
  englishCauses.push(...(rows[0]?.pastes.map((p) => diagnose(p).cause) ?? []));
}, 240_000);

afterAll(async () => {
  await fb?.close();
  await sshd?.close();
});

describe('git in each of its languages', () => {
  it('the installed git and its catalogs: Debian 12 git 2.39.5 has 18 languages; git itself has 20', () => {
    expect(
      INSTALLED,
      `${GIT_VERSION}: regenerate scripts/data/git-l10n with npm run generate:git-l10n`,
    ).toBeDefined();
    expect(rows.filter((r) => r.source === 'captured').length).toBeGreaterThanOrEqual(19);
    expect(languages).toEqual(expect.arrayContaining(['ga', 'uk']));
    expect(rows.filter((r) => r.lang === 'ga' || r.lang === 'uk').map((r) => r.source)).toEqual([
      'derived',
      'derived',
    ]);
  });

  it('English: each failure gives its cause', () => {
    expect(englishCauses).toEqual([
      'invalid-credentials',
      'repo-not-found-or-no-access',
      'credential-helper-misconfigured',
      'no-tty-prompt',
      'not-a-repo-or-no-remote',
      'not-a-repo-or-no-remote',
      'not-a-repo-or-no-remote',
      'bad-remote-url',
      'ssh-publickey',
    ]);
  });

  it('what git printed is what its catalogs render, in every language it has (so derived rows show what git would print)', () => {
    for (const row of rows.filter((r) => r.source === 'captured'))
      SCENARIOS.forEach((s, i) => {
        expect(row.pastes[i], `${row.lang}: ${s.title}`).toBe(
          `$ ${s.typed}\n${s.render(row.revision, row.lang)}`,
        );
      });
  });

  it('every language gives the English cause, and is read as the language git printed', () => {
    for (const row of rows)
      SCENARIOS.forEach((_, i) => {
        const paste = row.pastes[i] ?? '';
        const d = diagnose(paste);
        expect(d.cause, `${row.lang} (${row.source}): ${paste}`).toBe(englishCauses[i]);
        const english = paste === rows[0]?.pastes[i];
        expect(d.context.locale, `${row.lang}: ${paste}`).toBe(english ? 'en' : row.lang);
      });
  });

  it('docs/git-languages.md is the table of this run', () => {
    const table = renderDoc();
    const before = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    writeFileSync(DOC, table);
    expect(before, 'docs/git-languages.md was out of date; this run rewrote it: commit it').toBe(table);
  });
});

function renderDoc(): string {
  const po = (name: string) => {
    const r = CATALOGS.revisions[name];
    return `${r?.describe} (${r?.date}, [po/](${r?.source}))`;
  };
  const source = (row: Row) =>
    row.source === 'captured'
      ? `captured (${GIT_VERSION.replace('git version', 'git')})`
      : `derived, not captured (${CATALOGS.revisions[row.revision]?.describe})`;
  const cell = (row: Row, i: number) => {
    const d = diagnose(row.pastes[i] ?? '');
    const english = row.pastes[i] === rows[0]?.pastes[i];
    return `${d.cause}${english && row.lang !== 'en' ? ' (git prints English)' : ''}`;
  };
  const head = ['Language', 'Source', 'Read as', ...SCENARIOS.map((s) => s.title)];
  const lines = rows.map((row) => {
    const locales = [...new Set(row.pastes.map((p) => diagnose(p).context.locale))].join(', ');
    return `| ${[row.lang, source(row), locales, ...SCENARIOS.map((_, i) => cell(row, i))].join(' | ')} |`;
  });
  return `# git's languages: what the diagnoser answers

Generated by \`tests/integration/git-languages.test.ts\` on every run of the integration tests
(\`npx vitest run --project integration\`); do not edit. The test fails when this file differed
from what it found, and rewrites it.

Each row is a language git ships a translation for; each cell is the cause \`diagnose()\` gives for
what git printed in that language (the command typed, then git's output), which must be the cause
English gives. "Read as" is the language the diagnoser recognised (\`context.locale\`): \`en\` where
git prints that output in English in that language.

- **captured**: the installed git (${GIT_VERSION}, Debian's catalogs) run with \`LANGUAGE=<lang>\`
  \`LC_ALL=C.UTF-8\` against the loopback bitbucket.org (\`tests/support/fake-bitbucket.ts\`) and
  sshd (\`tests/support/fake-ssh.ts\`).
- **derived, not captured**: git's output rendered from git's own catalog, po/<lang>.po at
  ${po(LATEST)}: the languages the installed git lacks, and
  the languages whose wording of these messages changed since ${po(PO_REVISIONS[0] ?? '')}. The
  renderer is checked against every captured row: it renders exactly what git printed.

Scenarios: ${SCENARIOS.map((s) => `**${s.title}** \`${s.typed}\``).join('; ')}.
Why these texts and not others: [docs/evidence/git-messages.md](evidence/git-messages.md).

| ${head.join(' | ')} |
|${head.map(() => '---').join('|')}|
${lines.join('\n')}
`;
}
