import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { compileAppMap } from './app-map.js';
import type { HostRecord } from './model.js';
import { InventoryStore } from './store.js';

const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf', 'fleet'] };
const T1 = new Date('2026-09-01T10:00:00Z');
const T2 = new Date('2026-09-02T10:00:00Z');
const T3 = new Date('2026-09-03T10:00:00Z');

function host(source: string, sourceId: string, over: Partial<HostRecord> = {}): HostRecord {
  return {
    source,
    sourceId,
    serial: 'C02ABC123456',
    name: 'mbp-alice',
    platform: 'macos',
    osVersion: '15.6',
    osBuild: null,
    lastSeenAt: '2026-09-01T09:00:00.000Z',
    owner: null,
    apps: [
      { kind: 'bundle-id', key: 'com.google.Chrome', name: 'Google Chrome', version: '139.0.1.2' },
    ],
    ...over,
  };
}

describe.each(DIALECTS)('InventoryStore on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });
  async function store(): Promise<InventoryStore> {
    t = await open();
    return new InventoryStore(t.db);
  }
  const k = () => (t as TestDb).db.kysely;

  it("stores a failed source's message without a URL's credentials or token (the dashboard shows it)", async () => {
    const s = await store();
    await s.recordSourceResult('jamf', T1, {
      ok: false,
      code: 'E_HTTP',
      message: 'GET https://admin:hunter2@jamf.example.com/api?token=s3cret answered 500',
    });
    const row = await k()
      .selectFrom('inventory_sources')
      .select('last_error')
      .where('source', '=', 'jamf')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toContain('jamf.example.com');
    expect(row.last_error).not.toMatch(/hunter2|s3cret|admin:/);
  });

  it('merges hosts from two sources by serial and takes the owner by precedence', async () => {
    const s = await store();
    await s.applyPage(
      'fleet',
      [host('fleet', '17', { owner: { email: 'Alice@Example.com', name: null } })],
      T1,
      opts,
    );
    const res = await s.applyPage(
      'jamf',
      [host('jamf', '501', { owner: { email: 'alice.smith@example.com', name: 'Alice Smith' } })],
      T1,
      opts,
    );
    expect(res).toMatchObject({ seen: 1, created: 0 });
    const hosts = await k().selectFrom('hosts').selectAll().execute();
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      serial: 'C02ABC123456',
      owner_email: 'alice.smith@example.com',
      owner_name: 'Alice Smith',
      owner_source: 'jamf',
    });
    expect(
      await k().selectFrom('host_sources').select('source').orderBy('source').execute(),
    ).toEqual([{ source: 'fleet' }, { source: 'jamf' }]);
  });

  it('records each version change once; an unchanged re-sync writes no history', async () => {
    const s = await store();
    const first = await s.applyPage('fleet', [host('fleet', '17')], T1, opts);
    expect(first).toMatchObject({ created: 1, versionChanges: 2 });
    const again = await s.applyPage(
      'fleet',
      [host('fleet', '17', { lastSeenAt: '2026-09-02T09:00:00.000Z' })],
      T2,
      opts,
    );
    expect(again).toMatchObject({ created: 0, changed: 0, versionChanges: 0 });
    await s.applyPage(
      'fleet',
      [host('fleet', '17', { osVersion: '15.7', lastSeenAt: '2026-09-03T08:00:00.000Z' })],
      T3,
      opts,
    );
    const history = await k()
      .selectFrom('version_history')
      .select(['product_id', 'version', 'previous_version', 'first_observed_at'])
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      {
        product_id: 'macos',
        version: '15.6',
        previous_version: null,
        first_observed_at: '2026-09-01T09:00:00.000Z',
      },
      {
        product_id: 'chrome',
        version: '139.0.1.2',
        previous_version: null,
        first_observed_at: '2026-09-01T09:00:00.000Z',
      },
      {
        product_id: 'macos',
        version: '15.7',
        previous_version: '15.6',
        first_observed_at: '2026-09-03T08:00:00.000Z',
      },
    ]);
  });

  it('does not let an older report from another source undo a newer one', async () => {
    const s = await store();
    await s.applyPage(
      'fleet',
      [host('fleet', '17', { osVersion: '15.7', lastSeenAt: '2026-09-02T09:00:00.000Z' })],
      T2,
      opts,
    );
    await s.applyPage(
      'jamf',
      [host('jamf', '501', { osVersion: '15.6', lastSeenAt: '2026-08-20T09:00:00.000Z' })],
      T2,
      opts,
    );
    const v = await k()
      .selectFrom('host_versions')
      .selectAll()
      .where('product_id', '=', 'macos')
      .executeTakeFirst();
    expect(v).toMatchObject({ version: '15.7', source: 'fleet' });
  });

  it('folds two records of one host in a page (a host list row and a query report row)', async () => {
    const s = await store();
    await s.applyPage(
      'fleet',
      [
        host('fleet', '17', { osVersion: null }),
        host('fleet', '17', { name: null, osVersion: '15.6.1', apps: null }),
      ],
      T1,
      opts,
    );
    const h = await k().selectFrom('hosts').selectAll().executeTakeFirst();
    expect(h).toMatchObject({ name: 'mbp-alice', os_version: '15.6.1' });
    expect(
      (
        await k().selectFrom('host_versions').select('product_id').orderBy('product_id').execute()
      ).map((r) => r.product_id),
    ).toEqual(['chrome', 'macos']);
  });

  it('removes an app the source no longer reports after a complete read', async () => {
    const s = await store();
    const page = await s.applyPage('fleet', [host('fleet', '17')], T1, opts);
    expect(page.reported).toHaveLength(2);
    const second = await s.applyPage('fleet', [host('fleet', '17', { apps: [] })], T2, opts);
    expect(
      await s.removeUnreported('fleet', new Set(second.hostIds), new Set(second.reported)),
    ).toBe(1);
    expect(
      (await k().selectFrom('host_versions').select('product_id').execute()).map(
        (r) => r.product_id,
      ),
    ).toEqual(['macos']);
  });

  it('marks hosts not seen for a while inactive without deleting them, and active again when seen', async () => {
    const s = await store();
    await s.applyPage(
      'fleet',
      [
        host('fleet', '1', { serial: 'S1', lastSeenAt: '2026-07-01T00:00:00.000Z' }),
        host('fleet', '2', { serial: 'S2' }),
      ],
      T1,
      opts,
    );
    expect(await s.markInactive(new Date('2026-08-01T00:00:00Z'))).toBe(1);
    await s.applyPage(
      'fleet',
      [host('fleet', '1', { serial: 'S1', lastSeenAt: '2026-09-01T00:00:00.000Z' })],
      T2,
      opts,
    );
    expect(await s.markInactive(new Date('2026-08-01T00:00:00Z'))).toBe(0);
    expect(await k().selectFrom('hosts').select('id').execute()).toHaveLength(2);
  });

  it('bumps a host revision once per change evaluation reads, and never for an unchanged page', async () => {
    const s = await store();
    const revs = () =>
      k().selectFrom('hosts').select(['rev', 'eval_rev']).executeTakeFirstOrThrow();
    await s.applyPage('fleet', [host('fleet', '17')], T1, opts);
    const fresh = await revs();
    expect(Number(fresh.rev)).toBeGreaterThan(Number(fresh.eval_rev));
    const rev0 = Number(fresh.rev);

    // Unchanged, even with a new check-in time: nothing evaluation reads moved.
    const again = await s.applyPage(
      'fleet',
      [host('fleet', '17', { lastSeenAt: '2026-09-02T09:00:00.000Z' })],
      T2,
      opts,
    );
    expect(again).toMatchObject({ changed: 0, versionChanges: 0 });
    expect(Number((await revs()).rev)).toBe(rev0);

    const chrome = [
      { kind: 'bundle-id' as const, key: 'com.google.Chrome', name: null, version: '140.0.1.1' },
    ];
    await s.applyPage('fleet', [host('fleet', '17', { apps: chrome })], T2, opts);
    expect(Number((await revs()).rev)).toBe(rev0 + 1);

    await s.applyPage(
      'fleet',
      [host('fleet', '17', { apps: chrome, owner: { email: 'bob@example.com', name: null } })],
      T3,
      opts,
    );
    expect(Number((await revs()).rev)).toBe(rev0 + 2);

    expect(await s.markInactive(new Date('2026-09-10T00:00:00Z'))).toBe(1);
    expect(Number((await revs()).rev)).toBe(rev0 + 3);
    // Already inactive: a second pass changes nothing, so bumps nothing.
    await s.markInactive(new Date('2026-09-10T00:00:00Z'));
    expect(Number((await revs()).rev)).toBe(rev0 + 3);
  });

  it('rewrites no source row when nothing but the sync time would change', async () => {
    const s = await store();
    await s.applyPage('fleet', [host('fleet', '17')], T1, opts);
    await s.applyPage('fleet', [host('fleet', '17')], T2, opts);
    const row = await k().selectFrom('host_sources').select('synced_at').executeTakeFirstOrThrow();
    // synced_at is when this source's view of the host last changed.
    expect(row.synced_at).toBe(T1.toISOString());
    await s.applyPage('fleet', [host('fleet', '17', { name: 'renamed' })], T3, opts);
    expect(
      (await k().selectFrom('host_sources').select('synced_at').executeTakeFirstOrThrow())
        .synced_at,
    ).toBe(T3.toISOString());
  });

  it('keeps two hosts of one page apart when both would take the same new serial', async () => {
    const s = await store();
    await s.applyPage(
      'fleet',
      [
        host('fleet', '1', { serial: null, name: 'a' }),
        host('fleet', '2', { serial: null, name: 'b' }),
      ],
      T1,
      opts,
    );
    const res = await s.applyPage(
      'fleet',
      [
        host('fleet', '1', { serial: 'S9', name: 'a' }),
        host('fleet', '2', { serial: 'S9', name: 'b' }),
      ],
      T2,
      opts,
    );
    expect(res.issues.map((i) => i.field)).toEqual(['serial']);
    const serials = (await k().selectFrom('hosts').select('serial').execute()).map((h) => h.serial);
    expect(serials.sort()).toEqual(['S9', null].sort());
  });

  it('reports a serial that already belongs to another host instead of failing the page', async () => {
    const s = await store();
    await s.applyPage('jamf', [host('jamf', '1', { serial: 'S1' })], T1, opts);
    await s.applyPage('fleet', [host('fleet', '9', { serial: null, name: 'other' })], T1, opts);
    const res = await s.applyPage(
      'fleet',
      [host('fleet', '9', { serial: 'S1', name: 'other' })],
      T2,
      opts,
    );
    // Fleet host 9 is already its own host: its serial now collides with Jamf's host.
    expect(res.issues.map((i) => i.field)).toEqual(['serial']);
    expect(await k().selectFrom('hosts').select('id').execute()).toHaveLength(2);
  });
});
