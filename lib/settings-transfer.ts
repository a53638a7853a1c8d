// Settings to and from a file (the options page's export and import): our own format, all or
// nothing on import, so a typo never silently leaves a setting at its old value.

import { redactSecrets } from './secrets';
import { assign, copyDefaults, SETTING_CHECKS } from './setting-checks';
import { SETTING_KEYS, type SettingKey, type Settings } from './settings';
import { describeValue, isRecord } from './values';

export const SETTINGS_EXPORT_FORMAT = 'bitbucket-auth-helper/settings';
const SETTINGS_EXPORT_VERSION = 1;
const MAX_IMPORT_LENGTH = 100_000;

/**
 * The options page's import: our own export format or a bare settings object. All or nothing:
 * any unknown key or bad value rejects the file with one line per problem, so a typo never
 * silently leaves a setting at its old value. Missing keys take defaults.
 */
export function parseSettingsImport(
  json: string,
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  if (typeof json !== 'string' || json.length > MAX_IMPORT_LENGTH) {
    return { ok: false, errors: ['The file is too large to be a settings export.'] };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [describeJsonError(json, error)] };
  }
  if (!isRecord(data)) return { ok: false, errors: ['Expected a JSON object with settings.'] };
  const errors: string[] = [];
  let body: Record<string, unknown> = data;
  if (data.format !== undefined) {
    if (data.format !== SETTINGS_EXPORT_FORMAT) {
      return {
        ok: false,
        errors: [
          redactSecrets(
            `Unknown format ${describeValue(data.format)}: not a settings export of this extension.`,
          ),
        ],
      };
    }
    if (data.version !== SETTINGS_EXPORT_VERSION) {
      errors.push(
        `Unsupported export version ${describeValue(data.version)} (expected ${SETTINGS_EXPORT_VERSION}).`,
      );
    }
    if (!isRecord(data.settings))
      return {
        ok: false,
        errors: [...errors.map((e) => redactSecrets(e)), 'The export holds no settings object.'],
      };
    for (const key of Object.keys(data)) {
      if (!['format', 'version', 'settings'].includes(key)) errors.push(`Unknown key ${describeValue(key)}.`);
    }
    body = data.settings;
  }
  const settings = copyDefaults();
  for (const key of Object.keys(body)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      errors.push(`Unknown setting ${describeValue(key)}.`);
      continue;
    }
    const settingKey = key as SettingKey;
    const result = SETTING_CHECKS[settingKey](body[settingKey]);
    if (result.ok) assign(settings, settingKey, result.value);
    else errors.push(`${settingKey}: ${result.problem}.`);
  }
  return errors.length > 0
    ? { ok: false, errors: errors.map((error) => redactSecrets(error)) }
    : { ok: true, settings };
}

/**
 * Where the JSON breaks, and nothing else: engines quote the text around the error
 * (`Unexpected token 'A', "ATATT3xFfG"... is not valid JSON`), cut too short to redact.
 */
function describeJsonError(json: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // V8: `Unexpected end of JSON input`; Firefox: `unexpected end of data at line 1 column 9`.
  if (/end of (?:JSON input|data)/i.test(message)) return 'Not valid JSON: it ends too early.';
  // Firefox and newer V8 give `line L column C`; older V8 only `position P`.
  const [, line, column] = /line (\d+) column (\d+)/.exec(message) ?? [];
  if (line && column) return `Not valid JSON at line ${line}, column ${column}.`;
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (position === json.length) return 'Not valid JSON: it ends too early.';
  if (Number.isInteger(position) && position < json.length) {
    const before = json.slice(0, position);
    const lineStart = before.lastIndexOf('\n') + 1;
    return `Not valid JSON at line ${before.split('\n').length}, column ${position - lineStart + 1}.`;
  }
  return 'Not valid JSON.';
}

export function exportSettings(settings: Settings): string {
  const ordered = Object.fromEntries(SETTING_KEYS.map((key) => [key, settings[key]]));
  return `${JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, settings: ordered }, null, 2)}\n`;
}
