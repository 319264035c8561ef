import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { compileAppMap } from './app-map.js';
import type { HostRecord } from './model.js';
import { InventoryStore } from './store.js';

const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf', 'fleet'] };
const T1 = new Date('2026-09-01T10:00:00Z');

function host(source: string, sourceId: string, over: Partial<HostRecord> = {}): HostRecord {
  return {
    source,
    sourceId,
    serial: 'C02ABC123456',
    name: 'mbp-alice',
    platform: 'macos',
    osVersion: '13.7.8',
    osBuild: null,
    lastSeenAt: '2026-09-01T09:00:00.000Z',
    owner: null,
    apps: [],
    ...over,
  };
}

describe.each(DIALECTS)('InventoryStore hardware model on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });
  async function store(): Promise<InventoryStore> {
    t = await open();
    return new InventoryStore(t.db);
  }
  const row = () =>
    (t as TestDb).db.kysely
      .selectFrom('hosts')
      .select(['model', 'rev'])
      .executeTakeFirstOrThrow()
      .then((r) => ({ model: r.model, rev: Number(r.rev) }));

  it('keeps the model a source reports, and a later source without one does not erase it', async () => {
    const s = await store();
    await s.applyPage('jamf', [host('jamf', '501', { model: 'MacBookPro15,1' })], T1, opts);
    expect((await row()).model).toBe('MacBookPro15,1');
    await s.applyPage(
      'fleet',
      [host('fleet', '17', { lastSeenAt: '2026-09-01T09:30:00.000Z' })],
      T1,
      opts,
    );
    expect((await row()).model).toBe('MacBookPro15,1');
  });

  it('bumps the host revision when its model changes, so its findings are re-evaluated', async () => {
    const s = await store();
    await s.applyPage('jamf', [host('jamf', '501', { model: 'MacBookPro15,1' })], T1, opts);
    const before = await row();
    await s.applyPage('jamf', [host('jamf', '501', { model: 'MacBookPro15,1' })], T1, opts);
    expect((await row()).rev).toBe(before.rev);
    await s.applyPage('jamf', [host('jamf', '501', { model: 'Mac14,10' })], T1, opts);
    expect(await row()).toEqual({ model: 'Mac14,10', rev: before.rev + 1 });
  });
});
