// The diagnoser's data: cause keys and their texts, and the telltale lines that name them.
// Keys and telltales: docs/evidence/git-credentials.md#causes; timeline and kinds: docs/evidence/bitbucket-auth.md.
// Lines marked "real" were printed by git 2.39.5 / curl 7.88 (gnutls) / OpenSSH 9.2 against
// tests/support/fake-bitbucket.ts and fake-ssh.ts (tests/integration/diagnose-real-git.test.ts).
// git's messages in its other languages come from its own catalogs, generated into ./git-l10n.ts
// (docs/evidence/git-messages.md): an item `@key` stands for that message in every language git
// translates it to. This table ships in the popup: keep it small (tables are strings, split once).

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
 * The tables below are groups, one a line: `head|item|item…`. Here the head is `cause tier`
 * (`-` for no cause) and each item a lowercase substring of a cleaned line (quote marks read as
 * `'`); `…` joins parts that must all appear, in any order. `@key` is git's message `key` of
 * ./git-l10n.ts in every other language, with the item's other parts added. Per line the first
 * rule in this order wins, so specific texts come before the general ones they contain (deploy
 * key before `conq: repository access denied`, German "Remote-Repository '…' nicht gefunden"
 * before "Repository '…' nicht gefunden"). A rule without a cause marks a line we recognise but
 * that names no cause (shown when the answer is `unknown`). The rule's text is what the evidence names.
 */
export const RULES =
  // Server texts (Bitbucket's `remote:` and `conq:` lines stay English in every locale).
  'app-password-removed 0|change-3222' + // real (410 body), bitbucket-auth.md#timeline
  '|app passwords are deprecated' +
  '\npassword-auth-removed 0|stopped supporting account passwords' + // bitbucket-auth.md#timeline, 2022-03-01
  '\ntoken-missing-scope 0|required privilege scopes' + // real (403 body)
  '|has no bitbucket scopes' + // bitbucket-auth.md#credential-kinds
  '|failed to get user details' + // Sourcetree: /2.0/user needs read:user
  '\ntwo-step-required 0|enable two-step|two-step verification' +
  '\nip-allowlist 0|whitelist your ip|allowlist your ip|ip allowlist' +
  '\nssh-deploy-key-readonly 0|deployment key is read-only' +
  '\nrepo-not-found-or-no-access 0|conq: repository does not exist' + // real (forced command)
  '|conq: repository access denied' +
  '|either does not exist or you do not have access' +
  '|may not have access to this repository' + // wording varies (§4)
  '|no longer exists in this workspace' +
  '\nrepo-size-limit 0|pack exceeds maximum allowed size' + // real (receive.maxInputSize), Bitbucket same
  '|over the size limit' +
  // git, curl, GCM and ssh texts.
  '\nbad-remote-url 1|bad/illegal format' + // real: curl on spaces, or an unencoded e-mail
  '|url rejected:' + // curl: "URL rejected: Port number was not a decimal number…"
  '|malformed input to a url' +
  '|unencrypted http is not recommended' + // GCM
  "|protocol '…' is not supported|@protocol_unsupported" + // real: quotes pasted into the URL
  "|don't handle protocol" +
  '|ssh: bad port' +
  // "git: '%s' is not a git command. See 'git --help'." (real) with the helper's name.
  '\ncredential-helper-misconfigured 1|credential-…is not a git command|@not_git_command…credential-' +
  '|no credential store has been selected' + // GCM on Linux
  '|unable to persist credentials' + // GCM
  '|credential-cache unavailable|@cache_unavailable' + // git without unix sockets
  '\nno-tty-prompt 1|terminal prompts disabled' + // real; git does not translate it
  '|could not read username for' +
  '|could not read password for' +
  '|cannot prompt because' + // GCM: "…user interactivity has been disabled."
  '|unable to read askpass response' +
  '\nssh-publickey 1|permission denied (publickey' + // real
  '\nssh-host-key 1|host key verification failed' + // real
  '|remote host identification has changed' + // real
  '|host key is known for' + // real: "No ED25519 host key is known for bitbucket.org"
  '|authenticity of host' +
  '\ntls-certificate 1|ssl certificate problem' +
  '|certificate verification failed' + // real (gnutls): "server certificate verification failed"
  '|certificate verify failed' +
  '|schannel:' + // Windows: revocation checks, untrusted roots
  '\nnetwork-or-proxy 1|could not resolve host' + // real; also ssh's "Could not resolve hostname"
  '|could not resolve proxy' + // real
  '|connect tunnel failed' + // real: "CONNECT tunnel failed, response 407"
  '|from proxy after connect' +
  '|failed to connect to' + // real
  '|connection timed out|operation timed out|connection refused|network is unreachable' +
  '|kex_exchange_identification|gnutls_handshake() failed|ssl_error_syscall' +
  // "No such remote '%s'", "No such remote: '%s'" and "not a git repository (or any of the parent
  // directories): %s" (real); before the repository-not-found texts (German shares their words).
  '\nnot-a-repo-or-no-remote 1|no such remote|@no_such_remote|@no_such_remote_colon' +
  '|not a git repository|@not_a_repo' +
  '|does not appear to be a git repository' + // real; untranslated in 2.39
  '|no configured push destination|@no_push_destination' +
  '\nrepo-size-limit 1|returned error: 413' + // also "RPC failed; HTTP 413 curl 22 …"
  // "repository '%s' not found" (real on 404, with `remote: Not Found`).
  "\nrepo-not-found-or-no-access 1|repository '…' not found|@repo_not_found" +
  '|repository not found' +
  '|remote: not found' + // real (404 body)
  // Status alone and generic authentication lines: "Authentication failed for '%s'" (real on 401).
  '\napp-password-removed 4|returned error: 410' + // real
  '\ninvalid-credentials 4|returned error: 401|authentication failed|@auth_failed' +
  '|invalid credentials' + // server `remote:` and GCM `fatal:`
  '|invalid username or password' +
  '\nrepo-not-found-or-no-access 4|returned error: 403' + // real (with no telling message)
  '|returned error: 404' +
  '|does not indicate success: 403' + // GCM's .NET HttpClient
  '\ninvalid-credentials 4|does not indicate success: 401' +
  // After the status rules: "RPC failed; curl 22 The requested URL returned error: 410" is a status.
  '\nnetwork-or-proxy 1|rpc failed; curl|@rpc_failed…curl' +
  // Recognised, no cause of their own: "Could not read from remote repository." (real, every ssh
  // failure), "the remote end hung up unexpectedly", "unable to access '%s': %s".
  '\n- 4|could not read from remote repository|@could_not_read_remote' +
  '|remote end hung up|@remote_hung_up|returned error:|unable to access|@unable_access';

