import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FleetStandIn } from '../../sandbox/fleet/server.js';
import { JamfStandIn } from '../../sandbox/jamf/server.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { HttpClient } from '../platform/http-client/http-client.js';
import { compileAppMap } from './app-map.js';
import { createInventoryConnectors } from './connectors/api.js';
import { InventoryStore } from './store.js';
import { syncInventory, type ConfiguredConnector, type InventorySyncDeps } from './sync.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const digests = new Map<string, string>();

/** What the database holds after a sync, independent of generated ids: to compare dialects. */
async function fleetDigest(t: TestDb): Promise<string> {
  const k = t.db.kysely;
  const hosts = await k
    .selectFrom('hosts')
    .select(['serial', 'os_version', 'owner_email', 'active'])
    .orderBy('serial')
    .execute();
  const versions = await k
    .selectFrom('host_versions')
    .innerJoin('hosts', 'hosts.id', 'host_versions.host_id')
    .select(['hosts.serial', 'host_versions.product_id', 'host_versions.version'])
    .orderBy('hosts.serial')
    .orderBy('host_versions.product_id')
    .execute();
  const text = JSON.stringify({
    hosts: hosts.map((h) => ({ ...h, active: Number(h.active) })),
    versions,
  });
  return createHash('sha256').update(text).digest('hex');
}

describe.each(DIALECTS)('inventory sync over HTTP on $name', ({ name, open }) => {
  let t: TestDb;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function setup() {
    t = await open();
    cleanups.push(() => t.cleanup());
    const http = new HttpClient({
      timeoutMs: 10_000,
      userAgent: 'test',
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5000 },
      sleep: () => Promise.resolve(),
    });
    const deps: InventorySyncDeps = {
      store: new InventoryStore(t.db),
      http,
      log: pino({ level: 'silent' }),
      now: () => NOW,
      appMap: compileAppMap(),
      ownerPrecedence: ['jamf', 'fleet'],
      inactiveAfterMs: 30 * 86_400_000,
    };
    return { deps, connectors: createInventoryConnectors({ db: t.db }) };
  }

  async function jamf(hosts: number) {
    const standIn = new JamfStandIn({
      clientId: 'patchbay',
      clientSecret: 'jamf-secret-1',
      tokenLifetimeMs: 20 * 60_000,
      now: () => NOW.getTime(),
    });
    standIn.loadFleet(hosts, 7);
    const url = await standIn.listen();
    cleanups.push(() => standIn.close());
    return {
      standIn,
      settings: {
        url,
        clientId: 'patchbay',
        clientSecret: 'jamf-secret-1',
        username: null,
        password: null,
        pageSize: 500,
        concurrency: 4,
      },
    };
  }

  it('syncs 10,000 Jamf computers with one token and a request per page', async () => {
    const { deps, connectors } = await setup();
    const { standIn, settings } = await jamf(10_000);
    const c: ConfiguredConnector = {
      connector: connectors.get('jamf') as ConfiguredConnector['connector'],
      settings,
    };
    const summary = await syncInventory(deps, [c]);
    expect(summary.sources[0]).toMatchObject({
      source: 'jamf',
      outcome: 'ok',
      hostsSeen: 10_000,
      hostsNew: 10_000,
    });
    expect(standIn.tokensIssued).toBe(1);
    expect(standIn.count('computers-inventory')).toBe(20);
    const hosts = await t.db.kysely
      .selectFrom('hosts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst();
    expect(Number(hosts?.n)).toBe(10_000);
    digests.set(name, await fleetDigest(t));
    // A second, unchanged sync writes no history.
    const again = await syncInventory(deps, [c]);
    expect(again.sources[0]).toMatchObject({ hostsNew: 0, hostsChanged: 0, versionChanges: 0 });
  }, 120_000); // 10,000 hosts through HTTP and the merge: minutes on a loaded 2-core machine

  it('refreshes a token that was revoked mid-sync once, and completes', async () => {
    const { deps, connectors } = await setup();
    const { standIn, settings } = await jamf(1200);
    let revoked = false;
    const summary = await syncInventory(
      {
        ...deps,
        onProgress: () => {
          if (!revoked) standIn.invalidateTokens();
          revoked = true;
        },
      },
      [
        {
          connector: connectors.get('jamf') as ConfiguredConnector['connector'],
          settings: { ...settings, concurrency: 1 },
        },
      ],
    );
    expect(summary.sources[0]).toMatchObject({ outcome: 'ok', hostsSeen: 1200 });
    expect(standIn.tokensIssued).toBe(2);
  });

  it('reports a malformed Fleet host and lands the others', async () => {
    const { deps, connectors } = await setup();
    const standIn = new FleetStandIn({ token: 'fleet-token' });
    const fleet = standIn.loadFleet(300, 3);
    const bad = fleet[10];
    standIn.malformHost(bad?.id ?? 0, { platform: undefined });
    const url = await standIn.listen();
    cleanups.push(() => standIn.close());
    const summary = await syncInventory(deps, [
      {
        connector: connectors.get('fleet') as ConfiguredConnector['connector'],
        settings: { url, token: 'fleet-token', queryId: null, pageSize: 100 },
      },
    ]);
    const res = summary.sources[0];
    expect(res).toMatchObject({ outcome: 'ok', hostsSeen: 299 });
    expect(res?.issues).toEqual([
      expect.objectContaining({
        source: 'fleet',
        field: 'platform',
        record: expect.stringContaining(String(bad?.id)) as string,
      }),
    ]);
  });

  it('keeps the pages it got when a source fails part way, and says so', async () => {
    const { deps, connectors } = await setup();
    const standIn = new FleetStandIn({ token: 'fleet-token' });
    standIn.loadFleet(500, 5);
    standIn.failOn('hosts', 3, { status: 400 });
    const url = await standIn.listen();
    cleanups.push(() => standIn.close());
    const summary = await syncInventory(deps, [
      {
        connector: connectors.get('fleet') as ConfiguredConnector['connector'],
        settings: { url, token: 'fleet-token', queryId: null, pageSize: 100 },
      },
    ]);
    expect(summary.sources[0]).toMatchObject({
      outcome: 'failed',
      hostsSeen: 200,
      error: { code: 'E_HTTP_STATUS' },
    });
    const n = await t.db.kysely
      .selectFrom('hosts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(200);
  });
});

afterAll(() => {
  // The same sync gives the same inventory on every database it ran on.
  if (digests.size > 1) expect(new Set(digests.values()).size).toBe(1);
});
