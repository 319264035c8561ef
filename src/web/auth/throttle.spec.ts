import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  lockRemainingMs,
  loginKeys,
  POLICIES,
  refunded,
  type FailureState,
} from './throttle.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();
const PAIR = POLICIES.pair;

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
    [
      'capped without overflow',
      { failures: 5000, lockedUntil: null },
      { failures: 5001, lockedUntil: at(900_000) },
    ],
  ])('%s', (_name, state, expected) => {
    expect(afterFailure(state, NOW, PAIR)).toEqual(expected);
  });

  it.each<[string, FailureState | null, number]>([
    ['no state', null, 0],
    ['not locked', { failures: 2, lockedUntil: null }, 0],
    ['locked', { failures: 5, lockedUntil: at(30_000) }, 30_000],
    ['lock over', { failures: 5, lockedUntil: at(-5) }, 0],
  ])('remaining wait: %s', (_name, state, expected) => {
    expect(lockRemainingMs(state, NOW)).toBe(expected);
  });

  it.each<[string, FailureState, FailureState]>([
    ['below the limit', { failures: 3, lockedUntil: null }, { failures: 2, lockedUntil: null }],
    [
      'lifts the lock its own attempt set',
      { failures: 5, lockedUntil: at(60_000) },
      { failures: 4, lockedUntil: null },
    ],
    [
      'keeps a lock earned by others',
      { failures: 7, lockedUntil: at(240_000) },
      { failures: 6, lockedUntil: at(240_000) },
    ],
    ['never below zero', { failures: 0, lockedUntil: null }, { failures: 0, lockedUntil: null }],
  ])('refund: %s', (_name, state, expected) => {
    expect(refunded(state, PAIR)).toEqual(expected);
  });

  it.each<[string, string | null, string[]]>([
    ['a stranger', null, ['pair:10.0.0.9|admin', 'address:10.0.0.9', 'user:admin']],
    ['a known browser', 'abc', ['device:abc']],
  ])('counts %s under its keys', (_name, device, expected) => {
    expect(loginKeys('10.0.0.9', 'Admin', device).map((k) => k.key)).toEqual(expected);
  });

  it('lets a stranger exhaust their pair long before a username', () => {
    // The design's premise: the per-user budget is far above what one address may try.
    expect(POLICIES.user.freeFailures).toBeGreaterThan(POLICIES.address.freeFailures);
    expect(POLICIES.address.freeFailures).toBeGreaterThan(POLICIES.pair.freeFailures);
  });
});
