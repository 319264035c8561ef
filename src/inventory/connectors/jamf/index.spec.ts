import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JamfStandIn } from '../../../../sandbox/jamf/server.js';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import type { ConnectorContext } from '../types.js';
import { JamfConnector, lookupBySerial } from './index.js';

const T0 = Date.UTC(2026, 7, 20, 9, 0, 0);
let clock = T0;
let standIn: JamfStandIn;
let baseUrl: string;

beforeEach(async () => {
  clock = T0;
  standIn = new JamfStandIn({ now: () => clock, tokenLifetimeMs: 20 * 60_000 });
  baseUrl = await standIn.listen();
});
afterEach(() => standIn.close());

function context(settings: Record<string, unknown> = {}): ConnectorContext {
  return {
    settings: {
      url: baseUrl,
      clientId: standIn.clientId,
      clientSecret: standIn.clientSecret,
      pageSize: 100,
      concurrency: 4,
      ...settings,
    },
    http: new HttpClient({
      timeoutMs: 10_000,
      userAgent: 'patchbay-test',
      sleep: () => Promise.resolve(),
      perHostConcurrency: 8,
    }),
    log: pino({ level: 'silent' }),
    now: () => new Date(clock),
  };
}

/** Read everything; `onPage` runs after each page arrives (to revoke tokens or move the clock). */
async function sync(
  connector: JamfConnector,
  ctx: ConnectorContext,
  onPage?: (index: number) => void,
) {
  const hosts: HostRecord[] = [];
  const issues: InventoryIssue[] = [];
  let pages = 0;
  for await (const page of connector.read(ctx)) {
    hosts.push(...page.hosts);
    issues.push(...page.issues);
    onPage?.(pages);
    pages++;
  }
  return { hosts, issues, pages };
}

const statuses = (status: number): number => standIn.log.filter((l) => l.status === status).length;

