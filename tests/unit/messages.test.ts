// Who may send what to the background (platform/background/message-handler.ts `MESSAGE_SENDERS`): each
// message type from the context that sends it, and from no other, with the refusal logged.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { TrackedStore } from '../../lib/tracked-credentials';
import { MESSAGE_SENDERS, type Sender } from '../../platform/background/message-handler';
import { MAX_OBSERVATION_ROWS, type MessageType } from '../../platform/shared/messages';
import { recordListObservation } from '../../platform/shared/tracked-requests';
import { API_TOKEN, APP_PASSWORD } from '../fixtures/secret-samples';
import {
  contentScript,
  extensionPage,
  OPTIONS_PAGE,
  POPUP,
  sendFrom,
  sendMessagesAs,
} from '../support/fake-senders';

const REPO_LIST = 'https://bitbucket.org/acme/web-app/admin/access-tokens';
const API_LIST = 'https://id.atlassian.com/manage-profile/security/api-tokens';

const SENDERS: Record<string, Sender> = {
  popup: POPUP,
  'popup opened as a tab': extensionPage('/popup.html?url=https%3A%2F%2Fbitbucket.org%2Fa%2Fb', true),
  'options page': OPTIONS_PAGE,
  'options page in a tab': extensionPage('/options.html#tracked', true),
  'content script on bitbucket.org': contentScript(REPO_LIST),
  'content script on id.atlassian.com': contentScript(API_LIST),
  'another extension page': extensionPage('/background.js'),
  'a page elsewhere': contentScript('https://evil.example/bitbucket.org'),
  'a frame from elsewhere in a bitbucket.org tab': {
    id: 'test-extension-id',
    url: 'https://evil.example/frame',
    tab: { id: 3, url: REPO_LIST },
  },
  'another extension': { id: 'someone-else', url: 'chrome-extension://someone-else/popup.html' },
  'nobody we know': {},
};

interface Case {
  message: Record<string, unknown>;
  /** The senders it is accepted from; every other sender is refused. */
  from: string[];
}

const CASES: Record<MessageType, Case> = {
  'get-settings': {
    message: { type: 'get-settings' },
    from: [
      'popup',
      'popup opened as a tab',
      'content script on bitbucket.org',
      'content script on id.atlassian.com',
    ],
  },
  'open-extension-page': {
    message: { type: 'open-extension-page', path: '/popup.html?kind=access-token' },
    from: ['content script on bitbucket.org', 'content script on id.atlassian.com'],
  },
  'record-list-observation': {
    message: {
      type: 'record-list-observation',
      observation: {
        kind: 'repository-access-token',
        where: REPO_LIST,
        rows: [{ name: 'deploy' }],
        complete: true,
      },
    },
    // Only for the sender's own site: id.atlassian.com can't report a bitbucket.org list.
    from: ['content script on bitbucket.org'],
  },
  'record-created-through-preset': {
    message: {
      type: 'record-created-through-preset',
      creation: { kind: 'api-token', name: 'git-push@laptop 2026-11', where: API_LIST, preset: 'git-push' },
    },
    from: ['content script on id.atlassian.com'],
  },
  'snooze-tracked': {
    message: { type: 'snooze-tracked', id: 'a', until: '2026-12-01' },
    from: ['options page', 'options page in a tab'],
  },
  'remove-tracked': {
    message: { type: 'remove-tracked', id: 'a' },
    from: ['options page', 'options page in a tab'],
  },
  'clear-all-data': { message: { type: 'clear-all-data' }, from: ['options page', 'options page in a tab'] },
};

let warn: MockInstance<(...args: unknown[]) => void>;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-01T12:00:00Z'));
  vi.spyOn(fakeBrowser.tabs, 'create');
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  background.main();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function seed() {
  await fakeBrowser.storage.local.set({
    trackedCredentials: {
      version: 2,
      credentials: [
        {
          id: 'a',
          kind: 'api-token',
          name: 'laptop',
          where: API_LIST,
          firstSeen: '2026-01-01',
          lastSeen: '2026-01-01',
          notified: {},
        },
      ],
    },
    settings: { deviceName: 'laptop' },
  });
}

