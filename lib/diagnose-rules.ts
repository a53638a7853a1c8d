// The diagnoser's data: cause keys and their texts, and the telltale lines that name them.
// Keys and telltales: ../shared/git-credentials.md §4; timeline and kinds: bitbucket-facts.md §1–§2.
// Lines marked "real" were printed by git 2.39.5 / curl 7.88 (gnutls) / OpenSSH 9.2 against
// tests/support/fake-bitbucket.ts and fake-ssh.ts (tests/integration/diagnose-real-git.test.ts).
// Translations are git's own, read with `msgunfmt` from Debian's git 2.39 .mo files; the msgid is
// given with each. This table ships in the popup: keep it small.

export const CAUSE_KEYS = [
  'password-auth-removed',
  'app-password-removed',
  'token-missing-scope',
  'invalid-credentials',
  'wrong-username',
  'bad-remote-url',
  'repo-not-found-or-no-access',
  'two-step-required',
  'ip-allowlist',
  'ssh-publickey',
  'ssh-host-key',
  'ssh-deploy-key-readonly',
  'no-tty-prompt',
  'credential-helper-misconfigured',
  'credential-helper-stale',
  'network-or-proxy',
  'tls-certificate',
  'not-a-repo-or-no-remote',
  'repo-size-limit',
] as const;
export type CauseKey = (typeof CAUSE_KEYS)[number];

/**
 * How specific a rule is; lower wins (the ranking). 0: a server text naming one cause;
 * 1: a git/curl/GCM/ssh text naming one cause; 4: a status or a generic authentication line.
 * 2 (what the URL shows) and 3 (GCM's generic line before a password prompt) are derived in code.
 */
export type Tier = 0 | 1 | 2 | 3 | 4;

/**
 * `[cause, tier, needle]`: the needle is a lowercase substring of a cleaned line; `&&` joins parts
 * that must all appear. Per line the first rule in this order wins, so specific texts come before
 * the general ones they contain (deploy key before `conq: repository access denied`, German
 * "Remote-Repository … nicht gefunden" before "Repository '…' nicht gefunden"). A `null` cause
 * marks a line we recognise but that names no cause (shown when the answer is `unknown`).
 */
export type Rule = readonly [CauseKey | null, Tier, string];

