// The background's side of platform/shared/messages.ts: who sent it, is it theirs to send, is it
// well-formed; then delegate. Anything refused is logged with the reason and answered with
// undefined, so the browser reports "no response" instead of a made-up answer.
import { browser } from 'wxt/browser';
import { parseCalendarDate } from '../../lib/calendar-date';
import { isTokenKind } from '../../lib/credential-status';
import { effectivePresets } from '../../lib/policy';
import { looksLikeSecret } from '../../lib/secrets';
import { isPresetId } from '../../lib/token-links';
import type { ListRow } from '../../lib/tracked-credentials';
import { MAX_NAME_LENGTH, nothingLeftOut } from '../../lib/tracking-notes';
import { isRecord } from '../../lib/values';
import { loadSettings } from '../shared/effective-settings';
import {
  isExtensionPagePath,
  type ListObservationInput,
  MAX_OBSERVATION_ROWS,
  type Message,
  type MessageResponses,
  type MessageType,
  type ObservationPart,
  type PresetCreationInput,
  type SharedSettings,
} from '../shared/messages';
import { applyTrackingChange } from './tracked-writer';

/** What the browser says about a message's sender (runtime.MessageSender, the parts we read). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

type Context = 'the popup' | 'the options page' | 'a content script';

/** The contexts that send each message type; from anywhere else it is refused. */
export const MESSAGE_SENDERS: Readonly<Record<MessageType, readonly Context[]>> = {
  // Every content script (presets, list reminders, feature switches); the popup's commands.
  'get-settings': ['the popup', 'a content script'],
  // The access-token page's link to the popup's commands.
  'open-extension-page': ['a content script'],
  'record-list-observation': ['a content script'],
  'record-created-through-preset': ['a content script'],
  // The options page's tracked list and its "Clear all data".
  'snooze-tracked': ['the options page'],
  'remove-tracked': ['the options page'],
  'clear-all-data': ['the options page'],
};
const EXTENSION_PAGES: Readonly<Record<string, Context>> = {
  '/popup.html': 'the popup',
  '/options.html': 'the options page',
};

const PAGE_ORIGINS: ReadonlySet<string> = new Set(['https://bitbucket.org', 'https://id.atlassian.com']);

function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.length > 2000) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Our extension pages by their URL (the popup opened as a tab has a `tab` too); content scripts
 * by their tab's origin, bitbucket.org or id.atlassian.com.
 */
function contextOf(sender: Sender): { context: Context; origin?: string } | undefined {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
  if (typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'))) {
    const path = new URL(sender.url).pathname;
    const context = Object.hasOwn(EXTENSION_PAGES, path) ? EXTENSION_PAGES[path] : undefined;
    return context && { context };
  }
  if (!sender.tab) return undefined;
  const origin = originOf(sender.tab.url ?? sender.url);
  // A frame from elsewhere inside the tab is not the page.
  if (!origin || !PAGE_ORIGINS.has(origin) || originOf(sender.url ?? sender.tab.url) !== origin)
    return undefined;
  return { context: 'a content script', origin };
}

function describeSender(sender: Sender): string {
  const url = typeof sender.url === 'string' ? sender.url : sender.tab?.url;
  const origin = originOf(url);
  if (!origin) return 'an unknown sender';
  return origin === originOf(browser.runtime.getURL('/')) ? new URL(url ?? '').pathname : origin;
}

function refuse(type: unknown, sender: Sender, reason: string): undefined {
  const what = typeof type === 'string' && type.length <= 40 && !looksLikeSecret(type) ? type : 'a message';
  console.warn(`[bbah:messages] refused ${what} from ${describeSender(sender)}: ${reason}`);
  return undefined;
}

