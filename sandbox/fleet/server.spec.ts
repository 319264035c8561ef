import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleet } from './generate.js';
import { FleetStandIn } from './server.js';

const TOKEN = 'tok-1';
let fleet: FleetStandIn;
let base: string;

async function get(
  path: string,
  token: string | null = TOKEN,
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${base}${path}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const ids = (text: string): number[] =>
  (JSON.parse(text) as { hosts: { id: number }[] }).hosts.map((h) => h.id);

beforeEach(async () => {
  fleet = new FleetStandIn({ token: TOKEN });
  fleet.loadFleet(10);
  base = await fleet.listen();
});
afterEach(() => fleet.close());

describe('FleetStandIn', () => {
  it.each([null, 'wrong'])('answers token %j with Fleet 401 envelope', async (token) => {
    const res = await get('/api/v1/fleet/hosts', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toEqual({
      message: 'Authentication required',
      errors: [{ name: 'base', reason: 'Authentication required' }],
      uuid: body['uuid'],
    });
    expect(body['uuid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text.startsWith('{\n  "message"')).toBe(true);
  });

  it('accepts only the rotated token after rotation, none after revocation', async () => {
    fleet.rotateToken('tok-2');
    expect((await get('/api/v1/fleet/hosts')).status).toBe(401);
    expect((await get('/api/v1/fleet/hosts', 'tok-2')).status).toBe(200);
    fleet.revokeToken();
    expect((await get('/api/v1/fleet/hosts', 'tok-2')).status).toBe(401);
  });

  it('pages by 0-based page and per_page, in order_key/order_direction order', async () => {
    expect(ids((await get('/api/v1/fleet/hosts?page=1&per_page=3&order_key=id')).text)).toEqual([
      4, 5, 6,
    ]);
    expect(
      ids(
        (await get('/api/v1/fleet/hosts?page=0&per_page=2&order_key=id&order_direction=desc')).text,
      ),
    ).toEqual([10, 9]);
    expect((await get('/api/v1/fleet/hosts?page=9&per_page=3')).text).toBe('{"hosts":[]}\n');
    expect(ids((await get('/api/v1/fleet/hosts?page=0')).text)).toHaveLength(10);
    const bad = await get('/api/v1/fleet/hosts?page=x');
    expect([bad.status, (JSON.parse(bad.text) as { message: string }).message]).toEqual([
      400,
      'Bad request',
    ]);
  });

  it('inlines software and device_mapping only when asked', async () => {
    type Host = { software: unknown[] | null; device_mapping?: unknown };
    const plain = (
      JSON.parse((await get('/api/v1/fleet/hosts?per_page=1&page=0')).text) as { hosts: Host[] }
    ).hosts[0];
    expect(plain?.software).toBeNull();
    expect(plain && 'device_mapping' in plain).toBe(false);
    const full = (
      JSON.parse(
        (
          await get(
            '/api/v1/fleet/hosts?per_page=1&page=0&populate_software=without_vulnerability_details&device_mapping=true',
          )
        ).text,
      ) as { hosts: Host[] }
    ).hosts[0];
    expect(full?.software?.length).toBeGreaterThan(0);
    expect(full && 'device_mapping' in full).toBe(true);
  });

  it('fails the Nth request of a route as told, counting requests by route', async () => {
    fleet.failOn('hosts', 2, { status: 429, retryAfter: 3 });
    expect((await get('/api/v1/fleet/hosts')).status).toBe(200);
    const limited = await get('/api/v1/fleet/hosts');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await get('/api/v1/fleet/hosts')).status).toBe(200);
    expect((await get('/api/v1/fleet/queries/9/report')).status).toBe(404);
    expect(fleet.counts).toEqual({ hosts: 3, report: 1, other: 0 });
  });

  it('serves a saved query report with string columns for every Mac', async () => {
    const report = fleet.setReport(42);
    const res = await get('/api/v1/fleet/queries/42/report');
    expect(JSON.parse(res.text)).toEqual(report);
    expect(report.results.length).toBeGreaterThan(0);
    for (const r of report.results)
      expect(Object.values(r.columns).every((v) => typeof v === 'string')).toBe(true);
  });

  it('corrupts one host as told and leaves the others alone', async () => {
    fleet.malformHost(2, { id: '2', platform: undefined });
    const hosts = (
      JSON.parse((await get('/api/v1/fleet/hosts')).text) as { hosts: Record<string, unknown>[] }
    ).hosts;
    expect(hosts[1]?.['id']).toBe('2');
    expect(hosts[1] && 'platform' in hosts[1]).toBe(false);
    expect(hosts[2]?.['platform']).toEqual(expect.any(String));
  });
});

describe('generateFleet', () => {
  it('is deterministic per seed and realistic', () => {
    const a = generateFleet(500, 11);
    expect(generateFleet(500, 11)).toEqual(a);
    expect(generateFleet(500, 12)).not.toEqual(a);
    expect(a.map((h) => h.id)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const macs = a.filter((h) => h.platform === 'darwin');
    expect(macs.length).toBeGreaterThan(380);
    for (const m of macs) {
      expect(m.serial).toMatch(/^C02[A-HJ-NP-Z0-9]{9}$/);
      expect(m.osVersion).toMatch(/^macOS (13|14|15|26)\.\d+(\.\d+)?$/);
    }
    expect(new Set(macs.map((m) => m.osVersion.split(/[ .]/)[1])).size).toBe(4);
    for (const h of a) if (h.owner) expect(h.owner.email).toMatch(/^[a-z]+\.[a-z-]+@example\.com$/);
    const bundleIds = new Set(macs.flatMap((m) => m.software.map((s) => s.bundleIdentifier)));
    for (const id of ['com.google.Chrome', 'org.mozilla.firefox', 'com.microsoft.edgemac'])
      expect(bundleIds.has(id)).toBe(true);
  });
});