export type FixKind = 'https-token' | 'ssh' | 'helper' | 'network' | 'none';

/** Ids of lib/presets.ts BUILT_IN_PRESETS (docs/evidence/scopes.md#presets). */
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

const info = (
  title: string,
  explanation: string,
  fixKind: FixKind,
  nextChecks: string[],
  preset?: TokenPreset,
): CauseInfo => ({ title, explanation, fixKind, preset, nextChecks });

// Short on purpose: this ships in the popup, next to the fix steps (which erase the stored
// credential and test the connection) and the token link. Facts behind each: docs/evidence/bitbucket-auth.md,
// scopes.md and git-credentials.md#erase, #causes.
const USERNAME = 'Use your Bitbucket username (Personal settings), not your e-mail.';
const HELPERS = 'List helpers: `git config --show-origin --get-regexp credential`.';
const GCM = 'Git Credential Manager';
const TOKEN = 'https-token';

export const CAUSE_INFO: Record<CauseKey | 'unknown', CauseInfo> = {
  'password-auth-removed': info(
    'Account passwords no longer work',
    'Since March 2022 Bitbucket refuses account passwords for git: use an API token.',
    TOKEN,
    [USERNAME],
    'git-push',
  ),
  'app-password-removed': info(
    'App passwords were removed',
    'Bitbucket removed app passwords on 28 July 2026: use an API token.',
    TOKEN,
    ['Replace it in CI variables, IDEs and scripts too.', USERNAME],
    'git-push',
  ),
  'token-missing-scope': info(
    'The token lacks a scope',
    `Push needs repository read and write; ${GCM} and Sourcetree also need read:user.`,
    TOKEN,
    ['Compare the token\'s "View scopes" with the preset.'],
    'git-push',
  ),
  'invalid-credentials': info(
    'Username or token rejected',
    'The token is mistyped, revoked or expired, or the username is wrong.',
    TOKEN,
    [USERNAME],
    'git-push',
  ),
  'wrong-username': info(
    'An e-mail was used as username',
    'Git needs your Bitbucket username (or x-bitbucket-api-token-auth); only the REST API takes the e-mail.',
    TOKEN,
    ['Look for it in `git remote -v` and credential.username.'],
  ),
  'bad-remote-url': info(
    'The remote URL is malformed',
    'Git cannot read it: a space, quote, unencoded e-mail or stray character.',
    TOKEN,
    ['Show it with `git remote -v`.', USERNAME],
  ),
  'repo-not-found-or-no-access': info(
    'Repository not found, or no access',
    'It does not exist or your account cannot see it: Bitbucket says the same for both.',
    'none',
    [
      'Compare workspace and repository names with the browser.',
      "Another account's credential may be stored: erase it.",
      `${GCM} also needs read:user.`,
    ],
  ),
  'two-step-required': info(
    'Two-step verification required',
    'The workspace requires two-step verification: turn it on for your account.',
    'none',
    ['Ask a workspace admin if this is new.'],
  ),
  'ip-allowlist': info(
    'Your IP address is not allowed',
    'The workspace only accepts listed IP addresses: use the company network or VPN.',
    'none',
    ['Ask a workspace admin to add your public IP.'],
  ),
  'ssh-publickey': info(
    'Bitbucket does not know your SSH key',
    'Add your public key to your account, or make ssh offer the right one.',
    'ssh',
    ['See the keys ssh offers: `ssh -vT git@bitbucket.org`.'],
  ),
  'ssh-host-key': info(
    'Unknown or changed SSH host key',
    'ssh has no key or an old one for bitbucket.org (keys changed in 2023).',
    'ssh',
    ["Compare the fingerprint with Atlassian's before accepting."],
  ),
  'ssh-deploy-key-readonly': info(
    'A read-only access key was used to push',
    'Push with your own SSH key or a token with write access.',
    'ssh',
    ['Set IdentityFile for bitbucket.org in ~/.ssh/config.'],
  ),
  'no-tty-prompt': info(
    'Git could not ask for a password',
    'No credential was stored and git could not prompt (CI, an IDE, GIT_TERMINAL_PROMPT=0).',
    TOKEN,
    ['In CI, read the token from a secured variable.', HELPERS],
    'git-read',
  ),
  'credential-helper-misconfigured': info(
    'The credential helper is broken',
    'Git is set to use a credential helper that is missing or not set up.',
    'helper',
    [HELPERS, `${GCM} is now called manager, not manager-core.`],
  ),
  'credential-helper-stale': info(
    'A credential in the remote URL',
    'Git sends the credential written into the URL, so a new token is never used.',
    'helper',
    ['Revoke it: .git/config keeps it in plain text.'],
  ),
  'network-or-proxy': info(
    'Git could not reach bitbucket.org',
    'Network, DNS, firewall or proxy: Bitbucket never answered.',
    'network',
    [
      'Check `git config --get-regexp proxy` and HTTPS_PROXY.',
      'SSH blocked? Try altssh.bitbucket.org port 443.',
    ],
  ),
  'tls-certificate': info(
    'The HTTPS certificate was not trusted',
    'Usually a company proxy re-signs HTTPS with a certificate authority git does not know.',
    'network',
    ['Set http.sslCAInfo to the company root certificate; never turn off http.sslVerify.'],
  ),
  'not-a-repo-or-no-remote': info(
    'Not in a repository, or no such remote',
    'Git ran outside a repository, or the remote (usually origin) does not exist.',
    'none',
    ['`cd` into the repository; list remotes with `git remote -v`.'],
  ),
  'repo-size-limit': info(
    'The push is too large',
    'Bitbucket refused the push: remove large files from history or use Git LFS.',
    'none',
    ['Push fewer commits at a time.'],
  ),
  unknown: info(
    'No known cause recognised',
    'None of the known failures matches. Recognised lines are highlighted.',
    'none',
    [
      'Paste the command and all it printed.',
      'Run it again with GIT_TRACE=1.',
      'Check `git remote -v` and the credential helpers.',
    ],
  ),
};
