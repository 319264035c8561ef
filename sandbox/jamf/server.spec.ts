import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleet } from './generate.js';
import { jacksonStringify } from './jackson-json.js';
import { JamfStandIn } from './server.js';

const T0 = Date.UTC(2026, 7, 20, 9, 0, 0);
let clock = T0;
let standIn: JamfStandIn;
let base: string;

beforeEach(async () => {
  clock = T0;
  standIn = new JamfStandIn({ now: () => clock, tokenLifetimeMs: 600_000 });
  standIn.loadFleet(25, 7);
  base = await standIn.listen();
});
afterEach(() => standIn.close());

async function oauth(secret = standIn.clientSecret): Promise<Response> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: standIn.clientId,
    client_secret: secret,
  });
  return fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}
const token = async (): Promise<string> =>
  ((await (await oauth()).json()) as { access_token: string }).access_token;
const get = (path: string, bearer: string, accept = 'application/json'): Promise<Response> =>
  fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}`, accept } });

describe('JamfStandIn auth', () => {
  it('issues OAuth tokens as Jamf does and refuses a wrong secret', async () => {
    const ok = (await (await oauth()).json()) as Record<string, unknown>;
    expect(Object.keys(ok)).toEqual(['access_token', 'scope', 'token_type', 'expires_in']);
    expect(ok).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const bad = await oauth('nope');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'invalid_client' });
    expect(standIn.tokensIssued).toBe(1);
  });

  it('issues user tokens for Basic auth with the real 401 body for a wrong password', async () => {
    const basic = (u: string, p: string): Promise<Response> =>
      fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` },
      });
    const ok = await basic(standIn.username, standIn.password);
    expect(await ok.json()).toEqual({
      token: expect.any(String) as string,
      expires: new Date(T0 + 600_000).toISOString(),
    });
    const bad = await basic(standIn.username, 'wrong');
    expect(bad.status).toBe(401);
    expect(await bad.text()).toBe('{\n  "httpStatus" : 401,\n  "errors" : [ ]\n}');
  });

  it('answers 401 INVALID_TOKEN once a token expires by the clock or is revoked', async () => {
    const path = '/api/v1/computers-inventory?page-size=5';
    const t = await token();
    expect((await get(path, t)).status).toBe(200);
    clock += 600_000;
    const expired = await get(path, t);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      httpStatus: 401,
      errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }],
    });
    const t2 = await token();
    standIn.invalidateTokens();
    expect((await get(path, t2)).status).toBe(401);
  });
});

describe('JamfStandIn computers-inventory', () => {
  it('pages from 0 with the whole fleet in totalCount, Jackson-formatted', async () => {
    const t = await token();
    const res = await get(
      '/api/v1/computers-inventory?section=HARDWARE&page=2&page-size=10&sort=id:asc',
      t,
    );
    const text = await res.text();
    expect(text.startsWith('{\n  "totalCount" : 25,\n  "results" : [ {\n    "id" : "21",')).toBe(
      true,
    );
    const page = JSON.parse(text) as { totalCount: number; results: Record<string, unknown>[] };
    expect(page.results.map((r) => r.id)).toEqual(['21', '22', '23', '24', '25']);
    // Sections not asked for are null, as in real answers.
    expect(page.results[0]).toMatchObject({
      general: null,
      applications: null,
      hardware: { serialNumber: standIn.fleet[20]?.serial },
    });
  });

  it('defaults to the GENERAL section and rejects an unknown one with 400', async () => {
    const t = await token();
    const page = (await (await get('/api/v1/computers-inventory', t)).json()) as {
      results: Record<string, unknown>[];
    };
    expect(page.results).toHaveLength(25);
    expect(page.results[0]).toMatchObject({ general: { platform: 'Mac' }, hardware: null });
    expect((await get('/api/v1/computers-inventory?section=FONTZ', t)).status).toBe(400);
  });

  it('injects faults on the nth request of a route, and counts requests by route', async () => {
    const t = await token();
    standIn.injectFault({ route: 'computers-inventory', nth: 2, status: 429, retryAfter: 3 });
    expect((await get('/api/v1/computers-inventory', t)).status).toBe(200);
    const limited = await get('/api/v1/computers-inventory', t);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(standIn.count('computers-inventory')).toBe(2);
    expect(standIn.count('oauth-token')).toBe(1);
  });
});

describe('JamfStandIn Classic API', () => {
  it('serves a computer by serial as JSON when asked, XML by default, 404 HTML when unknown', async () => {
    const t = await token();
    const host = standIn.fleet[3];
    const json = (await (
      await get(`/JSSResource/computers/serialnumber/${host?.serial ?? ''}`, t)
    ).json()) as { computer: { general: { id: number; last_contact_time_utc: string } } };
    expect(json.computer.general.id).toBe(4);
    expect(json.computer.general.last_contact_time_utc).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/,
    );
    const xml = await get(
      `/JSSResource/computers/serialnumber/${host?.serial ?? ''}`,
      t,
      'application/xml',
    );
    expect(xml.headers.get('content-type')).toContain('text/xml');
    const missing = await get('/JSSResource/computers/serialnumber/NOPE', t);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Not Found');
  });
});

describe('generateFleet', () => {
  it('is deterministic per seed, with unique realistic serials', () => {
    const a = generateFleet(2_000, { seed: 3 });
    expect(generateFleet(2_000, { seed: 3 })).toEqual(a);
    expect(generateFleet(2_000, { seed: 4 })).not.toEqual(a);
    expect(new Set(a.map((h) => h.serial)).size).toBe(2_000);
    for (const h of a) expect(h.serial).toMatch(/^(C02[A-Z0-9]{9}|[A-Z0-9]{10})$/);
    expect(new Set(a.map((h) => h.osVersion.split('.')[0]))).toEqual(
      new Set(['13', '14', '15', '26']),
    );
    expect(a.every((h) => h.apps.some((app) => app.bundleId === 'com.google.Chrome'))).toBe(true);
    expect(a.filter((h) => h.owner === null).length).toBeGreaterThan(0);
    expect(a.find((h) => h.owner)?.owner?.email).toMatch(/^[a-z-]+\.[a-z-]+\d+@example\.com$/);
  });
});

describe('jacksonStringify', () => {
  it('reproduces a real Jamf Pro API capture byte for byte', () => {
    const real = readFileSync(
      new URL(
        '../../src/inventory/connectors/jamf/__fixtures__/computers-inventory.real-capture.json',
        import.meta.url,
      ),
      'utf8',
    ).trimEnd();
    expect(jacksonStringify(JSON.parse(real))).toBe(real);
  });

  it.each([
    [{ a: [] }, '{\n  "a" : [ ]\n}'],
    [{ a: {} }, '{\n  "a" : { }\n}'],
    [{ a: [1, 'x'] }, '{\n  "a" : [ 1, "x" ]\n}'],
    [{ r: [{ id: '1' }] }, '{\n  "r" : [ {\n    "id" : "1"\n  } ]\n}'],
  ])('%j', (value, expected) => {
    expect(jacksonStringify(value)).toBe(expected);
  });
});
