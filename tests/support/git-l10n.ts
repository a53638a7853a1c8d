// git's own catalogs, as scripts/generate-git-l10n.mjs extracted them (scripts/data/git-l10n/),
// and git's output rendered from them: what git prints in a language, for the languages and
// wordings the installed git lacks. The rendering is checked against the real git wherever the
// installed git has the language (tests/integration/git-languages.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Revision {
  describe: string;
  date?: string;
  source: string;
  commit?: string;
  /** Per language, msgid key → msgstr; a key that is absent: git prints the English. */
  languages: Record<string, Record<string, string>>;
  fragments: Record<string, Record<string, string>>;
}

export interface Catalogs {
  messages: Record<string, { msgid: string; where: string }>;
  englishOnly: { by: string; text: string; where: string }[];
  revisions: Record<string, Revision>;
}

export const CATALOGS: Catalogs = JSON.parse(
  readFileSync(join(__dirname, '../../scripts/data/git-l10n/catalogs.json'), 'utf8'),
);

/** The po revisions, oldest first, and the compiled catalogs of the installed git (`mo …`). */
export const PO_REVISIONS = Object.keys(CATALOGS.revisions)
  .filter((name) => name.startsWith('po '))
  .sort((a, b) => (CATALOGS.revisions[a]?.date ?? '').localeCompare(CATALOGS.revisions[b]?.date ?? ''));
export const LANGUAGES = [
  ...new Set(Object.values(CATALOGS.revisions).flatMap((r) => Object.keys(r.languages))),
].sort();

/** What git prints for `key` in `lang` at `revision`: the msgstr, or the English msgid. */
export function text(revision: string, lang: string, key: string): string {
  const msgid = CATALOGS.messages[key]?.msgid;
  if (msgid === undefined) throw new Error(`no message ${key}`);
  return CATALOGS.revisions[revision]?.languages[lang]?.[key] ?? msgid;
}

/** printf's `%s`, in order, as git's messages use it. */
export function format(template: string, ...args: string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => args[i++] ?? '');
}

/** A git message with its arguments, in `lang` at `revision` (English for `en`). */
export function say(revision: string, lang: string, key: string, ...args: string[]): string {
  return format(lang === 'en' ? (CATALOGS.messages[key]?.msgid ?? '') : text(revision, lang, key), ...args);
}

/** `die()`'s line: the translated `fatal: ` and the message. */
export const fatal = (revision: string, lang: string, key: string, ...args: string[]) =>
  `${say(revision, lang, 'fatal')}${say(revision, lang, key, ...args)}`;

/** `error()`'s line: the translated `error: ` and the message. */
export const error = (revision: string, lang: string, key: string, ...args: string[]) =>
  `${say(revision, lang, 'error')}${say(revision, lang, key, ...args)}`;

/** Whether `lang` says `key` differently at `revision` than at the installed git's catalogs. */
export function changedSince(installed: string, revision: string, lang: string, keys: string[]): boolean {
  return keys.some((key) => text(installed, lang, key) !== text(revision, lang, key));
}
