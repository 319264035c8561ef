import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { compileAppMap } from './app-map.js';
import { hostFromFile } from './connectors/file/host-fields.js';
import { fileHostSchema } from './connectors/file/schema.js';
import { listHosts } from './host-query.js';
import type { HostRecord } from './model.js';
import { InventoryStore } from './store.js';

/** The store's side of identity binding: the cases the end-to-end spec does not reach. */
const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf', 'fleet', 'osquery', 'file'] };
const T1 = new Date('2026-09-01T10:00:00Z');
const T2 = new Date('2026-09-02T10:00:00Z');
const SERIAL = 'C02VICTIM0MX';
const UUID = '10DA6363-2695-5870-B5CF-C42ECE47C92F';
const OTHER = '4AB2906D-5516-5794-AF54-86D1D7F533F3';

function rec(source: string, sourceId: string, over: Partial<HostRecord> = {}): HostRecord {
  return {
    source,
    sourceId,
    serial: SERIAL,
    hardwareUuid: UUID,
    name: `${source}-${sourceId}`,
    platform: 'macos',
    osVersion: '15.6',
    osBuild: null,
    lastSeenAt: '2026-09-01T09:00:00.000Z',
    owner: { email: 'vera@example.com', name: null },
    apps: [
      { kind: 'bundle-id', key: 'com.google.Chrome', name: 'Google Chrome', version: '139.0.1.2' },
    ],
    ...over,
  };
}

