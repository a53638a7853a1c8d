// Naming a value of unknown shape in a message (lib/values.ts): what a message may quote of it.
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../lib/values';

describe('describeValue', () => {
  it.each<[unknown, string]>([
    ['shell', '"shell"'],
    [42, '42'],
    [true, 'true'],
    [null, 'null'],
    [[1], 'a list'],
    [{}, 'object'],
    ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
  ])('%j → %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  // Too short for redactSecrets' token shapes, which want six characters after the prefix.
  it.each([
    ['ATBBab', '"ATBB***"'],
    ['ATATT3xFfG', '"ATATT***"'],
    ['  ATCTT', '"ATCTT***"'],
  ])('%j starts like a token: shown as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('masks a URL password before cutting, so the cut cannot hide where it ends', () => {
    const shown = describeValue(`https://alice:${'S3cr3t'.repeat(8)}@bitbucket.org/acme/web.git`);
    expect(shown).not.toContain('S3cr3t');
    expect(shown).toMatch(/^"https:\/\/alice:\*\*\*@bitbucket\.org/);
  });
});
