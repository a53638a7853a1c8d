// The preset features' "look again soon" while a sweep works (platform/content/dom.ts): every page
// change asks for a look, and the page must still be looked at once per interval, not once per ask.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { lookAgainLater } from '../../platform/content/dom';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('many asks before the interval is up make one look', () => {
  const look = vi.fn();
  const lookAgain = lookAgainLater(look, 60);
  for (let i = 0; i < 50; i++) lookAgain();
  vi.advanceTimersByTime(59);
  expect(look).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(look).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(600);
  expect(look).toHaveBeenCalledTimes(1);
});

it('a look that asks again (still working) gets the next one an interval later, one chain only', () => {
  let looks = 0;
  const lookAgain = lookAgainLater(() => {
    looks++;
    lookAgain();
  }, 60);
  // The page changes ten times while the sweep works: each change asks for a look too.
  lookAgain();
  for (let i = 0; i < 10; i++) {
    vi.advanceTimersByTime(6);
    lookAgain();
  }
  vi.advanceTimersByTime(600 - 60);
  expect(looks).toBe(10);
});