export const RULES: readonly Rule[] = [
  // Server texts (Bitbucket's `remote:` and `conq:` lines stay English in every locale).
  ['app-password-removed', 0, 'change-3222'], // real (410 body), facts §1
  ['app-password-removed', 0, 'app passwords are deprecated'],
  ['password-auth-removed', 0, 'stopped supporting account passwords'], // facts §1, 2022-03-01
  ['token-missing-scope', 0, 'required privilege scopes'], // real (403 body)
  ['token-missing-scope', 0, 'has no bitbucket scopes'], // facts §3: "API Token provided has no Bitbucket scopes"
  ['token-missing-scope', 0, 'failed to get user details'], // Sourcetree: /2.0/user needs read:user
  ['two-step-required', 0, 'enable two-step'],
  ['two-step-required', 0, 'two-step verification'],
  ['ip-allowlist', 0, 'whitelist your ip'],
  ['ip-allowlist', 0, 'allowlist your ip'],
  ['ip-allowlist', 0, 'ip allowlist'],
  ['ssh-deploy-key-readonly', 0, 'deployment key is read-only'],
  ['repo-not-found-or-no-access', 0, 'conq: repository does not exist'], // real (forced command)
  ['repo-not-found-or-no-access', 0, 'conq: repository access denied'],
  ['repo-not-found-or-no-access', 0, 'either does not exist or you do not have access'],
  ['repo-not-found-or-no-access', 0, 'may not have access to this repository'], // wording varies (§4)
  ['repo-not-found-or-no-access', 0, 'no longer exists in this workspace'],
  ['repo-size-limit', 0, 'pack exceeds maximum allowed size'], // real (receive.maxInputSize), Bitbucket same
  ['repo-size-limit', 0, 'over the size limit'],
  // git, curl, GCM and ssh texts.
  ['bad-remote-url', 1, 'bad/illegal format'], // real: curl on spaces, or an unencoded e-mail
  ['bad-remote-url', 1, 'url rejected:'], // curl: "URL rejected: Port number was not a decimal number…"
  ['bad-remote-url', 1, 'malformed input to a url'],
  ['bad-remote-url', 1, 'unencrypted http is not recommended'], // GCM
  ['bad-remote-url', 1, "protocol '&&' is not supported"], // real: quotes pasted into the URL
  ['bad-remote-url', 1, "don't handle protocol"],
  ['bad-remote-url', 1, 'ssh: bad port'],
  ['credential-helper-misconfigured', 1, 'credential-&&is not a git command'], // real
  ['credential-helper-misconfigured', 1, 'credential-&&ist kein git-befehl'], // de "git: '%s' is not a git command. See 'git --help'."
  ['credential-helper-misconfigured', 1, "credential-&&n'est pas une commande git"], // fr, same msgid
  ['credential-helper-misconfigured', 1, 'credential-&&no es un comando de git'], // es, same msgid
  ['credential-helper-misconfigured', 1, 'credential-&&不是一个 git 命令'], // zh_CN, same msgid
  ['credential-helper-misconfigured', 1, 'no credential store has been selected'], // GCM on Linux
  ['credential-helper-misconfigured', 1, 'unable to persist credentials'], // GCM
  ['credential-helper-misconfigured', 1, 'credential-cache unavailable'],
  ['no-tty-prompt', 1, 'terminal prompts disabled'], // real; git does not translate it
  ['no-tty-prompt', 1, 'could not read username for'],
  ['no-tty-prompt', 1, 'could not read password for'],
  ['no-tty-prompt', 1, 'cannot prompt because'], // GCM: "…user interactivity has been disabled."
  ['no-tty-prompt', 1, 'unable to read askpass response'],
  ['ssh-publickey', 1, 'permission denied (publickey'], // real
  ['ssh-host-key', 1, 'host key verification failed'], // real
  ['ssh-host-key', 1, 'remote host identification has changed'], // real
  ['ssh-host-key', 1, 'host key is known for'], // real: "No ED25519 host key is known for bitbucket.org"
  ['ssh-host-key', 1, 'authenticity of host'],
  ['tls-certificate', 1, 'ssl certificate problem'],
  ['tls-certificate', 1, 'certificate verification failed'], // real (gnutls): "server certificate verification failed"
  ['tls-certificate', 1, 'certificate verify failed'],
  ['tls-certificate', 1, 'schannel:'], // Windows: revocation checks, untrusted roots
  ['network-or-proxy', 1, 'could not resolve host'], // real; also ssh's "Could not resolve hostname"
  ['network-or-proxy', 1, 'could not resolve proxy'], // real
  ['network-or-proxy', 1, 'connect tunnel failed'], // real: "CONNECT tunnel failed, response 407"
  ['network-or-proxy', 1, 'from proxy after connect'],
  ['network-or-proxy', 1, 'failed to connect to'], // real
  ['network-or-proxy', 1, 'connection timed out'],
  ['network-or-proxy', 1, 'operation timed out'],
  ['network-or-proxy', 1, 'connection refused'],
  ['network-or-proxy', 1, 'network is unreachable'],
  ['network-or-proxy', 1, 'kex_exchange_identification'],
  ['network-or-proxy', 1, 'gnutls_handshake() failed'],
  ['network-or-proxy', 1, 'ssl_error_syscall'],
  // "No such remote '%s'" / "No such remote: '%s'" and "not a git repository (or any of the parent
  // directories): %s"; before the repository-not-found texts (German shares their words).
  ['not-a-repo-or-no-remote', 1, 'no such remote'], // real
  ['not-a-repo-or-no-remote', 1, 'remote-repository&&nicht gefunden'], // de
  ['not-a-repo-or-no-remote', 1, 'pas de serveur remote'], // fr
  ['not-a-repo-or-no-remote', 1, 'no existe el remoto'], // es
  ['not-a-repo-or-no-remote', 1, '没有此远程'], // zh_CN
  ['not-a-repo-or-no-remote', 1, 'not a git repository'], // real
  ['not-a-repo-or-no-remote', 1, 'kein git-repository'], // de
  ['not-a-repo-or-no-remote', 1, "n'est un dépôt git"], // fr
  ['not-a-repo-or-no-remote', 1, 'no es un repositorio git'], // es
  ['not-a-repo-or-no-remote', 1, '不是 git 仓库'], // zh_CN
  ['not-a-repo-or-no-remote', 1, 'does not appear to be a git repository'], // real; untranslated in 2.39
  ['not-a-repo-or-no-remote', 1, 'no configured push destination'],
  ['repo-size-limit', 1, 'returned error: 413'], // also "RPC failed; HTTP 413 curl 22 …"
  // "repository '%s' not found" (real on 404, with `remote: Not Found`).
  ['repo-not-found-or-no-access', 1, "repository '&&' not found"],
  ['repo-not-found-or-no-access', 1, "repository '&&' nicht gefunden"], // de
  ['repo-not-found-or-no-access', 1, "dépôt '&&' non trouvé"], // fr
  ['repo-not-found-or-no-access', 1, "repositorio '&&' no encontrado"], // es
  ['repo-not-found-or-no-access', 1, "仓库 '&&' 未找到"], // zh_CN
  ['repo-not-found-or-no-access', 1, 'repository not found'],
  ['repo-not-found-or-no-access', 1, 'remote: not found'], // real (404 body)
  // Status alone and generic authentication lines: "Authentication failed for '%s'" (real on 401).
  ['app-password-removed', 4, 'returned error: 410'], // real
  ['invalid-credentials', 4, 'returned error: 401'],
  ['invalid-credentials', 4, 'authentication failed'], // real: "Authentication failed for '%s'"
  ['invalid-credentials', 4, 'authentifizierung fehlgeschlagen für'], // de
  ['invalid-credentials', 4, "échec d'authentification pour"], // fr
  ['invalid-credentials', 4, 'autenticación falló para'], // es (2.39)
  ['invalid-credentials', 4, 'falló la autenticación'], // es, later po wording [not seen in 2.39: low confidence]
  ['invalid-credentials', 4, '鉴权失败'], // zh_CN
  ['invalid-credentials', 4, '认证失败'], // zh_CN, other wording [not seen in 2.39: low confidence]
  ['invalid-credentials', 4, 'invalid credentials'], // server `remote:` and GCM `fatal:`
  ['invalid-credentials', 4, 'invalid username or password'],
  ['repo-not-found-or-no-access', 4, 'returned error: 403'], // real (with no telling message)
  ['repo-not-found-or-no-access', 4, 'returned error: 404'],
  ['repo-not-found-or-no-access', 4, 'does not indicate success: 403'], // GCM's .NET HttpClient
  ['invalid-credentials', 4, 'does not indicate success: 401'],
  // After the status rules: "RPC failed; curl 22 The requested URL returned error: 410" is a status.
  ['network-or-proxy', 1, 'rpc failed; curl'],
  // Recognised, no cause of their own.
  [null, 4, 'could not read from remote repository'], // real, every ssh failure
  [null, 4, 'konnte nicht vom remote-repository lesen'], // de
  [null, 4, 'impossible de lire le dépôt distant'], // fr
  [null, 4, 'no se pudo leer del repositorio remoto'], // es
  [null, 4, '无法读取远程仓库'], // zh_CN
  [null, 4, 'remote end hung up'],
  [null, 4, 'returned error:'],
  [null, 4, 'unable to access'],
];