it('every message type has its senders and a case here', () => {
  expect(Object.keys(CASES).sort()).toEqual(Object.keys(MESSAGE_SENDERS).sort());
});

describe.each(Object.entries(CASES))('%s', (type, { message, from }) => {
  it.each(from)('is accepted from the %s', async (name) => {
    await seed();
    const answer = await sendFrom(SENDERS[name] as Sender, message);
    expect(answer).toBeDefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(Object.keys(SENDERS).filter((name) => !from.includes(name)))(
    'is refused from the %s, with the reason logged, and changes nothing',
    async (name) => {
      await seed();
      const before = await fakeBrowser.storage.local.get(null);
      expect(await sendFrom(SENDERS[name] as Sender, message)).toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      const logged = String(warn.mock.calls[0]?.[0]);
      expect(logged).toMatch(new RegExp(`^\\[bbah:messages\\] refused ${type} from .+: .+`));
      expect(logged).toMatch(/sends it|not one of our pages|not the sender's own page/);
      expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
      expect(fakeBrowser.tabs.create).not.toHaveBeenCalled();
    },
  );
});

describe('what the content says', () => {
  it('an observation about another site than the sender’s is refused with that reason', async () => {
    const { message } = CASES['record-list-observation'];
    await sendFrom(contentScript(API_LIST), message);
    expect(String(warn.mock.calls[0]?.[0])).toBe(
      "[bbah:messages] refused record-list-observation from https://id.atlassian.com: it is about https://bitbucket.org, not the sender's own page",
    );
  });

  it('only the options page clears all data: a bitbucket.org page is told so', async () => {
    await seed();
    await sendFrom(contentScript(REPO_LIST), { type: 'clear-all-data' });
    expect(String(warn.mock.calls[0]?.[0])).toBe(
      '[bbah:messages] refused clear-all-data from https://bitbucket.org: only the options page sends it',
    );
    expect(await fakeBrowser.storage.local.get('trackedCredentials')).not.toEqual({});
  });

  it('a token typed as the new token’s name in the wizard is never recorded', async () => {
    for (const name of [
      API_TOKEN,
      APP_PASSWORD,
      `ATBB${'x'.repeat(3)}`,
      'https://a:pw99@bitbucket.org/a/b',
    ]) {
      const answer = await sendFrom(contentScript(API_LIST), {
        type: 'record-created-through-preset',
        creation: { kind: 'api-token', name, where: API_LIST, preset: 'git-push' },
      });
      expect(answer).toBeUndefined();
    }
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual(
      Array(4).fill(
        '[bbah:messages] refused record-created-through-preset from https://id.atlassian.com: the name looks like a token',
      ),
    );
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(
      /ATATT3xFf|ATBB[A-Za-z0-9]|pw99/,
    );
  });

  it.each([
    ['an unknown type', { type: 'steal-tokens' }, 'not a message of ours'],
    ['a bag of actions', { action: 'clear-all-data' }, 'not a message of ours'],
    ['a type from the prototype', { type: 'constructor' }, 'not a message of ours'],
    ['a bad snooze date', { type: 'snooze-tracked', id: 'a', until: 'tomorrow' }, 'no day to snooze until'],
  ])('%s is refused with the reason', async (_, message, reason) => {
    await sendFrom(OPTIONS_PAGE, message);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(new RegExp(`: ${reason}$`));
  });
});

describe('large and odd lists: rows are dropped one by one, never the whole list', () => {
  const stored = async () =>
    ((await fakeBrowser.storage.local.get('trackedCredentials')).trackedCredentials as TrackedStore)
      .credentials;
  const notes = async () => (await fakeBrowser.storage.local.get('trackingNotes')).trackingNotes;

  it('token-shaped, unreadable and over-long rows: the others are tracked, answers line up, the options page is told', async () => {
    const long = `deploy ${'x'.repeat(600)}`;
    const answer = (await sendFrom(contentScript(REPO_LIST), {
      type: 'record-list-observation',
      observation: {
        kind: 'repository-access-token',
        where: REPO_LIST,
        rows: [{ name: 'ci' }, { name: APP_PASSWORD }, { created: '2026-01-01' }, { name: long }, 'nonsense'],
        complete: true,
      },
    })) as { rowIds: string[]; tracked: ({ name: string } | null)[] };
    expect(answer.rowIds.map((id) => id !== '')).toEqual([true, false, false, true, false]);
    expect(answer.tracked.map((entry) => entry?.name.length ?? 0)).toEqual([2, 0, 0, 500, 0]);
    expect((await stored()).map((entry) => entry.name.slice(0, 10))).toEqual(['ci', 'deploy xxx']);
    expect(await notes()).toEqual([
      {
        kind: 'repository-access-token',
        where: REPO_LIST,
        day: '2026-11-01',
        tokenNames: 1,
        unreadable: 2,
        shortened: 1,
      },
    ]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(APP_PASSWORD.slice(4));
  });

  it('a clean complete list clears its note', async () => {
    const observe = (rows: unknown[]) =>
      sendFrom(contentScript(API_LIST), {
        type: 'record-list-observation',
        observation: { kind: 'api-token', where: API_LIST, rows, complete: true },
      });
    await observe([{ name: 'laptop' }, { name: API_TOKEN }]);
    expect(await notes()).toHaveLength(1);
    await observe([{ name: 'laptop' }]);
    expect(await notes()).toEqual([]);
  });

  it(`a list of ${MAX_OBSERVATION_ROWS * 2 + 10} rows is tracked in parts, as one list: equal rows stay apart, gone ones are revoked once`, async () => {
    sendMessagesAs(contentScript(REPO_LIST));
    const rows = Array.from({ length: MAX_OBSERVATION_ROWS * 2 + 10 }, (_, i) => ({
      name: `token ${i % 7000}`,
    }));
    const first = await recordListObservation({
      kind: 'repository-access-token',
      where: REPO_LIST,
      rows,
      complete: true,
    });
    expect(first?.rowIds).toHaveLength(rows.length);
    expect(new Set(first?.rowIds).size).toBe(rows.length);
    expect(await stored()).toHaveLength(rows.length);
    // The same list less its last row: exactly that one is revoked, whichever part it was in.
    const second = await recordListObservation({
      kind: 'repository-access-token',
      where: REPO_LIST,
      rows: rows.slice(0, -1),
      complete: true,
    });
    expect(second?.rowIds).toEqual(first?.rowIds.slice(0, -1));
    const revoked = (await stored()).filter((entry) => entry.revokedAt);
    expect(revoked.map((entry) => entry.id)).toEqual([first?.rowIds.at(-1)]);
  });

  it('a part out of order revokes nothing', async () => {
    await seed();
    const answer = await sendFrom(contentScript(API_LIST), {
      type: 'record-list-observation',
      observation: {
        kind: 'api-token',
        where: API_LIST,
        rows: [{ name: 'new' }],
        complete: true,
        part: { id: 'p1', index: 1, count: 2 },
      },
    });
    expect(answer).toBeDefined();
    expect((await stored()).find((entry) => entry.name === 'laptop')?.revokedAt).toBeUndefined();
  });

  it("a clean last part that came out of order keeps the list's note: the list was not seen whole", async () => {
    await sendFrom(contentScript(API_LIST), {
      type: 'record-list-observation',
      observation: { kind: 'api-token', where: API_LIST, rows: [{ name: API_TOKEN }], complete: true },
    });
    expect(await notes()).toHaveLength(1);
    await sendFrom(contentScript(API_LIST), {
      type: 'record-list-observation',
      observation: {
        kind: 'api-token',
        where: API_LIST,
        rows: [{ name: 'laptop' }],
        complete: true,
        part: { id: 'p2', index: 1, count: 2 },
      },
    });
    expect(await notes()).toHaveLength(1);
  });
});
