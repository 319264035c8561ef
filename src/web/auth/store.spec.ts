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

  it('remembers known browsers and forgets unused ones', async () => {
    await store.createDevice('d'.repeat(64), 'admin', NOW);
    await store.createDevice('e'.repeat(64), 'admin', NOW);
    await store.touchDevice('e'.repeat(64), later(10_000));
    expect(await store.deviceUser('d'.repeat(64), NOW)).toBe('admin');
    expect(await store.deviceUser('d'.repeat(64), later(1))).toBeNull();
    expect(await store.deviceUser('f'.repeat(64), NOW)).toBeNull();
    await store.sweepDevices(later(5000));
    const left = await t.db.kysely.selectFrom('web_known_devices').select('id_hash').execute();
    expect(left.map((r) => r.id_hash)).toEqual(['e'.repeat(64)]);
  });
});
