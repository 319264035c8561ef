import { readFileSync } from 'node:fs';
import { fastify, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { GeneratedHost } from '../../sandbox/jamf/generate.js';
import { JamfStandIn } from '../../sandbox/jamf/server.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { listFindings } from '../compliance/findings-query.js';
import { policiesSchema } from '../compliance/policy.js';
import { refreshFindings } from '../compliance/refresh.js';
import { HttpClient } from '../platform/http-client/http-client.js';
import { compileAppMap } from './app-map.js';
import { createInventoryConnectors } from './connectors/api.js';
import { OsqueryStore, osqueryRoutes } from './connectors/osquery/index.js';
import { listHosts, type HostView } from './host-query.js';
import { InventoryStore } from './store.js';
import { syncInventory, type ConfiguredConnector } from './sync.js';

/**
 * Issue 9, item 1, as it was found: an employee's laptop enrolls in Patchbay's osquery API with
 * the shared secret and reports the serial of someone else's Mac, that Mac's overdue macOS as
 * current, and an owner of its choosing. Jamf knows the real Mac, by another hardware UUID.
 */
const SECRET = 'this_is_a_deployment_secret';
const VICTIM_SERIAL = 'C02VICTIM0MX';
const VICTIM_UUID = '10DA6363-2695-5870-B5CF-C42ECE47C92F';
const ATTACKER_UUID = '4AB2906D-5516-5794-AF54-86D1D7F533F3';

/** The victim's Mac as Jamf knows it: macOS 15.7.8, behind an exploited fix (overdue at NOW). */
const VICTIM: GeneratedHost = {
  id: 1,
  udid: VICTIM_UUID,
  name: 'Vera’s MacBook Pro',
  serial: VICTIM_SERIAL,
  model: 'MacBook Pro (14-inch, 2023)',
  modelIdentifier: 'Mac14,9',
  osVersion: '15.7.8',
  osBuild: '24G720',
  lastContactTime: '2026-08-25T08:00:00.000Z',
  reportDate: '2026-08-25T08:00:00.000Z',
  owner: { username: 'vera', realname: 'Vera Victim', email: 'vera@example.com' },
  apps: [],
};

interface Node {
  readonly identifier: string;
  readonly serial: string;
  readonly uuid: string;
  readonly user: string;
}

const ATTACKER: Node = {
  identifier: ATTACKER_UUID,
  serial: VICTIM_SERIAL,
  uuid: ATTACKER_UUID,
  user: 'mallory@example.com',
};

/** One snapshot result line, as osqueryd logs Patchbay's scheduled queries. */
const line = (node: Node, name: string, snapshot: Record<string, string>[]) => ({
  name,
  action: 'snapshot',
  snapshot,
  hostIdentifier: node.identifier,
  unixTime: Math.floor(NOW.getTime() / 1000),
  counter: 0,
});

describe.each(DIALECTS)('an osquery node claiming another Mac’s serial on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    // The catalog (macOS 15.7.9 fixes an exploited CVE) and a few unrelated file hosts.
    await seedScenario(t.db);

    const jamf = new JamfStandIn({
      clientId: 'patchbay',
      clientSecret: 'jamf-secret-1',
      tokenLifetimeMs: 20 * 60_000,
      now: () => NOW.getTime(),
    });
    jamf.loadFleet([VICTIM]);
    const jamfUrl = await jamf.listen();
    cleanups.push(() => jamf.close());

    // Patchbay's own osquery TLS API on a real socket, as the attacker's osqueryd reaches it.
    const app: FastifyInstance = fastify();
    osqueryRoutes(app, {
      store: new OsqueryStore(t.db),
      enrollSecret: SECRET,
      now: () => NOW,
      log: pino({ level: 'silent' }),
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());

    const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${base}/api/osquery/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };

    /** Enroll with the shared secret and report: current macOS and Chrome, the chosen user. */
    async function report(node: Node): Promise<void> {
      const enroll = JSON.parse(
        readFileSync(
          new URL('./connectors/osquery/__fixtures__/enroll-darwin.json', import.meta.url),
          'utf8',
        ),
      ) as { host_details: { system_info: Record<string, string> } };
      Object.assign(enroll, { host_identifier: node.identifier });
      Object.assign(enroll.host_details.system_info, {
        hardware_serial: node.serial,
        uuid: node.uuid,
      });
      const { node_key: nodeKey } = await post('enroll', enroll);
      expect(nodeKey).toEqual(expect.any(String));
      await post('log', {
        node_key: nodeKey,
        log_type: 'result',
        data: [
          line(node, 'patchbay_os_version', [
            { version: '15.7.9', build: '24G800', platform: 'darwin' },
          ]),
          line(node, 'patchbay_system_info', [
            {
              hardware_serial: node.serial,
              uuid: node.uuid,
              computer_name: 'Not Mallory’s Mac',
            },
          ]),
          line(node, 'patchbay_apps', [
            {
              bundle_identifier: 'com.google.Chrome',
              bundle_short_version: '139.0.7258.139',
              name: 'Google Chrome.app',
            },
          ]),
          line(node, 'patchbay_primary_user', [{ username: node.user, full_name: 'Mallory' }]),
        ],
      });
    }

    const connectors = createInventoryConnectors({ db: t.db });
    const configured = (id: string, settings: Record<string, unknown>): ConfiguredConnector => ({
      connector: connectors.get(id) as ConfiguredConnector['connector'],
      settings,
    });
    const sources = {
      jamf: configured('jamf', {
        url: jamfUrl,
        clientId: 'patchbay',
        clientSecret: 'jamf-secret-1',
        pageSize: 100,
        concurrency: 1,
      }),
      osquery: configured('osquery', { enrollSecret: SECRET }),
    };
    const deps = {
      store: new InventoryStore(t.db),
      http: new HttpClient({
        timeoutMs: 10_000,
        userAgent: 'test',
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        sleep: () => Promise.resolve(),
      }),
      log: pino({ level: 'silent' }),
      now: () => NOW,
      appMap: compileAppMap(),
      ownerPrecedence: ['jamf', 'fleet', 'osquery', 'file'],
      inactiveAfterMs: 30 * 86_400_000,
    };
    async function sync(...which: (keyof typeof sources)[]) {
      const summary = await syncInventory(
        deps,
        which.map((w) => sources[w]),
      );
      expect(summary.sources.map((s) => s.outcome)).toEqual(which.map(() => 'ok'));
      await refreshFindings(
        { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) },
        NOW,
      );
    }

    async function hosts(): Promise<HostView[]> {
      const all = await listHosts(t.db, { all: true });
      return all.filter((h) => h.sources.some((s) => s === 'jamf' || s === 'osquery'));
    }
    async function macosStatus(hostId: string): Promise<string | undefined> {
      const rows = await listFindings(t.db, NOW, { hostIds: [hostId] });
      return rows.find((f) => f.product === 'macos')?.status;
    }
    async function history(hostId: string) {
      return t.db.kysely
        .selectFrom('version_history')
        .select(['product_id', 'version', 'source'])
        .where('host_id', '=', hostId)
        .orderBy('product_id')
        .execute();
    }
    return { report, sync, hosts, macosStatus, history };
  }

  /** The victim's host exactly as Jamf alone made it. */
  function expectVictimUntouched(victim: HostView | undefined) {
    expect(victim).toMatchObject({
      serial: VICTIM_SERIAL,
      osVersion: '15.7.8',
      owner: { email: 'vera@example.com', name: 'Vera Victim', source: 'jamf' },
      products: { macos: '15.7.8' },
      sources: ['jamf'],
      identityConflict: null,
    });
  }

  it('keeps the victim’s Mac overdue and its own, and flags the node as a conflict apart', async () => {
    const s = await setup();
    await s.sync('jamf');
    const [before] = await s.hosts();
    expect(await s.macosStatus(before?.id ?? '')).toBe('overdue');
    const historyBefore = await s.history(before?.id ?? '');

    await s.report(ATTACKER);
    await s.sync('jamf', 'osquery');
    // A second sync must not let the node in either.
    await s.sync('jamf', 'osquery');

    const all = await s.hosts();
    const victim = all.find((h) => h.id === before?.id);
    const node = all.find((h) => h.id !== before?.id);
    // Before the fix: one host, macOS 15.7.9 by osquery, `current`, osquery in its history.
    expect(await s.macosStatus(victim?.id ?? '')).toBe('overdue');
    expectVictimUntouched(victim);
    expect(await s.history(victim?.id ?? '')).toEqual(historyBefore);
    expect(all).toHaveLength(2);
    // The node's own data lands, on its own host, flagged with the serial it claimed.
    expect(node).toMatchObject({
      serial: null,
      osVersion: '15.7.9',
      owner: { email: 'mallory@example.com', source: 'osquery' },
      sources: ['osquery'],
      identityConflict: { serial: VICTIM_SERIAL, hostId: victim?.id },
    });
  });

  it('evicts a node that claimed the serial before Jamf knew the Mac', async () => {
    const s = await setup();
    await s.report(ATTACKER);
    await s.sync('osquery');
    const [early] = await s.hosts();
    expect(early).toMatchObject({ serial: VICTIM_SERIAL, identityConflict: null });

    await s.sync('jamf', 'osquery');
    const all = await s.hosts();
    expect(all).toHaveLength(2);
    const victim = all.find((h) => h.sources.includes('jamf'));
    expectVictimUntouched(victim);
    expect(await s.macosStatus(victim?.id ?? '')).toBe('overdue');
    expect(all.find((h) => h.id === early?.id)).toMatchObject({
      serial: null,
      sources: ['osquery'],
      identityConflict: { serial: VICTIM_SERIAL, hostId: victim?.id },
    });
  });

  it('merges a node whose serial and hardware UUID both match Jamf’s, as before', async () => {
    const s = await setup();
    await s.sync('jamf');
    await s.report({ ...ATTACKER, identifier: 'vera-osquery', uuid: VICTIM_UUID.toLowerCase() });
    await s.sync('jamf', 'osquery');
    const all = await s.hosts();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      serial: VICTIM_SERIAL,
      // The same machine: osquery saw it last, so its OS wins; the owner stays Jamf's.
      osVersion: '15.7.9',
      owner: { email: 'vera@example.com', source: 'jamf' },
      sources: ['jamf', 'osquery'],
      identityConflict: null,
    });
  });

  it('keeps a node whose serial no other source knows as a normal host', async () => {
    const s = await setup();
    await s.sync('jamf');
    await s.report({ ...ATTACKER, serial: 'C02OWNMAC0XY' });
    await s.sync('jamf', 'osquery');
    const all = await s.hosts();
    expect(all).toHaveLength(2);
    expectVictimUntouched(all.find((h) => h.sources.includes('jamf')));
    expect(all.find((h) => h.sources.includes('osquery'))).toMatchObject({
      serial: 'C02OWNMAC0XY',
      owner: { email: 'mallory@example.com', source: 'osquery' },
      identityConflict: null,
    });
  });
});