/**
 * git's `fatal: ` (msgid "fatal: ") per locale, after the no-break space is made a space, and
 * texts that tell Spanish from English (Spanish keeps `fatal: `). Only these four locales are
 * matched; git ships no Japanese. zh_CN uses a full-width colon.
 */
export const LOCALE_MARKERS: readonly (readonly [string, string])[] = [
  ['de', 'schwerwiegend: '],
  ['de', 'fehler: '],
  ['de', 'klone nach '], // "Cloning into '%s'...\n"
  ['de', 'ist kein git-befehl'],
  ['de', 'nicht gefunden'],
  ['fr', 'fatal : '],
  ['fr', 'erreur : '],
  ['fr', 'clonage dans '],
  ['fr', 'une commande git'],
  ['zh_CN', '致命错误：'],
  ['zh_CN', '错误：'],
  ['zh_CN', '正克隆到'],
  ['zh_CN', 'git 命令'],
  ['es', 'no es posible acceder'], // "unable to access '%s': %s"
  ['es', 'autenticación falló'],
  ['es', 'clonando en '],
  ['es', 'no se pudo leer'],
  ['es', 'repositorio '],
  ['es', 'el remoto'],
  ['es', 'comando de git'],
  ['en', 'fatal: '],
  ['en', 'error: '],
];

