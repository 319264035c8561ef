import { describe, expect, it } from 'vitest';
import { afterFailure, lockRemainingMs, type FailureState } from './throttle.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();

describe('login throttle', () => {
  it.each<[string, FailureState | null, FailureState]>([
    ['first failure', null, { failures: 1, lockedUntil: null }],
    ['fourth failure', { failures: 3, lockedUntil: null }, { failures: 4, lockedUntil: null }],
    [
      'fifth failure locks 1 min',
      { failures: 4, lockedUntil: null },
      { failures: 5, lockedUntil: at(60_000) },
    ],
    [
      'sixth locks 2 min',
      { failures: 5, lockedUntil: at(-1) },
      { failures: 6, lockedUntil: at(120_000) },
    ],
    [
      'capped at 15 min',
      { failures: 40, lockedUntil: null },
      { failures: 41, lockedUntil: at(900_000) },
    ],
  ])('%s', (_name, state, expected) => {
    expect(afterFailure(state, NOW)).toEqual(expected);
  });

  it.each<[string, FailureState | null, number]>([
    ['no state', null, 0],
    ['not locked', { failures: 2, lockedUntil: null }, 0],
    ['locked', { failures: 5, lockedUntil: at(30_000) }, 30_000],
    ['lock over', { failures: 5, lockedUntil: at(-5) }, 0],
  ])('remaining wait: %s', (_name, state, expected) => {
    expect(lockRemainingMs(state, NOW)).toBe(expected);
  });
});