describe.each(DIALECTS)('InventoryStore identity binding on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });
  async function store(): Promise<InventoryStore> {
    t = await open();
    return new InventoryStore(t.db);
  }
  const hosts = () => listHosts((t as TestDb).db, { all: true });

  it('moves a bound node apart when its hardware UUID stops matching, taking its data along', async () => {
    const s = await store();
    await s.applyPage('jamf', [rec('jamf', '1', { osVersion: '15.6' })], T1, opts);
    const node = rec('osquery', 'node-a', {
      osVersion: '15.7',
      lastSeenAt: '2026-09-01T09:30:00.000Z',
      owner: { email: 'vera.console@example.com', name: null },
    });
    await s.applyPage('osquery', [node], T1, opts);
    const [bound] = await hosts();
    expect(bound).toMatchObject({ osVersion: '15.7', sources: ['jamf', 'osquery'] });

    // Another machine now answers for node-a (a copied identifier, a swapped board).
    const res = await s.applyPage(
      'osquery',
      [{ ...node, hardwareUuid: OTHER, osVersion: '26.0', lastSeenAt: '2026-09-02T09:00:00.000Z' }],
      T2,
      opts,
    );
    expect(res.created).toBe(1);
    const after = await hosts();
    const jamfHost = after.find((h) => h.id === bound?.id);
    // Back to what Jamf alone says: the node's OS and the versions it wrote leave with it (the
    // macOS row was the node's; Jamf's own reappears at its next sync, not a stale 15.7 meanwhile).
    expect(jamfHost).toMatchObject({
      serial: SERIAL,
      osVersion: '15.6',
      owner: { email: 'vera@example.com', source: 'jamf' },
      products: { chrome: '139.0.1.2' },
      sources: ['jamf'],
      identityConflict: null,
    });
    await s.applyPage('jamf', [rec('jamf', '1', { osVersion: '15.6' })], T2, opts);
    expect((await hosts()).find((h) => h.id === bound?.id)?.products).toEqual({
      chrome: '139.0.1.2',
      macos: '15.6',
    });
    expect(after.find((h) => h.id !== bound?.id)).toMatchObject({
      serial: null,
      osVersion: '26.0',
      sources: ['osquery'],
      identityConflict: { serial: SERIAL, hostId: bound?.id },
    });
  });

  it('keeps the second of two nodes claiming one serial in one page apart', async () => {
    const s = await store();
    await s.applyPage(
      'osquery',
      [rec('osquery', 'node-a'), rec('osquery', 'node-b', { hardwareUuid: OTHER })],
      T1,
      opts,
    );
    const all = await hosts();
    expect(all).toHaveLength(2);
    const holder = all.find((h) => h.serial === SERIAL);
    expect(all.find((h) => h.id !== holder?.id)).toMatchObject({
      serial: null,
      identityConflict: { serial: SERIAL, hostId: holder?.id },
    });
  });

  it('flags a known node that switches to a serial another host holds, leaving that host alone', async () => {
    const s = await store();
    await s.applyPage('jamf', [rec('jamf', '1')], T1, opts);
    await s.applyPage(
      'osquery',
      [rec('osquery', 'node-m', { serial: 'C02MALLORY01', hardwareUuid: OTHER })],
      T1,
      opts,
    );
    await s.applyPage(
      'osquery',
      [
        rec('osquery', 'node-m', {
          hardwareUuid: OTHER,
          osVersion: '26.0',
          lastSeenAt: '2026-09-02T09:00:00.000Z',
          owner: { email: 'mallory@example.com', name: null },
        }),
      ],
      T2,
      opts,
    );
    const all = await hosts();
    const victim = all.find((h) => h.sources.includes('jamf'));
    expect(victim).toMatchObject({
      serial: SERIAL,
      osVersion: '15.6',
      owner: { email: 'vera@example.com' },
      sources: ['jamf'],
      identityConflict: null,
    });
    // It keeps the serial it had, which nobody else holds, and is flagged for the one it claims.
    expect(all.find((h) => h.sources.includes('osquery'))).toMatchObject({
      serial: 'C02MALLORY01',
      osVersion: '26.0',
      identityConflict: { serial: SERIAL, hostId: victim?.id },
    });
  });

  it.each([
    ['with the node’s hardware_uuid, merges it', UUID, 1],
    ['without hardware_uuid, keeps the node apart', '', 2],
  ])('a file export row %s', async (_, uuid, count) => {
    const s = await store();
    await s.applyPage('osquery', [rec('osquery', 'node-a')], T1, opts);
    const row = fileHostSchema.parse({ serial: SERIAL, hardware_uuid: uuid, name: 'from-csv' });
    const { host } = hostFromFile(row, 'hosts.csv line 2');
    await s.applyPage('file', [host as HostRecord], T2, opts);
    const all = await hosts();
    expect(all).toHaveLength(count);
    // Either way the file's row holds the serial and is not the one flagged.
    expect(all.find((h) => h.sources.includes('file'))).toMatchObject({
      serial: SERIAL,
      identityConflict: null,
    });
  });

  it('lets a node kept apart join once the holder’s source reports its hardware UUID', async () => {
    const s = await store();
    // Jamf had a wrong UUID on record: the real Mac's node is kept apart.
    await s.applyPage('jamf', [rec('jamf', '1', { hardwareUuid: OTHER })], T1, opts);
    await s.applyPage('osquery', [rec('osquery', 'node-a')], T1, opts);
    const apart = (await hosts()).find((h) => h.identityConflict);
    expect(apart).toMatchObject({ sources: ['osquery'], identityConflict: { serial: SERIAL } });

    // The admin fixes the record in Jamf; at the next sync the node joins the Mac's host.
    await s.applyPage('jamf', [rec('jamf', '1')], T2, opts);
    await s.applyPage(
      'osquery',
      [rec('osquery', 'node-a', { lastSeenAt: '2026-09-02T09:00:00.000Z' })],
      T2,
      opts,
    );
    await s.markInactive(new Date('2026-08-01T00:00:00Z'));
    const active = await listHosts((t as TestDb).db, {});
    expect(active).toEqual([
      expect.objectContaining({
        serial: SERIAL,
        sources: ['jamf', 'osquery'],
        identityConflict: null,
      }),
    ]);
    // The host it was kept on has no source left: nothing seen, inactive, no serial, no versions.
    expect((await hosts()).find((h) => h.id === apart?.id)).toMatchObject({
      active: false,
      serial: null,
      sources: [],
      products: {},
      identityConflict: null,
    });
  });

  it('clears the flag once the node stops claiming the held serial', async () => {
    const s = await store();
    await s.applyPage('jamf', [rec('jamf', '1')], T1, opts);
    await s.applyPage('osquery', [rec('osquery', 'node-m', { hardwareUuid: OTHER })], T1, opts);
    expect((await hosts()).filter((h) => h.identityConflict)).toHaveLength(1);
    await s.applyPage(
      'osquery',
      [rec('osquery', 'node-m', { serial: 'C02MALLORY01', hardwareUuid: OTHER })],
      T2,
      opts,
    );
    const node = (await hosts()).find((h) => h.sources.includes('osquery'));
    expect(node).toMatchObject({ serial: 'C02MALLORY01', identityConflict: null });
  });
});
