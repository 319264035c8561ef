import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../test/dialects.js';
import { OsqueryStore, hashNodeKey } from './osquery-store.js';
import type { OsqueryTables } from './tables.js';

const T1 = new Date('2026-08-18T09:00:00Z');
const T2 = new Date('2026-08-18T10:00:00Z');
const details = { system_info: { hardware_serial: 'C02XK1ZQJG5H' } };

describe.each(DIALECTS)('OsqueryStore on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function store(): Promise<OsqueryStore> {
    t = await open();
    return new OsqueryStore(t.db);
  }
  const raw = () => t!.db.kysely as unknown as Kysely<OsqueryTables>;

  it('keeps only the sha256 of the node key, and finds the node by the key', async () => {
    const s = await store();
    await s.enroll(
      { hostIdentifier: 'H1', nodeKey: 'key-1', platformType: '16', hostDetails: details },
      T1,
    );
    const rows = await raw().selectFrom('osquery_nodes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.node_key_hash).toBe(createHash('sha256').update('key-1').digest('hex'));
    expect(JSON.stringify(rows)).not.toContain('key-1');
    expect(await s.nodeByKey('key-1')).toMatchObject({
      hostIdentifier: 'H1',
      platformType: '16',
      hostDetails: details,
      enrolledAt: T1.toISOString(),
    });
    expect(await s.nodeByKey('key-2')).toBeUndefined();
    expect(hashNodeKey('key-1')).toHaveLength(64);
  });

  it('re-enrolling a host replaces its key and keeps its results', async () => {
    const s = await store();
    await s.enroll(
      { hostIdentifier: 'H1', nodeKey: 'old', platformType: null, hostDetails: {} },
      T1,
    );
    const apps = {
      rows: [{ bundle_identifier: 'com.google.Chrome' }],
      observedAt: T1.toISOString(),
      counter: 0,
    };
    await s.recordResults('H1', new Map([['patchbay_apps', apps]]), [], T1);
    await s.enroll(
      { hostIdentifier: 'H1', nodeKey: 'new', platformType: null, hostDetails: {} },
      T2,
    );
    expect(await s.nodeByKey('old')).toBeUndefined();
    expect(await s.nodeByKey('new')).toMatchObject({ enrolledAt: T2.toISOString() });
    expect((await s.resultsOf('H1')).get('patchbay_apps')).toEqual(apps);
    expect(await s.countNodes()).toBe(1);
  });

  it('overwrites a query’s rows, records line issues and the visit time', async () => {
    const s = await store();
    await s.enroll({ hostIdentifier: 'H1', nodeKey: 'k', platformType: null, hostDetails: {} }, T1);
    const first = { rows: [{ a: '1' }], observedAt: T1.toISOString(), counter: 0 };
    const second = { rows: [{ a: '2' }, { a: '3' }], observedAt: T2.toISOString(), counter: 1 };
    await s.recordResults('H1', new Map([['q', first]]), [], T1);
    const issue = { record: 'data[1]', field: 'action', message: 'bad' };
    await s.recordResults('H1', new Map([['q', second]]), [issue], T2);
    expect((await s.resultsOf('H1')).get('q')).toEqual(second);
    expect(await s.nodeByKey('k')).toMatchObject({
      lastSeenAt: T2.toISOString(),
      lastIssues: [issue],
    });
  });

  it('pages nodes in host identifier order with their own results', async () => {
    const s = await store();
    for (const id of ['C', 'A', 'B', 'D', 'E']) {
      await s.enroll(
        { hostIdentifier: id, nodeKey: `k-${id}`, platformType: null, hostDetails: {} },
        T1,
      );
      await s.recordResults(
        id,
        new Map([['q', { rows: [{ id }], observedAt: T1.toISOString(), counter: 0 }]]),
        [],
        T1,
      );
    }
    const p1 = await s.pageOfNodes(null, 2);
    const p2 = await s.pageOfNodes('B', 2);
    const p3 = await s.pageOfNodes('D', 2);
    expect([p1, p2, p3].map((p) => p.map((n) => n.hostIdentifier))).toEqual([
      ['A', 'B'],
      ['C', 'D'],
      ['E'],
    ]);
    expect(p2.map((n) => n.results.get('q')?.rows)).toEqual([[{ id: 'C' }], [{ id: 'D' }]]);
    expect(await s.pageOfNodes('E', 2)).toEqual([]);
    expect(await s.countNodes()).toBe(5);
  });
});
