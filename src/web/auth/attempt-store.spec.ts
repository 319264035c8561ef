import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { ATTEMPT_RETENTION_MS, LoginAttemptStore } from './attempt-store.js';
import { throttled } from './login-throttle.js';
import { loginKeys, POLICIES } from './throttle.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
const PAIR = POLICIES.pair;

describe.each(DIALECTS)('LoginAttemptStore on $name', ({ open }) => {
  let t: TestDb;
  let store: LoginAttemptStore;
  beforeEach(async () => {
    t = await open();
    store = new LoginAttemptStore(t.db);
  });
  afterEach(() => t.cleanup());

  it('hands out exactly the free attempts of a key to 40 parallel reservations', async () => {
    const waits = await Promise.all(
      Array.from({ length: 40 }, () => store.reserve('pair:10.0.0.9|admin', PAIR, NOW)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(PAIR.freeFailures);
    expect(waits.filter((w) => w > 0).every((w) => w <= PAIR.baseLockMs)).toBe(true);
    expect(await store.state('pair:10.0.0.9|admin')).toEqual({
      failures: PAIR.freeFailures,
      lockedUntil: later(PAIR.baseLockMs).toISOString(),
    });
  });

  it('grants one attempt at a time once a lock runs out', async () => {
    for (let i = 0; i < PAIR.freeFailures; i++) await store.reserve('k', PAIR, NOW);
    const after = later(PAIR.baseLockMs);
    const waits = await Promise.all(
      Array.from({ length: 10 }, () => store.reserve('k', PAIR, after)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
    expect(await store.state('k')).toEqual({
      failures: PAIR.freeFailures + 1,
      lockedUntil: new Date(after.getTime() + 2 * PAIR.baseLockMs).toISOString(),
    });
  });

  it('refunds and clears', async () => {
    for (let i = 0; i < PAIR.freeFailures; i++) await store.reserve('k', PAIR, NOW);
    await store.refund('k', PAIR, NOW);
    expect(await store.state('k')).toEqual({ failures: PAIR.freeFailures - 1, lockedUntil: null });
    await store.clear('k');
    expect(await store.state('k')).toBeNull();
    await store.refund('k', PAIR, NOW);
    expect(await store.state('k')).toBeNull();
  });

  it('sweeps idle counters but never a running lock', async () => {
    await store.reserve('idle', PAIR, NOW);
    const big = {
      ...PAIR,
      baseLockMs: 2 * ATTEMPT_RETENTION_MS,
      maxLockMs: 2 * ATTEMPT_RETENTION_MS,
    };
    for (let i = 0; i < PAIR.freeFailures; i++) await store.reserve('locked', big, NOW);
    await store.reserve('fresh', PAIR, later(ATTEMPT_RETENTION_MS));
    await store.sweep(later(ATTEMPT_RETENTION_MS + 1));
    expect(await store.state('idle')).toBeNull();
    expect(await store.state('locked')).not.toBeNull();
    expect(await store.state('fresh')).not.toBeNull();
  });

  it('charges nobody for an attempt whose check threw (a database outage, say)', async () => {
    const keys = loginKeys('10.0.0.9', 'admin', null);
    const boom = new Error('database unreachable');
    await expect(throttled(store, keys, NOW, () => Promise.reject(boom))).rejects.toBe(boom);
    for (const k of keys)
      expect(await store.state(k.key)).toEqual({ failures: 0, lockedUntil: null });
  });
});
