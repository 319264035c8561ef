import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { compileAppMap } from './app-map.js';
import { countHosts, listHosts, type HostFilter } from './host-query.js';
import type { HostRecord } from './model.js';
import { InventoryStore } from './store.js';

const AT = new Date('2026-09-01T10:00:00Z');
const opts = { appMap: compileAppMap(), ownerPrecedence: ['file'] };

function host(i: number, over: Partial<HostRecord> = {}): HostRecord {
  return {
    source: 'file',
    sourceId: `S${i}`,
    serial: `SER-${String(i).padStart(3, '0')}`,
    name: `mac-${String(i).padStart(2, '0')}`,
    platform: 'macos',
    osVersion: '15.6',
    osBuild: null,
    lastSeenAt: '2026-09-01T09:00:00.000Z',
    owner: { email: `p${i % 3}@example.com`, name: `Person ${i % 3}` },
    apps:
      i % 2 === 0
        ? [{ kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: `139.0.${i}` }]
        : [],
    ...over,
  };
}

describe.each(DIALECTS)('host query on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  /** Twelve hosts mac-00..mac-11, owners p0..p2, Chrome on the even ones, plus the odd ones below. */
  async function seeded(): Promise<TestDb> {
    t = await open();
    const records = [
      ...Array.from({ length: 12 }, (_, i) => host(i)),
      host(20, { name: 'odd-mac', serial: 'SER_50%', owner: null, osVersion: '26.0' }),
      host(21, { name: null, owner: { email: 'zoe@example.com', name: 'Zoë Quux' } }),
      host(22, { name: 'retired-mac', platform: 'windows' }),
    ];
    await new InventoryStore(t.db).applyPage('file', records, AT, opts);
    await t.db.kysely
      .updateTable('hosts')
      .set({ active: 0 })
      .where('name', '=', 'retired-mac')
      .execute();
    return t;
  }

  const names = async (db: TestDb, filter: HostFilter) =>
    (await listHosts(db.db, filter)).map((h) => h.name ?? h.serial);

  it('pages in name order with LIMIT/OFFSET and counts without paging', async () => {
    const db = await seeded();
    const all = await names(db, {});
    expect(all).toHaveLength(14);
    expect(await countHosts(db.db, {})).toBe(14);
    const pages = [
      await names(db, { limit: 5 }),
      await names(db, { limit: 5, offset: 5 }),
      await names(db, { limit: 5, offset: 10 }),
    ];
    expect(pages.map((p) => p.length)).toEqual([5, 5, 4]);
    expect(pages.flat()).toEqual(all);
    expect(await names(db, { offset: 12 })).toEqual(all.slice(12));
    expect(await countHosts(db.db, { limit: 5, offset: 5 })).toBe(14);
    expect(await countHosts(db.db, { all: true })).toBe(15);
  });

  it('reads products and sources for the page hosts', async () => {
    const db = await seeded();
    const page = await listHosts(db.db, { q: 'mac-0', limit: 2, offset: 2 });
    expect(page.map((h) => [h.name, h.products, h.sources])).toEqual([
      ['mac-02', { chrome: '139.0.2', macos: '15.6' }, ['file']],
      ['mac-03', { macos: '15.6' }, ['file']],
    ]);
  });

  it.each<[string, HostFilter, number]>([
    ['name, any case', { q: 'MAC-1' }, 2],
    ['serial', { q: 'ser-007' }, 1],
    ['owner email', { q: 'P1@EXAMPLE' }, 4],
    ['owner name', { q: 'zoë' }, 1],
    ['os version', { q: '26.0' }, 1],
    ['platform', { q: 'macOS' }, 14],
    ['inactive only with all', { q: 'retired', all: true }, 1],
    ['% taken literally', { q: '%' }, 1],
    ['_ taken literally', { q: '_' }, 1],
    ['no match', { q: 'mac-99' }, 0],
    ['blank search is no filter', { q: '  ' }, 14],
    ['with owner and product', { q: 'mac-0', owner: 'P0@example.com', product: 'chrome' }, 2],
    ['product and version', { product: 'chrome', version: '139.0.4' }, 1],
  ])('searches and filters in SQL: %s', async (_name, filter, expected) => {
    const db = await seeded();
    expect(await listHosts(db.db, filter)).toHaveLength(expected);
    expect(await countHosts(db.db, filter)).toBe(expected);
  });
});
