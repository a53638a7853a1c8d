// Types of generate-git-l10n.mjs, so TypeScript tests can import it (tsconfig has no allowJs).
export interface Message {
  key: string;
  msgid: string;
  where: string;
  english?: string;
  prefix?: boolean;
  render?: boolean;
}
export const DATA_FILE: string;
export const MODULE_FILE: string;
export const MESSAGES: Message[];
export const SHIPPED: Message[];
export const ENGLISH_ONLY: { by: string; text: string; where: string }[];
export const QUOTES: RegExp;
export const MIN_WEIGHT: number;
export function parsePo(text: string): Map<string, string>;
export function parseMo(buf: Buffer): Map<string, string>;
export function pick(catalog: Map<string, string>): Record<string, string>;
export function normalizeText(text: string): string;
export function normalize(msgstr: string): string;
export function fragmentOf(message: string, pool: string): string;
export function table(data: unknown): { lang: string; fields: string[][] }[];
export function renderModule(data: unknown): string;
