// Typed messages from content scripts and extension pages to the background. The background
// checks every message field by field on arrival (platform/background/message-handler.ts `parseMessage`):
// a content script runs next to a page we do not control.
import { browser } from 'wxt/browser';
import type { CalendarDate } from '../../lib/calendar-date';
import type { TokenKind } from '../../lib/credential-status';
import type { Preset } from '../../lib/presets';
import type { SettingKey, Settings } from '../../lib/settings';
import type { ListRow, TrackedCredential } from '../../lib/tracked-credentials';
import type { RowsLeftOut } from '../../lib/tracking-notes';

/** Rows per message: a longer list is sent in parts (platform/shared/tracked-requests.ts). */
export const MAX_OBSERVATION_ROWS = 5000;

export interface ListObservationInput {
  kind: TokenKind;
  /** The list page URL; query and fragment are dropped. Its origin is the sender's. */
  where: string;
  rows: ListRow[];
  /** True only when the page showed the whole list: missing entries are then marked revoked. */
  complete: boolean;
  /** One of the parts of a long list, sent in order; `complete` counts on the last part. */
  part?: ObservationPart;
  /** Set by the background's check of the message (rows it left out), never by the sender. */
  leftOut?: RowsLeftOut;
}

export interface ObservationPart {
  /** The same for every part of one observation. */
  id: string;
  index: number;
  count: number;
}

export interface PresetCreationInput {
  kind: TokenKind;
  name: string;
  /** The list page the token will appear on. */
  where: string;
  preset: string;
  expiryDays?: number;
  labelPattern?: string;
}

/**
 * The settings in force, as the background computes them (the only reader of the managed
 * policy): content scripts and the popup ask for this instead of carrying the policy code.
 */
export interface SharedSettings {
  settings: Settings;
  lockedKeys: SettingKey[];
  managedKeys: SettingKey[];
  maxExpiryDays: number;
  helpUrl?: string;
  presets: Preset[];
}

export type Message =
  | { type: 'get-settings' }
  | { type: 'open-extension-page'; path: string }
  | { type: 'record-list-observation'; observation: ListObservationInput }
  | { type: 'record-created-through-preset'; creation: PresetCreationInput }
  | { type: 'snooze-tracked'; id: string; until: CalendarDate | null }
  | { type: 'remove-tracked'; id: string }
  | { type: 'clear-all-data' };

export type MessageType = Message['type'];

export interface MessageResponses {
  'get-settings': SharedSettings;
  'open-extension-page': { ok: boolean; error?: string };
  /**
   * Per row sent, in order: its tracked id and stored entry (preset, lifetime, snooze); `''` and
   * null for a row that was left out (a name like a token, an unreadable row).
   */
  'record-list-observation': { rowIds: string[]; tracked: (TrackedCredential | null)[] };
  'record-created-through-preset': { id: string };
  'snooze-tracked': { ok: true };
  'remove-tracked': { ok: true };
  'clear-all-data': { ok: true };
}

export type ResponseTo<M extends Message> = MessageResponses[M['type']];

export type ExtensionPagePath = `/popup.html${string}` | `/options.html${string}`;

/**
 * Sends `message` to the background. Rejects when nothing answers: an orphaned content script
 * after an extension update, where storage is out of reach too.
 */
export async function sendMessage<M extends Message>(message: M): Promise<ResponseTo<M>> {
  const response = (await browser.runtime.sendMessage(message)) as ResponseTo<M> | undefined;
  if (response === undefined) throw new Error(`No answer to ${message.type}`);
  return response;
}

// Only our own pages, by exact file name: `/popup.html?url=…`, `/options.html#tracked`.
const EXTENSION_PAGE = /^\/(?:popup|options)\.html(?:[?#][^\s\\]*)?$/;

export function isExtensionPagePath(path: unknown): path is ExtensionPagePath {
  return typeof path === 'string' && path.length <= 2000 && EXTENSION_PAGE.test(path);
}