describe('JamfConnector against the Jamf Pro stand-in', () => {
  it('syncs 10,000 hosts with one token and one request per page', async () => {
    const fleet = standIn.loadFleet(10_000, 42);
    const { hosts, issues, pages } = await sync(new JamfConnector(), context({ pageSize: 500 }));
    expect(pages).toBe(20);
    expect(standIn.tokensIssued).toBe(1);
    expect(standIn.count('oauth-token')).toBe(1);
    expect(standIn.count('computers-inventory')).toBe(20);
    expect(standIn.totalRequests).toBe(20 + 1);
    expect(issues).toEqual([]);
    expect(hosts.map((h) => h.sourceId)).toEqual(fleet.map((h) => String(h.id)));
    const g = fleet[1233];
    expect(hosts[1233]).toEqual({
      source: 'jamf',
      sourceId: String(g?.id),
      serial: g?.serial,
      hardwareUuid: g?.udid,
      model: g?.modelIdentifier,
      name: g?.name,
      platform: 'macos',
      osVersion: g?.osVersion,
      osBuild: g?.osBuild,
      lastSeenAt: g?.lastContactTime,
      owner: g?.owner ? { email: g.owner.email, name: g.owner.realname } : null,
      apps: g?.apps.map((a) => ({
        kind: 'bundle-id',
        key: a.bundleId,
        name: a.name,
        version: a.version,
      })),
    });
    const unowned = fleet.findIndex((h) => h.owner === null);
    expect(hosts[unowned]?.owner).toBeNull();
  });

  it('signs in with username and password when no API client is set', async () => {
    standIn.loadFleet(250);
    const ctx = context({
      clientId: null,
      clientSecret: null,
      username: standIn.username,
      password: standIn.password,
    });
    const { hosts } = await sync(new JamfConnector(), ctx);
    expect(hosts).toHaveLength(250);
    expect(standIn.count('basic-token')).toBe(1);
    expect(standIn.count('oauth-token')).toBe(0);
  });

  it('refreshes a token revoked mid-sync once, and the sync completes', async () => {
    standIn.loadFleet(2_000);
    const { hosts } = await sync(new JamfConnector(), context(), (i) => {
      if (i === 0) standIn.invalidateTokens();
    });
    expect(hosts).toHaveLength(2_000);
    expect(standIn.tokensIssued).toBe(2);
    expect(statuses(401)).toBeGreaterThan(0);
    // Each refused page was asked again once: 20 pages + the 401s + 2 tokens.
    expect(standIn.totalRequests).toBe(20 + statuses(401) + 2);
  });

  it.each([
    ['30 s before expiry', 20 * 60_000 - 30_000],
    ['after expiry', 25 * 60_000],
  ])('refreshes a token %s by the clock before using it (no 401)', async (_name, elapsed) => {
    standIn.loadFleet(1_000);
    const { hosts } = await sync(new JamfConnector(), context(), (i) => {
      if (i === 0) clock += elapsed;
    });
    expect(hosts).toHaveLength(1_000);
    expect(standIn.tokensIssued).toBe(2);
    expect(statuses(401)).toBe(0);
  });

  it('fails with E_JAMF_AUTH when a fresh token is refused too', async () => {
    standIn.loadFleet(300);
    standIn.injectFault({ route: 'computers-inventory', nth: 1, status: 401 });
    standIn.injectFault({ route: 'computers-inventory', nth: 2, status: 401 });
    await expect(sync(new JamfConnector(), context())).rejects.toMatchObject({
      code: 'E_JAMF_AUTH',
    });
    expect(standIn.tokensIssued).toBe(2);
    expect(standIn.count('computers-inventory')).toBe(2);
  });

  it.each([
    ['a wrong client secret', { clientSecret: 'not-the-secret' }, 'not-the-secret'],
    [
      'a wrong password',
      { clientId: null, clientSecret: null, username: 'patchbay-api', password: 'hunter2-wrong' },
      'hunter2-wrong',
    ],
  ])(
    '%s fails with E_JAMF_AUTH without the secret in the message',
    async (_name, settings, secret) => {
      standIn.loadFleet(10);
      const err = await sync(new JamfConnector(), context(settings)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PatchbayError);
      expect(err).toMatchObject({ code: 'E_JAMF_AUTH', details: { status: 401 } });
      expect(
        JSON.stringify({ m: (err as Error).message, d: (err as PatchbayError).details }),
      ).not.toContain(secret);
      expect(standIn.count('computers-inventory')).toBe(0);
    },
  );

  it('rides out 429 with Retry-After and 5xx on pages and on the token request', async () => {
    standIn.loadFleet(1_000);
    standIn.injectFault({ route: 'oauth-token', nth: 1, status: 503 });
    standIn.injectFault({ route: 'computers-inventory', nth: 2, status: 429, retryAfter: 1 });
    standIn.injectFault({ route: 'computers-inventory', nth: 5, status: 500 });
    const { hosts } = await sync(new JamfConnector(), context({ pageSize: 250 }));
    expect(hosts.map((h) => h.sourceId)).toEqual(standIn.fleet.map((h) => String(h.id)));
    expect(standIn.count('oauth-token')).toBe(2);
    expect(standIn.tokensIssued).toBe(1);
    expect(standIn.count('computers-inventory')).toBe(4 + 2);
  });

  it('reports a malformed record as an issue and lands the others', async () => {
    standIn.loadFleet(500);
    standIn.corruptComputer(137);
    const { hosts, issues } = await sync(new JamfConnector(), context());
    expect(hosts).toHaveLength(499);
    expect(hosts.some((h) => h.sourceId === '137')).toBe(false);
    expect(issues).toEqual([
      { source: 'jamf', record: 'id=137', field: 'general.lastContactTime', message: 'not a date' },
    ]);
  });

  it('fails with E_INVENTORY_PARSE naming the page when a page is not what Jamf documents', async () => {
    standIn.loadFleet(500);
    standIn.breakPage(3);
    await expect(sync(new JamfConnector(), context())).rejects.toMatchObject({
      code: 'E_INVENTORY_PARSE',
      details: { source: 'jamf', page: 3 },
    });
  });

  it('keeps at most `concurrency` pages in flight and still yields them in order', async () => {
    standIn.loadFleet(1_500);
    standIn.setSlowness(20, 'computers-inventory');
    const { hosts } = await sync(new JamfConnector(), context({ concurrency: 3 }));
    expect(hosts.map((h) => Number(h.sourceId))).toEqual(standIn.fleet.map((h) => h.id));
    expect(standIn.maxInFlight).toBeLessThanOrEqual(3);
    expect(standIn.maxInFlight).toBeGreaterThan(1);
  });

  it('rejects bad settings with E_CONFIG_INVALID before any request', async () => {
    await expect(sync(new JamfConnector(), context({ url: null }))).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      details: { key: 'inventory.jamf.url' },
    });
    expect(standIn.totalRequests).toBe(0);
  });
});

describe('lookupBySerial (Classic API)', () => {
  it('finds a computer by serial with the sync token, the same record as the sync', async () => {
    standIn.loadFleet(300);
    const connector = new JamfConnector();
    const ctx = context();
    const { hosts } = await sync(connector, ctx);
    const wanted = hosts[41] as HostRecord;
    const found = await connector.lookupBySerial(ctx, ` ${wanted.serial ?? ''} `);
    expect(found).toEqual(wanted);
    expect(standIn.count('classic-serial')).toBe(1);
    expect(standIn.tokensIssued).toBe(1);
  });

  it('answers null for a serial Jamf does not know', async () => {
    standIn.loadFleet(5);
    expect(await lookupBySerial(context(), 'C02NOTAREAL1')).toBeNull();
    expect(standIn.log.at(-1)).toEqual({ route: 'classic-serial', status: 404 });
  });

  it('refreshes a revoked token once for a lookup too', async () => {
    const [host] = standIn.loadFleet(5);
    const connector = new JamfConnector();
    const ctx = context();
    await connector.lookupBySerial(ctx, host?.serial ?? '');
    standIn.invalidateTokens();
    expect((await connector.lookupBySerial(ctx, host?.serial ?? ''))?.sourceId).toBe('1');
    expect(standIn.tokensIssued).toBe(2);
  });
});
