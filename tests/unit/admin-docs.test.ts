// The sample policies in docs/administrators.md are what administrators copy: each must reach
// the extension as the same policy, pass `parsePolicy` without a single problem, and match the
// schema Chrome validates managed storage against. Blocks are found by their fence marker
// (```json policy-linux …), and the .reg and .mobileconfig forms are read the way Chrome reads
// them (numbered subkeys are lists; plist types map to JSON types).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Policy, parsePolicy } from '../../lib/policy';

const doc = readFileSync('docs/administrators.md', 'utf8');
const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8')) as SchemaNode;
const GECKO_ID = /id: '([^']+@[^']+)'/.exec(readFileSync('wxt.config.ts', 'utf8'))?.[1];
const EXTENSION_ID = 'EXTENSION_ID';

function block(marker: string): string {
  const match = new RegExp(`\`\`\`\\w+ ${marker}\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`No \`\`\` block marked ${marker} in docs/administrators.md`);
  return match[1];
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

// Windows: `[key path]` sections with "name"="text" or "name"=dword:hex values; a subkey
// whose values are named 1…n is a list (Chrome's registry policy convention).
function readRegistry(text: string, root: string): Json {
  const tree: { [key: string]: Json } = {};
  let current: { [key: string]: Json } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      const path = section[1] ?? '';
      if (!path.startsWith(root)) throw new Error(`Key outside the policy root: ${path}`);
      current = tree;
      for (const part of path.slice(root.length).split('\\').filter(Boolean)) {
        current[part] ??= {};
        current = current[part] as { [key: string]: Json };
      }
      continue;
    }
    const value = /^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (value && current) {
      const [, name = '', string, dword] = value;
      current[name] =
        dword !== undefined ? Number.parseInt(dword, 16) : (string ?? '').replace(/\\(.)/g, '$1');
    } else if (line.trim() !== '' && !line.startsWith('Windows Registry Editor')) {
      throw new Error(`Unreadable .reg line: ${line}`);
    }
  }
  return listsFromNumberedKeys(tree);
}

function listsFromNumberedKeys(value: Json): Json {
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const numbered = keys.length > 0 && keys.every((key, index) => key === String(index + 1));
  const converted = Object.fromEntries(keys.map((key) => [key, listsFromNumberedKeys(value[key] as Json)]));
  return numbered ? keys.map((key) => converted[key] as Json) : converted;
}

// macOS: just enough of the plist format for a configuration profile.
function readPlist(xml: string): Json {
  const tokens = [...xml.matchAll(/<(\/?)(dict|array|key|string|integer|true|false)(\/?)>([^<]*)/g)].map(
    ([, close, tag, selfClosing, text]) => ({
      close: close === '/',
      tag,
      selfClosing: selfClosing === '/',
      text,
    }),
  );
  let at = tokens.findIndex((token) => token.tag === 'dict');
  const take = (tag: string, close = false) => {
    const token = tokens[at++];
    if (token?.tag !== tag || token.close !== close) throw new Error(`Expected <${close ? '/' : ''}${tag}>`);
    return token;
  };
  const value = (): Json => {
    const token = tokens[at];
    if (!token || token.close) throw new Error('Truncated plist');
    if (token.tag === 'true' || token.tag === 'false') {
      at++;
      return token.tag === 'true';
    }
    if (token.tag === 'string' || token.tag === 'integer') {
      const text = decodeXml(take(token.tag).text ?? '');
      take(token.tag, true);
      return token.tag === 'integer' ? Number(text) : text;
    }
    if (token.tag === 'array') {
      take('array');
      const list: Json[] = [];
      while (!(tokens[at]?.tag === 'array' && tokens[at]?.close)) list.push(value());
      take('array', true);
      return list;
    }
    take('dict');
    const dict: { [key: string]: Json } = {};
    while (!(tokens[at]?.tag === 'dict' && tokens[at]?.close)) {
      const key = decodeXml(take('key').text ?? '');
      take('key', true);
      dict[key] = value();
    }
    take('dict', true);
    return dict;
  };
  return value();
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

interface SchemaNode {
  type: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
}

/** The checks Chrome's policy schema applies to managed storage: types, enums, patterns, ranges. */
function schemaErrors(value: Json, node: SchemaNode, path = 'policy'): string[] {
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== node.type) return [`${path}: ${type}, schema says ${node.type}`];
  const errors: string[] = [];
  if (node.enum && !node.enum.includes(value as string)) errors.push(`${path}: ${String(value)} not in enum`);
  if (node.pattern && !new RegExp(node.pattern).test(value as string)) errors.push(`${path}: pattern`);
  if (node.minimum !== undefined && (value as number) < node.minimum) errors.push(`${path}: below minimum`);
  if (node.maximum !== undefined && (value as number) > node.maximum) errors.push(`${path}: above maximum`);
  if (Array.isArray(value) && node.items) {
    for (const [index, item] of value.entries())
      errors.push(...schemaErrors(item, node.items, `${path}[${index}]`));
  }
  if (node.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of node.required ?? []) if (!(key in value)) errors.push(`${path}.${key}: required`);
    for (const [key, item] of Object.entries(value)) {
      const child = node.properties?.[key];
      if (!child) errors.push(`${path}.${key}: not in the schema`);
      else errors.push(...schemaErrors(item, child, `${path}.${key}`));
    }
  }
  return errors;
}

