import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { ensureSetupCode } from './setup-code.js';
import { normalizeSetupCode, sha256 } from './secrets.js';
import { AuthStore } from './store.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe.each(DIALECTS)('AuthStore on $name', ({ open }) => {
  let t: TestDb;
  let store: AuthStore;
  beforeEach(async () => {
    t = await open();
    store = new AuthStore(t.db);
  });
  afterEach(() => t.cleanup());

  it('lets exactly one of two concurrent setups with the same code create the admin', async () => {
    const code = (await ensureSetupCode(t.db, NOW))!;
    const hash = sha256(normalizeSetupCode(code));
    const results = await Promise.all([
      store.completeSetup(hash, 'first', 'scrypt$x', NOW),
      store.completeSetup(hash, 'second', 'scrypt$y', NOW),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const admins = await t.db.kysely.selectFrom('web_admins').select('username').execute();
    expect(admins).toHaveLength(1);
    expect(await ensureSetupCode(t.db, NOW)).toBeNull();
    expect(await store.setupCodeHashes()).toEqual([]);
  });

  it('keeps only the latest setup code', async () => {
    await ensureSetupCode(t.db, NOW);
    const second = (await ensureSetupCode(t.db, NOW))!;
    expect(await store.setupCodeHashes()).toEqual([sha256(normalizeSetupCode(second))]);
  });

  it('touches sessions and sweeps expired ones on logout', async () => {
    await store.createSession('a'.repeat(64), 'admin', NOW, later(1000));
    await store.createSession('b'.repeat(64), 'admin', NOW, later(10_000));
    await store.createSession('c'.repeat(64), 'admin', NOW, later(20_000));
    await store.touchSession('c'.repeat(64), later(5000), later(50_000));
    expect(await store.getSession('c'.repeat(64))).toEqual({
      username: 'admin',
      lastSeenAt: later(5000).toISOString(),
      expiresAt: later(50_000).toISOString(),
    });
    await store.deleteSession('b'.repeat(64), later(5000));
    const left = await t.db.kysely.selectFrom('web_sessions').select('id_hash').execute();
    expect(left.map((r) => r.id_hash)).toEqual(['c'.repeat(64)]);
  });

  it('counts, overwrites and clears login failures', async () => {
    expect(await store.failures('user:admin')).toBeNull();
    await store.putFailures('user:admin', { failures: 1, lockedUntil: null }, NOW);
    await store.putFailures(
      'user:admin',
      { failures: 5, lockedUntil: later(60_000).toISOString() },
      NOW,
    );
    expect(await store.failures('user:admin')).toEqual({
      failures: 5,
      lockedUntil: later(60_000).toISOString(),
    });
    await store.clearFailures('user:admin');
    expect(await store.failures('user:admin')).toBeNull();
  });
});