export function handleMessage(
  raw: unknown,
  sender: Sender,
): Promise<MessageResponses[keyof MessageResponses]> | undefined {
  const type = isRecord(raw) ? raw.type : undefined;
  const from = contextOf(sender);
  if (!from) return refuse(type, sender, 'not one of our pages or content scripts');
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_SENDERS, type))
    return refuse(type, sender, 'not a message of ours');
  const senders = MESSAGE_SENDERS[type as MessageType];
  if (!senders.includes(from.context)) return refuse(type, sender, `only ${senders.join(' or ')} sends it`);
  const parsed = parseMessage(raw);
  if (typeof parsed === 'string') return refuse(type, sender, parsed);
  const { message } = parsed;
  const where =
    message.type === 'record-list-observation'
      ? message.observation.where
      : message.type === 'record-created-through-preset'
        ? message.creation.where
        : undefined;
  if (where !== undefined && originOf(where) !== from.origin)
    return refuse(type, sender, `it is about ${originOf(where)}, not the sender's own page`);
  if (message.type === 'open-extension-page') return openExtensionPage(message.path);
  if (message.type === 'get-settings') return sharedSettings();
  if (message.type !== 'record-list-observation') return applyTrackingChange(message);
  // Answers line up with the rows sent: a row left out answers '' and null.
  const kept = parsed.kept ?? [];
  return applyTrackingChange(message).then(({ rowIds, tracked }) => {
    const answer: MessageResponses['record-list-observation'] = {
      rowIds: Array.from({ length: parsed.sent ?? 0 }, () => ''),
      tracked: Array.from({ length: parsed.sent ?? 0 }, () => null),
    };
    kept.forEach((at, i) => {
      answer.rowIds[at] = rowIds[i] ?? '';
      answer.tracked[at] = tracked[i] ?? null;
    });
    return answer;
  });
}

async function sharedSettings(): Promise<SharedSettings> {
  const loaded = await loadSettings(navigator.platform);
  return {
    settings: loaded.settings,
    lockedKeys: [...loaded.lockedKeys],
    managedKeys: [...loaded.managedKeys],
    maxExpiryDays: loaded.maxExpiryDays,
    ...(loaded.helpUrl ? { helpUrl: loaded.helpUrl } : {}),
    presets: effectivePresets(loaded.policy),
  };
}

async function openExtensionPage(path: string): Promise<MessageResponses['open-extension-page']> {
  if (!isExtensionPagePath(path)) {
    return { ok: false, error: 'Only /popup.html and /options.html can be opened.' };
  }
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
  return { ok: true };
}

const MAX_TEXT = 500;
const TRUSTED_LIST_ORIGINS = PAGE_ORIGINS;

interface Parsed {
  message: Message;
  /** An observation's rows: how many were sent, and where each kept one was among them. */
  sent?: number;
  kept?: number[];
}

/** The message if it is one of ours and well-formed, else why not. */
export function parseMessage(value: unknown): Parsed | string {
  if (!isRecord(value) || typeof value.type !== 'string') return 'not a message of ours';
  switch (value.type) {
    case 'get-settings':
      return { message: { type: value.type } };
    case 'open-extension-page':
      return typeof value.path === 'string'
        ? { message: { type: value.type, path: value.path } }
        : 'no path to open';
    case 'record-list-observation': {
      const parsed = parseObservation(value.observation);
      return typeof parsed === 'string'
        ? parsed
        : {
            message: { type: value.type, observation: parsed.observation },
            sent: parsed.sent,
            kept: parsed.kept,
          };
    }
    case 'record-created-through-preset': {
      const creation = parseCreation(value.creation);
      return typeof creation === 'string' ? creation : { message: { type: value.type, creation } };
    }
    case 'snooze-tracked': {
      const until = value.until === null ? null : parseCalendarDate(value.until);
      if (!isId(value.id)) return 'no credential id';
      return until === undefined
        ? 'no day to snooze until'
        : { message: { type: value.type, id: value.id, until } };
    }
    case 'remove-tracked':
      return isId(value.id) ? { message: { type: value.type, id: value.id } } : 'no credential id';
    case 'clear-all-data':
      return { message: { type: value.type } };
    default:
      return 'not a message of ours';
  }
}

