// The Intl word tables load English and the page's language first, the rest on demand: the
// answer must not depend on which tables a page happened to load before.
import { describe, expect, it, vi } from 'vitest';

async function freshParser() {
  vi.resetModules();
  return (await import('../../lib/credential-dates')).parseListDate;
}

const base = { now: Date.UTC(2026, 10, 26, 12), timeZone: 'Europe/Berlin' };

describe('word tables load lazily, answers stay the same', () => {
  it.each([
    ['de', '26. März 2026', '2026-03-26'],
    ['de', '12 févr. 2026', '2026-02-12'],
    ['de', 'il y a 3 jours', '2026-11-23'],
    ['fr', 'vor 2 Tagen', '2026-11-24'],
    ['en', '3日前', '2026-11-23'],
    ['ja', 'Nov 2, 2026', '2026-11-02'],
  ])('page in %s reads %j as %s, first thing or after others', async (locale, text, date) => {
    const fresh = await freshParser();
    expect(fresh(text, { ...base, locale })).toEqual({ kind: 'date', date });
    const warmed = await freshParser();
    warmed('Nov 26, 2025', { ...base, locale: 'en' });
    expect(warmed(text, { ...base, locale })).toEqual({ kind: 'date', date });
  });
});
