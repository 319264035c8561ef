import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetStandIn } from '../../../../sandbox/fleet/server.js';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { HttpClient, type HttpClientOptions } from '../../../platform/http-client/http-client.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import type { ConnectorContext, InventoryPage } from '../types.js';
import { FleetConnector } from './index.js';

const TOKEN = 'fleet-api-token-123';
const retries: { delayMs: number; reason: string }[] = [];
let fleet: FleetStandIn;
let url: string;

function context(
  settings: Record<string, unknown>,
  http: Partial<HttpClientOptions> = {},
): ConnectorContext {
  const client = new HttpClient({
    timeoutMs: 5000,
    userAgent: 'patchbay-test',
    sleep: () => Promise.resolve(),
    onRetry: (r) => retries.push(r),
    ...http,
  });
  return {
    settings: { url, token: TOKEN, pageSize: 500, ...settings },
    http: client,
    log: pino({ level: 'silent' }),
    now: () => new Date('2026-08-22T12:00:00Z'),
  };
}

async function readAll(
  ctx: ConnectorContext,
): Promise<{ pages: InventoryPage[]; hosts: HostRecord[]; issues: InventoryIssue[] }> {
  const pages: InventoryPage[] = [];
  for await (const page of new FleetConnector().read(ctx)) pages.push(page);
  return { pages, hosts: pages.flatMap((p) => p.hosts), issues: pages.flatMap((p) => p.issues) };
}

async function rejection(p: Promise<unknown>): Promise<PatchbayError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PatchbayError);
  return err as PatchbayError;
}

beforeEach(async () => {
  retries.length = 0;
  fleet = new FleetStandIn({ token: TOKEN });
  url = await fleet.listen();
});
afterEach(() => fleet.close());

describe('FleetConnector against the Fleet stand-in', () => {
  it('syncs 10,000 hosts with one request per page, software and owners inline', async () => {
    const generated = fleet.loadFleet(10_000, 7);
    const { pages, hosts, issues } = await readAll(context({ pageSize: 500 }));
    // 20 full pages, then the short (empty) page that ends the read.
    expect(fleet.counts).toEqual({ hosts: 21, report: 0, other: 0 });
    expect(fleet.requests.map((r) => r.page)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(pages).toHaveLength(21);
    expect(issues).toEqual([]);
    expect(new Set(hosts.map((h) => h.sourceId)).size).toBe(10_000);
    const g = generated[4710];
    const h = hosts.find((x) => x.sourceId === '4711');
    expect(g && h).toBeTruthy();
    expect(h?.serial).toBe(g?.serial);
    expect(h?.osVersion).toBe(
      g?.osVersion
        .replace(/^(macOS |Windows 11 Enterprise 23H2 |Ubuntu |Red Hat Enterprise Linux )/, '')
        .replace(/ LTS$/, ''),
    );
    expect(h?.owner?.email ?? null).toBe(g?.owner?.email ?? null);
    expect(h?.apps?.length).toBe(g?.software.length);
    const macs = hosts.filter((x) => x.platform === 'macos');
    expect(macs.length).toBeGreaterThan(8000);
    expect(macs.every((m) => /^C02[A-Z0-9]{9}$/.test(m.serial ?? ''))).toBe(true);
    expect(
      macs.some((m) =>
        m.apps?.some((a) => a.kind === 'bundle-id' && a.key === 'com.google.Chrome'),
      ),
    ).toBe(true);
  });

  it('reports a malformed host (source, host, field) and lands the others', async () => {
    fleet.loadFleet(25);
    fleet.malformHost(7, { id: 'seven' });
    fleet.malformHost(12, { platform: undefined });
    const { hosts, issues } = await readAll(context({ pageSize: 10 }));
    expect(hosts).toHaveLength(23);
    expect(hosts.map((h) => h.sourceId)).not.toContain('12');
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ source: 'fleet', field: 'id' });
    expect(issues[0]?.record).toMatch(/^host seven, serial \S+$/);
    expect(issues[1]).toMatchObject({ source: 'fleet', field: 'platform' });
    expect(issues[1]?.record).toMatch(/^host 12\b/);
    expect(fleet.counts.hosts).toBe(3);
  });

  it('waits out a 429 with Retry-After, then finishes', async () => {
    fleet.loadFleet(30);
    fleet.failOn('hosts', 2, { status: 429, retryAfter: 7 });
    const { hosts } = await readAll(context({ pageSize: 10 }));
    expect(hosts).toHaveLength(30);
    expect(retries.map((r) => r.delayMs)).toEqual([7000]);
    expect(fleet.requests.map((r) => [r.page, r.status])).toEqual([
      [0, 200],
      [1, 429],
      [1, 200],
      [2, 200],
      [3, 200],
    ]);
  });

  it('retries a 500 and still reads every page once', async () => {
    fleet.loadFleet(15);
    fleet.failOn('hosts', 1, { status: 500 });
    const { hosts } = await readAll(context({ pageSize: 10 }));
    expect(hosts.map((h) => h.sourceId)).toEqual(
      Array.from({ length: 15 }, (_, i) => String(i + 1)),
    );
    expect(fleet.counts.hosts).toBe(3);
  });

  it('turns a bad token into E_FLEET_AUTH naming the key, never the token', async () => {
    fleet.loadFleet(5);
    fleet.rotateToken('a-newer-token');
    const err = await rejection(readAll(context({})));
    expect(err.code).toBe('E_FLEET_AUTH');
    expect(err.message).toContain('inventory.fleet.token');
    expect(err.message).not.toContain(TOKEN);
    expect(JSON.stringify(err.details)).not.toContain(TOKEN);
    expect(fleet.requests).toEqual([{ route: 'hosts', status: 401, page: 0 }]);
  });

  it('stops with E_FLEET_AUTH when the token is revoked mid-sync', async () => {
    fleet.loadFleet(30);
    const pages: InventoryPage[] = [];
    const read = (async () => {
      for await (const page of new FleetConnector().read(context({ pageSize: 10 }))) {
        pages.push(page);
        fleet.revokeToken();
      }
    })();
    expect((await rejection(read)).code).toBe('E_FLEET_AUTH');
    expect(pages).toHaveLength(1);
  });

  it('throws E_INVENTORY_PARSE naming the page when a page is not what Fleet documents', async () => {
    fleet.loadFleet(30);
    fleet.failOn('hosts', 2, { status: 200, body: '{"hosts": {"id": 1}}' });
    const err = await rejection(readAll(context({ pageSize: 10 })));
    expect(err.code).toBe('E_INVENTORY_PARSE');
    expect(err.message).toContain('hosts page 1');
    expect(err.details).toMatchObject({ source: 'fleet', record: 'hosts page 1' });
  });

  it('gives up on a stand-in slower than the timeout with E_HTTP_TIMEOUT', async () => {
    fleet.loadFleet(3);
    fleet.setDelay(2000);
    const err = await rejection(
      readAll(
        context({}, { timeoutMs: 50, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 10 } }),
      ),
    );
    expect(err.code).toBe('E_HTTP_TIMEOUT');
  });

  it('rejects missing settings with E_CONFIG_INVALID naming the key', async () => {
    const err = await rejection(readAll(context({ token: '' })));
    expect(err.code).toBe('E_CONFIG_INVALID');
    expect(err.details['keys']).toEqual(['inventory.fleet.token']);
    expect(fleet.counts.hosts).toBe(0);
  });
});

