import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { compileAppMap } from './app-map.js';
import { listHosts, type HostFilter, type HostView } from './host-query.js';
import { streamHosts } from './host-stream.js';
import type { HostRecord } from './model.js';
import { InventoryStore } from './store.js';

const AT = new Date('2026-09-01T10:00:00Z');
const opts = { appMap: compileAppMap(), ownerPrecedence: ['file'] };

function host(i: number, over: Partial<HostRecord> = {}): HostRecord {
  return {
    source: 'file',
    sourceId: `S${i}`,
    serial: `SER-${String(i).padStart(3, '0')}`,
    // Names repeat (three hosts share each) so the keyset must break ties on the id.
    name: `mac-${String(i % 4).padStart(2, '0')}`,
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

async function all(pages: AsyncIterable<HostView[]>): Promise<HostView[][]> {
  const out: HostView[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe.each(DIALECTS)('host export stream on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  /** Twelve named hosts (four names, three each), three unnamed ones, one inactive. */
  async function seeded(): Promise<TestDb> {
    t = await open();
    const records = [
      ...Array.from({ length: 12 }, (_, i) => host(i)),
      ...[30, 31, 32].map((i) => host(i, { name: null })),
      host(40, { name: 'retired-mac' }),
    ];
    await new InventoryStore(t.db).applyPage('file', records, AT, opts);
    await t.db.kysely
      .updateTable('hosts')
      .set({ active: 0 })
      .where('name', '=', 'retired-mac')
      .execute();
    return t;
  }

  /** The listing's rows as they come: unnamed hosts last on both dialects, as the stream has them. */
  async function listed(db: TestDb, filter: HostFilter): Promise<HostView[]> {
    const rows = await listHosts(db.db, filter);
    expect(rows.findIndex((h) => h.name === null)).not.toBe(0);
    return rows;
  }

  it.each([1, 2, 5, 15, 1000])(
    'in pages of %i: every host of the listing once, in its order',
    async (size) => {
      const db = await seeded();
      const pages = await all(streamHosts(db.db, {}, size));
      expect(pages.every((p) => p.length > 0 && p.length <= size)).toBe(true);
      const ids = pages.flat().map((h) => h.id);
      expect(new Set(ids).size).toBe(15);
      expect(pages.flat()).toEqual(await listed(db, {}));
    },
  );

  it.each<[string, HostFilter]>([
    ['owner', { owner: 'p1@example.com' }],
    ['product', { product: 'chrome' }],
    ['free text', { q: 'SER-00' }],
    ['inactive included', { all: true }],
    ['nothing matches', { q: 'no-such-host' }],
  ])('keeps the filter (%s) and ignores limit/offset', async (_label, filter) => {
    const db = await seeded();
    const streamed = (await all(streamHosts(db.db, { ...filter, limit: 2, offset: 3 }, 4))).flat();
    expect(streamed).toEqual(await listed(db, filter));
  });
});