export type FixKind = 'https-token' | 'ssh' | 'helper' | 'network' | 'none';

/** Ids of lib/presets.ts BUILT_IN_PRESETS (bitbucket-facts.md §3 "Recommended least-privilege sets"). */
export type TokenPreset = 'git-read' | 'git-push' | 'git-ide' | 'sourcetree';

export interface CauseInfo {
  title: string;
  /** Plain language, 1–3 sentences. */
  explanation: string;
  fixKind: FixKind;
  /** The token preset to link when a new token is the answer. */
  preset?: TokenPreset;
  /** What to check next if the fix does not help. */
  nextChecks: string[];
}

// Short on purpose: this ships in the popup. Facts behind each: bitbucket-facts.md §1–§3 and
// git-credentials.md §2 (erase), §4 (causes).
const ERASE = 'Erase the stored bitbucket.org credential, then retry: git should ask again.';
const USERNAME = 'Log in with your Bitbucket username (Personal settings), never your e-mail.';
const SCOPED = 'Create the token with "Create API token with scopes" and pick Bitbucket.';
const SSH_T = 'Check with `ssh -T git@bitbucket.org`.';
const HELPERS = 'List helpers: `git config --show-origin --get-regexp "credential.*helper"`.';

export const CAUSE_INFO: Record<CauseKey | 'unknown', CauseInfo> = {
  'password-auth-removed': {
    title: 'Account passwords no longer work for git',
    explanation:
      'Since March 2022 Bitbucket refuses your Atlassian password for git. Use an API token instead.',
    fixKind: 'https-token',
    preset: 'git-push',
    nextChecks: [SCOPED, USERNAME, ERASE],
  },
  'app-password-removed': {
    title: 'App passwords have been removed',
    explanation:
      'Bitbucket removed app passwords on 28 July 2026. Replace yours with an API token; git keeps the old one until you erase it.',
    fixKind: 'https-token',
    preset: 'git-push',
    nextChecks: [ERASE, 'Replace the app password in CI variables, IDEs and scripts too.', USERNAME],
  },
  'token-missing-scope': {
    title: 'The token lacks a scope',
    explanation:
      'The token works but lacks a permission. Scopes do not include each other: push needs repository read and write, and Git Credential Manager or Sourcetree also need read:user.',
    fixKind: 'https-token',
    preset: 'git-push',
    nextChecks: ['Compare "View scopes" in the token list with the preset.', ERASE],
  },
  'invalid-credentials': {
    title: 'Bitbucket rejected the username or token',
    explanation: 'The token is mistyped, revoked or expired, or the username is wrong.',
    fixKind: 'https-token',
    preset: 'git-push',
    nextChecks: [USERNAME, 'Check the token has not expired or been revoked.', ERASE],
  },
  'wrong-username': {
    title: 'Your e-mail was used as git username',
    explanation:
      'With an API token git needs your Bitbucket username (or x-bitbucket-api-token-auth), not the e-mail, which only the REST API takes.',
    fixKind: 'https-token',
    nextChecks: ['Look for the e-mail in `git remote -v` and credential.username.', ERASE],
  },
  'bad-remote-url': {
    title: 'The remote URL is malformed',
    explanation: 'Git cannot parse the address: a space, quote, unencoded e-mail or stray character.',
    fixKind: 'https-token',
    nextChecks: ['Show it with `git remote -v`.', USERNAME],
  },
  'repo-not-found-or-no-access': {
    title: 'Repository not found, or no access',
    explanation:
      'The repository does not exist or your account cannot see it; Bitbucket says the same for both.',
    fixKind: 'none',
    nextChecks: [
      'Compare workspace and repository names with the browser.',
      'A stored credential of another account may be replayed: erase it.',
      'Git Credential Manager also needs read:user.',
    ],
  },
  'two-step-required': {
    title: 'Two-step verification required',
    explanation: 'The workspace requires two-step verification; turn it on for your account.',
    fixKind: 'none',
    nextChecks: ['Ask a workspace admin if this is new.'],
  },
  'ip-allowlist': {
    title: 'Your IP address is not allowed',
    explanation:
      'The workspace only accepts listed IP addresses. Use the company network or VPN, or ask an admin.',
    fixKind: 'none',
    nextChecks: ['Ask a workspace admin to add your public IP.'],
  },
  'ssh-publickey': {
    title: 'Bitbucket does not know your SSH key',
    explanation:
      'No key ssh offered is on your Bitbucket account. Add your public key, or make ssh offer the right one.',
    fixKind: 'ssh',
    nextChecks: ['See the keys offered: `ssh -vT git@bitbucket.org`.', SSH_T],
  },
  'ssh-host-key': {
    title: 'Unknown or changed SSH host key',
    explanation:
      'ssh does not trust the key bitbucket.org showed: none is stored, or an old one (keys changed in 2023).',
    fixKind: 'ssh',
    nextChecks: ['Compare the fingerprint with Atlassian’s before accepting.', SSH_T],
  },
  'ssh-deploy-key-readonly': {
    title: 'A read-only deploy key was used to push',
    explanation: 'Access keys can only read. Push with your personal SSH key or a token with write access.',
    fixKind: 'ssh',
    nextChecks: ['Set IdentityFile for bitbucket.org in ~/.ssh/config.', SSH_T],
  },
  'no-tty-prompt': {
    title: 'Git could not ask for a password',
    explanation:
      'Git had no stored credential and could not prompt (CI, an IDE, GIT_TERMINAL_PROMPT=0). Provide one ahead of time.',
    fixKind: 'https-token',
    preset: 'git-read',
    nextChecks: ['In CI, read the token from a secured variable.', HELPERS],
  },
  'credential-helper-misconfigured': {
    title: 'The credential helper is broken',
    explanation: 'Git is set to use a credential helper that is missing or not set up.',
    fixKind: 'helper',
    nextChecks: [HELPERS, 'Git Credential Manager is now called manager, not manager-core.'],
  },
  'credential-helper-stale': {
    title: 'An old credential is being replayed',
    explanation:
      'Git keeps sending a stored credential, here one written into the remote URL, so a new token is never used.',
    fixKind: 'helper',
    nextChecks: ['Revoke the token that was in the URL: .git/config keeps it in plain text.', ERASE],
  },
  'network-or-proxy': {
    title: 'Git could not reach bitbucket.org',
    explanation: 'The connection failed before Bitbucket answered: network, DNS, firewall or proxy.',
    fixKind: 'network',
    nextChecks: [
      'Check proxies: `git config --get-regexp proxy` and HTTPS_PROXY.',
      'SSH blocked? Try altssh.bitbucket.org port 443.',
    ],
  },
  'tls-certificate': {
    title: 'The HTTPS certificate was not trusted',
    explanation: 'Usually a company proxy re-signs HTTPS with a certificate authority git does not know.',
    fixKind: 'network',
    nextChecks: ['Set http.sslCAInfo to the company root certificate.', 'Never turn off http.sslVerify.'],
  },
  'not-a-repo-or-no-remote': {
    title: 'Not in a repository, or no such remote',
    explanation: 'Git ran outside a repository, or the remote (usually origin) does not exist.',
    fixKind: 'none',
    nextChecks: ['`cd` into the repository; list remotes with `git remote -v`.'],
  },
  'repo-size-limit': {
    title: 'The push is too large',
    explanation:
      'Bitbucket refused the push: over its size limit. Remove large files from history or use Git LFS.',
    fixKind: 'none',
    nextChecks: ['Push fewer commits at a time.'],
  },
  unknown: {
    title: 'No known cause recognised',
    explanation: 'None of the known Bitbucket failures matches. Recognised lines are highlighted.',
    fixKind: 'none',
    nextChecks: [
      'Paste the command and everything it printed.',
      'Run it again with GIT_TRACE=1.',
      'Check `git remote -v` and the credential helpers.',
    ],
  },
};
