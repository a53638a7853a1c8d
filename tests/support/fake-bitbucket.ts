// A loopback bitbucket.org for real git: TLS with a throw-away CA, reached through a CONNECT proxy,
// so git's URL and its credential context stay `https://bitbucket.org/…` (helpers key on the host).
// Response texts: docs/evidence/bitbucket-auth.md#timeline and git-credentials.md#causes.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FakeRequest {
  method: string;
  /** Path without the query, e.g. `/acme/web-app.git/info/refs`. */
  path: string;
  /** The query string with its `?`, or ''. */
  search: string;
  authorization?: { username: string; password: string };
}

/** `{kind:'git'}` serves the bare repository under `repoRoot` through `git http-backend`. */
export type FakeResponse =
  | { kind: 'git' }
  | { status: number; body?: string; contentType?: string; headers?: Record<string, string> };

export interface FakeBitbucketOptions {
  respond?: (req: FakeRequest) => FakeResponse;
  /** Bare repositories to create, `ws/repo` each, with one commit on `main`. */
  repos?: string[];
  /** When set, the proxy answers every CONNECT with this status (407 imitates a corporate proxy). */
  proxyStatus?: number;
}

export interface FakeBitbucket {
  /** `GIT_CONFIG_COUNT/KEY_n/VALUE_n` plus `GIT_SSL_CAINFO` (the env var beats `http.sslCAInfo`). */
  gitEnv: Record<string, string>;
  /** The same settings as `-c key=value` pairs, for a git whose environment has no `GIT_SSL_CAINFO`. */
  gitConfigArgs: string[];
  /** What the server saw; passwords are never kept here. */
  requests: { method: string; path: string; username?: string }[];
  proxyUrl: string;
  caFile: string;
  repoRoot: string;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';

/** Bodies as Bitbucket Cloud sends them (docs/evidence/bitbucket-auth.md); git shows text/plain bodies as `remote:` lines. */
export const bitbucketResponses = {
  /** No or rejected credentials. Git prompts (or asks its helper) on the first 401. */
  unauthorized: (body?: string): FakeResponse => ({
    status: 401,
    headers: { 'WWW-Authenticate': 'Basic realm="Bitbucket.org HTTP"' },
    ...(body === undefined ? {} : { body, contentType: TEXT }),
  }),
  /** 2022-03-01 onwards, account password given (bitbucket-auth.md#timeline). */
  passwordAuthRemoved: (): FakeResponse =>
    bitbucketResponses.unauthorized(
      'Bitbucket Cloud recently stopped supporting account passwords for Git authentication.\n' +
        'See our community post for more details: https://atlassian.community/t5/x/x/ba-p/1948231\n' +
        'App passwords are recommended for most use cases and can be created in your Personal settings:\n' +
        'https://bitbucket.org/account/settings/app-passwords/\n',
    ),
  missingScope: (): FakeResponse => ({
    status: 403,
    contentType: TEXT,
    body: 'Your credentials lack one or more required privilege scopes.\n',
  }),
  twoStepRequired: (): FakeResponse => ({
    status: 403,
    contentType: TEXT,
    body: 'To access this repository, enable two-step authentication.\n',
  }),
  ipAllowlist: (): FakeResponse => ({
    status: 403,
    contentType: TEXT,
    body: 'To access this repository, an admin must whitelist your IP.\n',
  }),
  notFound: (): FakeResponse => ({ status: 404, contentType: TEXT, body: 'Not Found\n' }),
  /** 2026-07-28 onwards, app password given (bitbucket-auth.md#timeline). */
  appPasswordRemoved: (): FakeResponse => ({
    status: 410,
    contentType: TEXT,
    body:
      'CHANGE-3222 - Functionality has been deprecated\n' +
      'App passwords are deprecated and must be replaced with API tokens.\n',
  }),
  git: (): FakeResponse => ({ kind: 'git' }),
};

/** Default: anonymous requests get 401 (like a private repository), authenticated ones the repository. */
function defaultRespond(req: FakeRequest): FakeResponse {
  return req.authorization ? { kind: 'git' } : bitbucketResponses.unauthorized();
}

function parseBasic(header: string | undefined): FakeRequest['authorization'] {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { username: decoded, password: '' };
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function makeCertificates(dir: string): Promise<{ caFile: string; key: string; cert: string }> {
  const p = (f: string) => join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Fake Bitbucket Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    p('server.key'),
    '-out',
    p('server.csr'),
    '-subj',
    '/CN=bitbucket.org',
  ]);
  await writeFile(
    p('ext.cnf'),
    'subjectAltName=DNS:bitbucket.org,DNS:*.bitbucket.org\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
  ]);
  return {
    caFile: p('ca.pem'),
    key: await readFile(p('server.key'), 'utf8'),
    cert: await readFile(p('server.pem'), 'utf8'),
  };
}

