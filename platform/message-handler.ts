// The background's side of platform/messages.ts: validate, then delegate. Returns undefined for
// anything that is not ours, so the browser reports "no response" instead of a made-up answer.
import { browser } from 'wxt/browser';
import { parseCalendarDate } from '../lib/calendar-date';
import { isTokenKind } from '../lib/credential-status';
import { effectivePresets } from '../lib/policy';
import type { ListRow } from '../lib/tracked-credentials';
import {
  isExtensionPagePath,
  type ListObservationInput,
  type Message,
  type MessageResponses,
  type PresetCreationInput,
  type SharedSettings,
} from './messages';
import { loadSettings } from './settings-store';
import { applyTrackingChange } from './tracked-store';

interface Sender {
  id?: string;
}

export function handleMessage(
  raw: unknown,
  sender: Sender,
): Promise<MessageResponses[keyof MessageResponses]> | undefined {
  // Only our own content scripts and pages can reach runtime.onMessage; the id check is a second lock.
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
  const message = parseMessage(raw);
  if (!message) return undefined;
  if (message.type === 'open-extension-page') return openExtensionPage(message.path);
  if (message.type === 'get-settings') return sharedSettings();
  return applyTrackingChange(message);
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

const MAX_ROWS = 5000;
const MAX_TEXT = 500;
const TRUSTED_LIST_ORIGINS = new Set(['https://bitbucket.org', 'https://id.atlassian.com']);

/** The message if it is one of ours and well-formed, else undefined. */
export function parseMessage(value: unknown): Message | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'get-settings':
      return { type: value.type };
    case 'open-extension-page':
      return typeof value.path === 'string' ? { type: value.type, path: value.path } : undefined;
    case 'record-list-observation': {
      const observation = parseObservation(value.observation);
      return observation && { type: value.type, observation };
    }
    case 'record-created-through-preset': {
      const creation = parseCreation(value.creation);
      return creation && { type: value.type, creation };
    }
    case 'snooze-tracked': {
      const until = value.until === null ? null : parseCalendarDate(value.until);
      return isId(value.id) && until !== undefined ? { type: value.type, id: value.id, until } : undefined;
    }
    case 'remove-tracked':
      return isId(value.id) ? { type: value.type, id: value.id } : undefined;
    case 'clear-all-data':
      return { type: value.type };
    default:
      return undefined;
  }
}

function parseObservation(raw: unknown): ListObservationInput | undefined {
  if (!isRecord(raw) || !isTokenKind(raw.kind) || !isTrustedListUrl(raw.where)) return undefined;
  if (!Array.isArray(raw.rows) || raw.rows.length > MAX_ROWS || typeof raw.complete !== 'boolean')
    return undefined;
  const rows: ListRow[] = [];
  for (const item of raw.rows) {
    if (!isRecord(item) || !isText(item.name) || item.name.trim() === '') return undefined;
    const row: ListRow = { name: item.name };
    const created = parseCalendarDate(item.created);
    if (created) row.created = created;
    const expires = item.expires === 'never' ? 'never' : parseCalendarDate(item.expires);
    if (expires) row.expires = expires;
    const lastUsed = item.lastUsed === 'never' ? 'never' : parseCalendarDate(item.lastUsed);
    if (lastUsed) row.lastUsed = lastUsed;
    rows.push(row);
  }
  return { kind: raw.kind, where: raw.where, rows, complete: raw.complete };
}

function parseCreation(raw: unknown): PresetCreationInput | undefined {
  if (!isRecord(raw) || !isTokenKind(raw.kind) || !isTrustedListUrl(raw.where)) return undefined;
  if (!isText(raw.name) || raw.name.trim() === '' || typeof raw.preset !== 'string') return undefined;
  if (!/^[a-z0-9-]{1,40}$/.test(raw.preset)) return undefined;
  const creation: PresetCreationInput = {
    kind: raw.kind,
    name: raw.name,
    where: raw.where,
    preset: raw.preset,
  };
  if (typeof raw.expiryDays === 'number' && Number.isInteger(raw.expiryDays) && raw.expiryDays > 0)
    creation.expiryDays = raw.expiryDays;
  if (isText(raw.labelPattern)) creation.labelPattern = raw.labelPattern;
  return creation;
}

function isTrustedListUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    return TRUSTED_LIST_ORIGINS.has(new URL(value).origin);
  } catch {
    return false;
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
