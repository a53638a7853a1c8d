import { describe, expect, it } from 'vitest';
import { defaultDeviceName, formatLabel, unknownPlaceholders } from '../../lib/label';
import { defaultsForPlatform } from '../../lib/platform-defaults';
import {
  accessTokensPage,
  apiTokenLink,
  clampExpiryDays,
  expiryDaysOf,
  isPendingPresetFresh,
  pendingPresetOf,
  presetFromHash,
} from '../../lib/token-links';

describe('token links', () => {
  it('the API-token link carries our preset and expiry in the fragment, and nothing that could skip a step', () => {
    const link = apiTokenLink('git-push', 90);
    expect(link).toBe(
      'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-preset=git-push&bbah-expiry-days=90',
    );
    // Atlassian's prefilled wizard (autofillToken, appId, selectedScopes) may open past the scope step.
    expect(new URL(link).search).toBe('');
  });
  it('without a preset the link carries only the expiry', () => {
    expect(apiTokenLink(undefined, 30)).toBe(
      'https://id.atlassian.com/manage-profile/security/api-tokens#bbah-expiry-days=30',
    );
  });
  it.each([
    ['https://id.atlassian.com/manage-profile/security/api-tokens#bbah-expiry-days=45', 45],
    ['https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&expiryDays=30', 30],
    ['https://id.atlassian.com/manage-profile/security/api-tokens?autofillToken&expiryDays=max', 365],
    ['https://id.atlassian.com/manage-profile/security/api-tokens?expiryDays=0', undefined],
    ['https://id.atlassian.com/manage-profile/security/api-tokens#bbah-expiry-days=1.5', undefined],
    ['https://id.atlassian.com/manage-profile/security/api-tokens', undefined],
  ])('expiry asked for by %s: %s', (url, days) => {
    expect(expiryDaysOf(new URL(url))).toBe(days);
  });
  it('a link stands for the pending record the token page will consume', () => {
    expect(pendingPresetOf(apiTokenLink('ci-read', 45), 7)).toEqual({
      preset: 'ci-read',
      expiryDays: 45,
      createdAt: 7,
    });
    expect(pendingPresetOf(apiTokenLink(undefined, 45), 7)).toBeUndefined();
    expect(
      pendingPresetOf('https://bitbucket.org/acme/web-app/admin/access-tokens#bbah-preset=git-read', 7),
    ).toBeUndefined();
    expect(pendingPresetOf('not a url', 7)).toBeUndefined();
  });
  it.each([
    [0, 1],
    [400, 365],
    [30.4, 30],
    [Number.NaN, 90],
  ])('expiry %d days is clamped to %d', (days, expected) => {
    expect(clampExpiryDays(days)).toBe(expected);
  });
  it('a policy maximum lowers the clamp', () => expect(clampExpiryDays(200, 60)).toBe(60));
  it('access tokens open the repository settings page', () => {
    expect(accessTokensPage({ workspace: 'acme', repo: 'web-app' }, 'git-read')).toBe(
      'https://bitbucket.org/acme/web-app/admin/access-tokens#bbah-preset=git-read',
    );
  });
  it.each([
    ['#bbah-preset=git-push', 'git-push'],
    ['#foo=1&bbah-preset=ci-read', 'ci-read'],
    ['#bbah-preset=<script>', undefined],
    ['', undefined],
    ['#lines-3', undefined],
  ])('presetFromHash(%j) → %j', (hash, expected) => expect(presetFromHash(hash)).toBe(expected));
  it('a pending preset is fresh for ten minutes', () => {
    const rec = { preset: 'git-push', expiryDays: 90, createdAt: 1_000_000 };
    expect(isPendingPresetFresh(rec, 1_000_000 + 9 * 60_000)).toBe(true);
    expect(isPendingPresetFresh(rec, 1_000_000 + 11 * 60_000)).toBe(false);
    expect(isPendingPresetFresh(rec, 999_000)).toBe(false);
    expect(isPendingPresetFresh(null, 1)).toBe(false);
  });
});

describe('labels', () => {
  const ctx = {
    preset: 'git-push',
    device: 'work-laptop',
    today: '2026-11-26',
    workspace: 'acme',
    repo: 'web-app',
  };
  it.each([
    ['{preset}@{device} {yyyy-mm}', 'git-push@work-laptop 2026-11'],
    ['{repo} {yyyy-mm-dd}', 'web-app 2026-11-26'],
    ['ci {workspace}/{repo}', 'ci acme/web-app'],
    ['{unknown} x', '{unknown} x'],
    ['   ', 'git-push 2026-11'],
    ['x'.repeat(300), 'x'.repeat(100)],
  ])('%j → %j', (pattern, label) => expect(formatLabel(pattern, ctx)).toBe(label));
  it('reports unknown placeholders', () =>
    expect(unknownPlaceholders('{preset} {devcie}')).toEqual(['devcie']));
  it.each(['constructor', '__proto__', 'toString'])('{%s} is no placeholder, and no OS', (name) => {
    expect(formatLabel(`{${name}} x`, ctx)).toBe(`{${name}} x`);
    expect(unknownPlaceholders(`{${name}}`)).toEqual([name]);
    expect(defaultDeviceName(name)).toBe('my-computer');
  });
});

describe('platform defaults', () => {
  it.each([
    ['Win32', 'windows', 'powershell', 'gcm-windows'],
    ['Windows', 'windows', 'powershell', 'gcm-windows'],
    ['MacIntel', 'macos', 'zsh', 'osxkeychain'],
    ['macOS', 'macos', 'zsh', 'osxkeychain'],
    ['Linux x86_64', 'linux', 'bash', 'any'],
    ['', 'other', 'bash', 'any'],
  ])('%j → %s, %s, %s', (platform, os, shell, helper) => {
    expect(defaultsForPlatform(platform)).toEqual({ os, shell, helper });
  });
});
