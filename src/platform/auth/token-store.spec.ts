import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { isPatchbayError } from '../errors/errors.js';
import { TokenStore } from './token-store.js';
import { verifyBearer, type AuthDeps } from './verify.js';

const T0 = new Date('2026-08-25T12:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const log = pino({ level: 'silent' });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return isPatchbayError(err) ? err.code : `uncoded: ${String(err)}`;
  }
}

describe.each(DIALECTS)('api tokens on $name', ({ open }) => {
  let t: TestDb;
  let store: TokenStore;
  let clock: Date;
  let deps: AuthDeps;

  beforeEach(async () => {
    t = await open();
    store = new TokenStore(t.db);
    clock = T0;
    deps = { db: t.db, now: () => clock, log };
  });
  afterEach(() => t.cleanup());

  it('stores only the sha256 of the token, never the token', async () => {
    const { token, info } = await store.create({
      name: 'ci',
      scope: 'read',
      expiresAt: null,
      now: T0,
    });
    const rows = await t.db.kysely.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(3));
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(info).toMatchObject({ name: 'ci', scope: 'read', state: 'active', lastUsedAt: null });
    expect(JSON.stringify(await store.list(T0))).not.toContain(rows[0]?.hash);
  });

  it('accepts its token with the right scope; admin implies read', async () => {
    const read = await store.create({ name: 'r', scope: 'read', expiresAt: null, now: T0 });
    const admin = await store.create({ name: 'a', scope: 'admin', expiresAt: null, now: T0 });
    const bearer = (tok: string): string => `Bearer ${tok}`;
    expect(await verifyBearer(deps, bearer(read.token), 'read')).toMatchObject({ name: 'r' });
    expect(await verifyBearer(deps, bearer(admin.token), 'read')).toMatchObject({ name: 'a' });
    expect(await verifyBearer(deps, bearer(admin.token), 'admin')).toMatchObject({ name: 'a' });
    expect(await codeOf(verifyBearer(deps, bearer(read.token), 'admin'))).toBe('E_API_SCOPE');
  });

  it('refuses missing, malformed, unknown, expired and revoked tokens with E_API_TOKEN', async () => {
    const live = await store.create({
      name: 'live',
      scope: 'admin',
      expiresAt: at(60_000),
      now: T0,
    });
    const gone = await store.create({ name: 'gone', scope: 'admin', expiresAt: null, now: T0 });
    await store.revoke('gone', T0);
    const unknown = `pb_${'A'.repeat(43)}`;
    for (const header of [undefined, 'Bearer nope', `Basic ${live.token}`, `Bearer ${unknown}`])
      expect(await codeOf(verifyBearer(deps, header, 'read')), String(header)).toBe('E_API_TOKEN');
    expect(await codeOf(verifyBearer(deps, `Bearer ${gone.token}`, 'read'))).toBe('E_API_TOKEN');
    expect(await codeOf(verifyBearer(deps, `Bearer ${live.token}`, 'read'))).toBe('ok');
    clock = at(60_000);
    expect(await codeOf(verifyBearer(deps, `Bearer ${live.token}`, 'read'))).toBe('E_API_TOKEN');
  });

  it('records use at most once a minute', async () => {
    const { token } = await store.create({ name: 'ci', scope: 'read', expiresAt: null, now: T0 });
    const lastUsed = async (): Promise<string | null> =>
      (await store.list(clock))[0]?.lastUsedAt ?? null;
    const steps: [number, string][] = [
      [0, T0.toISOString()],
      [30_000, T0.toISOString()],
      [59_999, T0.toISOString()],
      [60_000, at(60_000).toISOString()],
      [90_000, at(60_000).toISOString()],
    ];
    for (const [ms, expected] of steps) {
      clock = at(ms);
      await verifyBearer(deps, `Bearer ${token}`, 'read');
      expect(await lastUsed(), `after a request at +${ms}ms`).toBe(expected);
    }
  });

  it('revokes by id or by name, refuses a second active token of one name', async () => {
    const a = await store.create({ name: 'ci', scope: 'read', expiresAt: null, now: T0 });
    expect(
      await codeOf(store.create({ name: 'ci', scope: 'read', expiresAt: null, now: T0 })),
    ).toBe('E_USAGE');
    expect((await store.revoke(String(a.info.id), at(1000)))[0]).toMatchObject({
      state: 'revoked',
      revokedAt: at(1000).toISOString(),
    });
    // The name is free again once its token is revoked; revoking by name then takes the new one.
    const b = await store.create({ name: 'ci', scope: 'admin', expiresAt: null, now: at(2000) });
    const revoked = await store.revoke('ci', at(3000));
    expect(revoked.map((r) => [r.id, r.revokedAt])).toEqual([
      [a.info.id, at(1000).toISOString()],
      [b.info.id, at(3000).toISOString()],
    ]);
    expect(await codeOf(store.revoke('nobody', T0))).toBe('E_NOT_FOUND');
    expect(await codeOf(store.revoke('999', T0))).toBe('E_NOT_FOUND');
  });

  it.each(['', '123', 'has space', 'x'.repeat(65), '-dash'])(
    'refuses the name %j',
    async (name) => {
      expect(await codeOf(store.create({ name, scope: 'read', expiresAt: null, now: T0 }))).toBe(
        'E_USAGE',
      );
    },
  );
});