describe('FleetConnector with a saved query report', () => {
  it('yields report records after the host pages: bare OS version and Chrome per host', async () => {
    const generated = fleet.loadFleet(40, 3);
    const report = fleet.setReport(42);
    const { pages } = await readAll(context({ pageSize: 25, queryId: 42 }));
    expect(fleet.counts).toEqual({ hosts: 2, report: 1, other: 0 });
    const reportHosts = pages.slice(2).flatMap((p) => p.hosts);
    expect(reportHosts).toHaveLength(report.results.length);
    for (const row of report.results) {
      const rec = reportHosts.find((h) => h.sourceId === String(row.host_id));
      expect(rec).toMatchObject({
        source: 'fleet',
        platform: 'macos',
        serial: row.columns['hardware_serial'],
        osVersion: row.columns['os_version'],
        owner: null,
        lastSeenAt: null,
      });
      const chrome = row.columns['chrome_version'];
      expect(rec?.apps).toEqual(
        chrome
          ? [
              {
                kind: 'bundle-id',
                key: 'com.google.Chrome',
                name: 'Google Chrome',
                version: chrome,
              },
            ]
          : null,
      );
    }
    expect(report.results.some((r) => r.columns['chrome_version'] === '')).toBe(true);
    expect(generated.filter((g) => g.platform === 'darwin')).toHaveLength(report.results.length);
  });

  it('reads the real docs example report (other columns) and flags a clipped report', async () => {
    fleet.loadFleet(2);
    const example = JSON.parse(
      readFileSync(
        new URL(
          './__fixtures__/query-report.docs-example.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as Parameters<FleetStandIn['setReport']>[1] & object;
    fleet.setReport(31, { ...example, report_clipped: true });
    const { pages } = await readAll(context({ queryId: 31 }));
    const last = pages[pages.length - 1];
    expect(last?.hosts.map((h) => [h.sourceId, h.name, h.serial, h.osVersion, h.apps])).toEqual([
      ['1', 'foo', null, null, null],
      ['2', 'bar', null, null, null],
    ]);
    expect(last?.issues).toEqual([
      expect.objectContaining({
        source: 'fleet',
        record: 'query 31 report',
        field: 'report_clipped',
      }),
    ]);
  });

  it('reports a bad report row and keeps the others', async () => {
    fleet.loadFleet(1);
    fleet.setReport(5, {
      query_id: 5,
      report_clipped: false,
      results: [
        {
          host_id: 1,
          host_name: 'a',
          last_fetched: null,
          columns: { chrome_version: '140.0.7339.133' },
        },
        {
          host_id: 2,
          host_name: 'b',
          last_fetched: null,
          columns: { chrome_version: 140 as unknown as string },
        },
      ],
    });
    const { pages } = await readAll(context({ queryId: 5 }));
    const last = pages[pages.length - 1];
    expect(last?.hosts.map((h) => h.sourceId)).toEqual(['1']);
    expect(last?.issues).toEqual([
      expect.objectContaining({
        source: 'fleet',
        record: 'host 2',
        field: 'results.1.columns.chrome_version',
      }),
    ]);
  });
});