/**
 * Rows are checked one by one: one that can't be read, or whose name looks like a token, is left
 * out (and counted for the options page), a name over the limit is cut; the rest is tracked.
 */
function parseObservation(
  raw: unknown,
): { observation: ListObservationInput; sent: number; kept: number[] } | string {
  if (!isRecord(raw) || !isTokenKind(raw.kind)) return 'no credential kind';
  if (!isTrustedListUrl(raw.where)) return 'not a list on bitbucket.org or id.atlassian.com';
  if (!Array.isArray(raw.rows) || typeof raw.complete !== 'boolean') return 'no rows';
  const part = raw.part === undefined ? undefined : parsePart(raw.part);
  if (part === null) return 'an unreadable part number';
  const leftOut = nothingLeftOut();
  const rows: ListRow[] = [];
  const kept: number[] = [];
  raw.rows.forEach((item, index) => {
    if (
      index >= MAX_OBSERVATION_ROWS ||
      !isRecord(item) ||
      typeof item.name !== 'string' ||
      item.name.trim() === ''
    ) {
      leftOut.unreadable++;
      return;
    }
    if (looksLikeSecret(item.name)) {
      leftOut.tokenNames++;
      return;
    }
    let name = item.name;
    if (name.length > MAX_NAME_LENGTH) {
      // Cut where a token could not be left in half: the cut name is checked again.
      name = name.slice(0, MAX_NAME_LENGTH);
      if (looksLikeSecret(name)) {
        leftOut.tokenNames++;
        return;
      }
      leftOut.shortened++;
    }
    const row: ListRow = { name };
    const created = parseCalendarDate(item.created);
    if (created) row.created = created;
    const expires = item.expires === 'never' ? 'never' : parseCalendarDate(item.expires);
    if (expires) row.expires = expires;
    const lastUsed = item.lastUsed === 'never' ? 'never' : parseCalendarDate(item.lastUsed);
    if (lastUsed) row.lastUsed = lastUsed;
    rows.push(row);
    kept.push(index);
  });
  const observation: ListObservationInput = {
    kind: raw.kind,
    where: raw.where,
    rows,
    // A row that could not be read may be a tracked entry: nothing is marked revoked then.
    complete: raw.complete && leftOut.unreadable === 0,
    leftOut,
  };
  if (part) observation.part = part;
  return { observation, sent: raw.rows.length, kept };
}

function parsePart(raw: unknown): ObservationPart | null {
  if (!isRecord(raw)) return null;
  const { id, index, count } = raw;
  if (typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id)) return null;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) return null;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) return null;
  return { id, index, count };
}

function parseCreation(raw: unknown): PresetCreationInput | string {
  if (!isRecord(raw) || !isTokenKind(raw.kind)) return 'no credential kind';
  if (!isTrustedListUrl(raw.where)) return 'not a list on bitbucket.org or id.atlassian.com';
  if (!isText(raw.name) || raw.name.trim() === '') return 'no readable name';
  // The name typed into Atlassian's wizard: a token there is never kept.
  if (looksLikeSecret(raw.name)) return 'the name looks like a token';
  if (!isPresetId(raw.preset)) return 'no preset id';
  const creation: PresetCreationInput = {
    kind: raw.kind,
    name: raw.name,
    where: raw.where,
    preset: raw.preset,
  };
  if (typeof raw.expiryDays === 'number' && Number.isInteger(raw.expiryDays) && raw.expiryDays > 0)
    creation.expiryDays = raw.expiryDays;
  if (isText(raw.labelPattern) && !looksLikeSecret(raw.labelPattern))
    creation.labelPattern = raw.labelPattern;
  return creation;
}

function isTrustedListUrl(value: unknown): value is string {
  const origin = originOf(value);
  return origin !== undefined && TRUSTED_LIST_ORIGINS.has(origin) && !looksLikeSecret(value as string);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}