async function git(args: string[], cwd?: string): Promise<void> {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd ?? tmpdir(), LANGUAGE: 'C' };
  await run('git', args, { cwd, env });
}

/** Creates `root/ws/repo.git` holding one commit on `main`. */
export async function createBareRepo(root: string, slug: string): Promise<string> {
  const bare = join(root, `${slug}.git`);
  const work = await mkdtemp(join(tmpdir(), 'fake-bb-work-'));
  const id = ['-c', 'user.name=Fake', '-c', 'user.email=fake@example.invalid'];
  await git(['init', '-q', '-b', 'main', work]);
  await writeFile(join(work, 'README.md'), `# ${slug}\n`);
  await git(['-C', work, 'add', 'README.md']);
  await git([...id, '-C', work, 'commit', '-q', '-m', 'Initial commit']);
  await git(['clone', '-q', '--bare', work, bare]);
  await rm(work, { recursive: true, force: true });
  return bare;
}

/** Bitbucket accepts `/ws/repo` and `/ws/repo.git`; http-backend wants the directory name. */
function backendPath(path: string): string {
  const parts = path.split('/');
  if (parts.length > 2 && parts[2] && !parts[2].endsWith('.git')) parts[2] = `${parts[2]}.git`;
  return parts.join('/');
}

function serveWithHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  fr: FakeRequest,
  repoRoot: string,
): void {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_PROJECT_ROOT: repoRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: backendPath(fr.path),
    QUERY_STRING: fr.search.replace(/^\?/, ''),
    REQUEST_METHOD: fr.method,
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
    // http-backend enables receive-pack (push) only for an authenticated user.
    ...(fr.authorization ? { REMOTE_USER: fr.authorization.username } : {}),
    ...(req.headers['content-encoding']
      ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
      : {}),
    ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: String(req.headers['content-length']) } : {}),
  };
  const child: ChildProcess = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  req.pipe(child.stdin as NodeJS.WritableStream);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.statusCode = status;
    res.write(head.subarray(end + 4));
  });
  child.on('close', () => res.end());
  child.on('error', () => {
    res.statusCode = 500;
    res.end();
  });
}

export async function startFakeBitbucket(opts: FakeBitbucketOptions = {}): Promise<FakeBitbucket> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-bitbucket-'));
  const repoRoot = join(dir, 'repos');
  const { caFile, key, cert } = await makeCertificates(dir);
  for (const slug of opts.repos ?? []) await createBareRepo(repoRoot, slug);
  const respond = opts.respond ?? defaultRespond;
  const requests: FakeBitbucket['requests'] = [];

  const https = createHttpsServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://bitbucket.org');
    const authorization = parseBasic(req.headers.authorization);
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      search: url.search,
      authorization,
    };
    requests.push({
      method: fr.method,
      path: fr.path,
      ...(authorization ? { username: authorization.username } : {}),
    });
    let answer: FakeResponse;
    try {
      answer = respond(fr);
    } catch {
      answer = { status: 500, body: 'responder threw\n', contentType: TEXT };
    }
    if ('kind' in answer) {
      serveWithHttpBackend(req, res, fr, repoRoot);
      return;
    }
    req.resume();
    res.writeHead(answer.status, {
      ...(answer.body === undefined ? {} : { 'Content-Type': answer.contentType ?? TEXT }),
      ...answer.headers,
    });
    res.end(answer.body ?? '');
  });
  const sockets = new Set<Socket>();
  https.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const httpsPort = (https.address() as AddressInfo).port;

  const proxy = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = (req.url ?? '').toLowerCase();
    if (opts.proxyStatus !== undefined) {
      client.end(
        `HTTP/1.1 ${opts.proxyStatus} Proxy Says No\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n`,
      );
      return;
    }
    if (!/^([a-z0-9-]+\.)*bitbucket\.org:443$/.test(target)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const settings: [string, string][] = [
    ['http.proxy', proxyUrl],
    ['http.sslCAInfo', caFile],
  ];
  const gitEnv: Record<string, string> = {
    GIT_CONFIG_COUNT: String(settings.length),
    GIT_SSL_CAINFO: caFile,
  };
  settings.forEach(([k, v], i) => {
    gitEnv[`GIT_CONFIG_KEY_${i}`] = k;
    gitEnv[`GIT_CONFIG_VALUE_${i}`] = v;
  });

  return {
    gitEnv,
    gitConfigArgs: settings.flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    requests,
    proxyUrl,
    caFile,
    repoRoot,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => https.close(() => resolve())),
        new Promise<void>((resolve) => proxy.close(() => resolve())),
      ]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
