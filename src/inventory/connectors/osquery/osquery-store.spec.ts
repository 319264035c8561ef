import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../test/dialects.js';
import { openDatabase } from '../../../platform/db/db.js';
import { migrate } from '../../../platform/db/migrate.js';
import { MIGRATIONS } from '../../../platform/db/migrations/list.js';
import { OsqueryStore, hashNodeKey } from './osquery-store.js';
import type { OsqueryTables } from './tables.js';

const T1 = new Date('2026-08-18T09:00:00Z');
const T2 = new Date('2026-08-18T10:00:00Z');
const details = { system_info: { hardware_serial: 'C02XK1ZQJG5H' } };
const LIVE_FOR = 30 * 60_000;
const node = (hostIdentifier: string, nodeKey: string, over: object = {}) => ({
  hostIdentifier,
  nodeKey,
  platformType: null,
  hostDetails: {},
  from: '192.0.2.10',
  ...over,
});

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
    await s.enroll(node('H1', 'key-1', { platformType: '16', hostDetails: details }), T1, LIVE_FOR);
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

  it('re-enrolling a host quiet for longer than liveFor replaces its key and keeps its results', async () => {
    const s = await store();
    expect(await s.enroll(node('H1', 'old'), T1, LIVE_FOR)).toEqual({ outcome: 'enrolled' });
    const apps = {
      rows: [{ bundle_identifier: 'com.google.Chrome' }],
      observedAt: T1.toISOString(),
      counter: 0,
    };
    await s.recordResults('H1', new Map([['patchbay_apps', apps]]), [], T1);
    expect(await s.enroll(node('H1', 'new'), T2, LIVE_FOR)).toEqual({
      outcome: 're-enrolled',
      previousKeyUsedAt: T1.toISOString(),
    });
    expect(await s.nodeByKey('old')).toBeUndefined();
    expect(await s.nodeByKey('new')).toMatchObject({ enrolledAt: T2.toISOString() });
    expect((await s.resultsOf('H1')).get('patchbay_apps')).toEqual(apps);
    expect(await s.countNodes()).toBe(1);
  });

  it('overwrites a query’s rows, records line issues and the visit time', async () => {
    const s = await store();
    await s.enroll(node('H1', 'k'), T1, LIVE_FOR);
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
      await s.enroll(node(id, `k-${id}`), T1, LIVE_FOR);
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

  // Issue 9, item 1: with the shared enroll secret, anyone could enroll under a working node's
  // host identifier and so retire its key. Before the fix this enrollment replaced 'victim'.
  it('refuses to enroll over a live node: its key keeps working, the refusal is counted on it', async () => {
    const s = await store();
    await s.enroll(node('H1', 'victim'), T1, LIVE_FOR);
    await s.touch('H1', T1);
    const later = new Date(T1.getTime() + LIVE_FOR - 1);
    const attack = node('H1', 'attacker', { hostDetails: details, from: '198.51.100.7' });
    expect(await s.enroll(attack, later, LIVE_FOR)).toEqual({
      outcome: 'refused',
      keyUsedAt: T1.toISOString(),
    });
    expect(await s.enroll(attack, later, LIVE_FOR)).toMatchObject({ outcome: 'refused' });
    expect(await s.nodeByKey('attacker')).toBeUndefined();
    expect(await s.nodeByKey('victim')).toMatchObject({
      hostIdentifier: 'H1',
      hostDetails: {},
      enrolledAt: T1.toISOString(),
      refusedEnrollments: { count: 2, lastAt: later.toISOString(), lastFrom: '198.51.100.7' },
    });
  });

  it('lets the node back in once its key has been quiet for liveFor (a reinstalled Mac)', async () => {
    const s = await store();
    await s.enroll(node('H1', 'old'), T1, LIVE_FOR);
    await s.touch('H1', T1);
    const quiet = new Date(T1.getTime() + LIVE_FOR);
    expect(await s.enroll(node('H1', 'new'), quiet, LIVE_FOR)).toMatchObject({
      outcome: 're-enrolled',
    });
    expect(await s.nodeByKey('old')).toBeUndefined();
    expect(await s.nodeByKey('new')).not.toHaveProperty('refusedEnrollments');
  });

  it('a key never used does not hold its identifier: osqueryd asking again gets a fresh key', async () => {
    const s = await store();
    await s.enroll(node('H1', 'lost-answer'), T1, LIVE_FOR);
    expect(await s.enroll(node('H1', 'retry'), T1, LIVE_FOR)).toEqual({
      outcome: 're-enrolled',
      previousKeyUsedAt: null,
    });
    expect(await s.nodeByKey('retry')).toMatchObject({ hostIdentifier: 'H1' });
  });

  it('a result log counts as a use of the key, as a config request does', async () => {
    const s = await store();
    await s.enroll(node('H1', 'k'), T1, LIVE_FOR);
    await s.recordResults('H1', new Map(), [], T2);
    const soon = new Date(T2.getTime() + 60_000);
    expect(await s.enroll(node('H1', 'other'), soon, LIVE_FOR)).toMatchObject({
      outcome: 'refused',
      keyUsedAt: T2.toISOString(),
    });
  });

  it('liveFor 0 turns the rule off: any enrollment replaces the key', async () => {
    const s = await store();
    await s.enroll(node('H1', 'a'), T1, 0);
    await s.touch('H1', T1);
    expect(await s.enroll(node('H1', 'b'), T1, 0)).toMatchObject({ outcome: 're-enrolled' });
  });
});

describe('migration 0011-osquery-enrollment', () => {
  it('counts nodes enrolled before it as used when last seen: live, the safe side', async () => {
    const db = openDatabase('sqlite::memory:');
    try {
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.id < '0011'),
      );
      const k = db.kysely as unknown as Kysely<OsqueryTables>;
      await sql`INSERT INTO osquery_nodes (host_identifier, node_key_hash, host_details, enrolled_at, last_seen_at, last_issues)
        VALUES ('H1', ${hashNodeKey('old')}, '{}', ${T1.toISOString()}, ${T2.toISOString()}, '[]')`.execute(
        k,
      );
      await migrate(db);
      const s = new OsqueryStore(db);
      const soon = new Date(T2.getTime() + 60_000);
      expect(await s.enroll(node('H1', 'new'), soon, LIVE_FOR)).toEqual({
        outcome: 'refused',
        keyUsedAt: T2.toISOString(),
      });
      expect(await s.nodeByKey('old')).toMatchObject({ hostIdentifier: 'H1' });
    } finally {
      await db.close();
    }
  });
});