function checked(raw: Json): Policy {
  expect(schemaErrors(raw, schema)).toEqual([]);
  const { policy, problems } = parsePolicy(raw);
  expect(problems).toEqual([]);
  return policy;
}

const linux = JSON.parse(block('policy-linux'));
const linuxPolicy = linux['3rdparty'].extensions[EXTENSION_ID] as Json;

describe('docs/administrators.md sample policies', () => {
  it('Linux JSON: valid for the schema and parsePolicy, and it sets every policy key', () => {
    const policy = checked(linuxPolicy);
    expect(Object.keys(policy).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
    expect(policy.maxExpiryDays).toBe(90);
    expect(policy.locked).toEqual(['labelPattern', 'features']);
  });

  it('Windows .reg: the same policy under HKLM\\…\\3rdparty\\extensions\\<id>\\policy', () => {
    const root = `HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${EXTENSION_ID}\\policy`;
    const raw = readRegistry(block('policy-windows'), root) as { [key: string]: Json };
    // Chrome reads a dword as an integer, and 0/1 as a boolean where the schema wants one.
    raw.replacePresets = raw.replacePresets === 1;
    expect(checked(raw)).toEqual(checked(linuxPolicy));
  });

  it('macOS .mobileconfig: the same policy in a com.google.Chrome.extensions.<id> payload', () => {
    const profile = readPlist(block('policy-macos')) as { PayloadContent: { [key: string]: Json }[] };
    const payload = profile.PayloadContent[0] ?? {};
    expect(payload.PayloadType).toBe(`com.google.Chrome.extensions.${EXTENSION_ID}`);
    const raw = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    expect(checked(raw)).toEqual(checked(linuxPolicy));
  });

  it('Firefox policies.json: the same policy under 3rdparty.Extensions.<the gecko id of wxt.config.ts>', () => {
    const firefox = JSON.parse(block('policy-firefox'));
    expect(GECKO_ID).toBe('bitbucket-auth-helper@bbah.dev');
    expect(Object.keys(firefox.policies['3rdparty'].Extensions)).toEqual([GECKO_ID]);
    expect(checked(firefox.policies['3rdparty'].Extensions[GECKO_ID as string])).toEqual(
      checked(linuxPolicy),
    );
  });

  it('the schema check above can fail: a wrong type, an unknown key and a bad enum are caught', () => {
    expect(schemaErrors({ maxExpiryDays: '90', colour: 'red', usernameMode: 'email' }, schema)).toEqual([
      'policy.maxExpiryDays: string, schema says integer',
      'policy.colour: not in the schema',
      'policy.usernameMode: email not in enum',
    ]);
  });
});
