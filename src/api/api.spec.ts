import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../test/reminder-scenario.js';
import { printCatalog, readCatalog } from '../cli/commands/catalog.js';
import type { Io } from '../cli/output.js';
import { JOBS, openApiHarness, type ApiHarness } from './__fixtures__/api-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(() => h.close());

type Who = 'read' | 'admin' | 'revoked' | 'expired' | 'none' | 'garbage';

function call(url: string, who: Who = 'read', method: 'GET' | 'POST' = 'GET') {
  const authorization =
    who === 'none' ? undefined : who === 'garbage' ? 'Bearer pb_nope' : `Bearer ${h.tokens[who]}`;
  return h.app.inject({ method, url, headers: authorization ? { authorization } : {} });
}

const body = <T = unknown>(res: LightMyRequestResponse): T => res.json<T>();
const errorOf = (res: LightMyRequestResponse) =>
  body<{ error: { code: string; message: string } }>(res).error;

describe('authentication', () => {
  it.each<[string, Who]>([
    ['/api/v1/catalog', 'none'],
    ['/api/v1/hosts', 'garbage'],
    ['/api/v1/findings', 'revoked'],
    ['/api/v1/people', 'expired'],
  ])('%s with a %s token: 401 E_API_TOKEN', async (url, who) => {
    const res = await call(url, who);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('E_API_TOKEN');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('refuses a read token on an admin route with 403 and runs nothing', async () => {
    const res = await call('/api/v1/jobs/sync-feeds/run', 'read', 'POST');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('E_API_SCOPE');
    expect(h.ran).toEqual([]);
  });

  it('checks the token before the parameters', async () => {
    expect((await call('/api/v1/hosts?limit=0', 'none')).statusCode).toBe(401);
  });

  it('serves the OpenAPI document without a token', async () => {
    expect((await call('/api/v1/openapi.json', 'none')).statusCode).toBe(200);
  });
});

describe('jobs', () => {
  it('lists the scheduler status with a read token', async () => {
    expect(body(await call('/api/v1/jobs'))).toEqual(JOBS);
  });

  it('runs a job with an admin token; an unknown job is 404', async () => {
    const res = await call('/api/v1/jobs/sync-feeds/run', 'admin', 'POST');
    expect(res.statusCode).toBe(202);
    expect(body(res)).toEqual({ job: 'sync-feeds', accepted: true });
    expect(h.ran).toEqual(['sync-feeds']);
    const missing = await call('/api/v1/jobs/nope/run', 'admin', 'POST');
    expect([missing.statusCode, errorOf(missing).code]).toEqual([404, 'E_NOT_FOUND']);
  });
});

describe('parameters are validated', () => {
  it.each([
    ['/api/v1/hosts?limit=0', 'limit'],
    ['/api/v1/hosts?limit=abc', 'limit'],
    ['/api/v1/hosts?offset=-1', 'offset'],
    ['/api/v1/hosts?version=1.0', 'version'],
    ['/api/v1/hosts?all=maybe', 'all'],
    ['/api/v1/hosts?colour=red', 'colour'],
    ['/api/v1/findings?status=late', 'status'],
    ['/api/v1/catalog?product=macos,,chrome', 'product'],
    ['/api/v1/tti?product=', 'product'],
    ['/api/v1/jobs?x=1', 'x'],
    ['/api/v1/jobs/Bad%20Name/run', 'name'],
  ])('%s: 400 E_USAGE naming %s', async (url, param) => {
    const res = await call(url, 'admin', url.endsWith('/run') ? 'POST' : 'GET');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('E_USAGE');
    expect(errorOf(res).message).toContain(`"${param}"`);
  });

  it('answers an unknown API path with 404 in the same error shape', async () => {
    const res = await call('/api/v1/nope');
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'E_NOT_FOUND']);
  });
});

interface HostJson {
  id: string;
  name: string;
  owner: { email: string } | null;
  findings?: { product: string; status: string }[];
}

describe('catalog and hosts', () => {
  it('GET /catalog is exactly `patchbay catalog --json`', async () => {
    let printed = '';
    const io: Io = { out: (t) => (printed += t), err: () => {}, isTty: false, env: {} };
    printCatalog(io, await readCatalog(h.ctx, {}), { json: true });
    const res = await call('/api/v1/catalog');
    expect(body(res)).toEqual(JSON.parse(printed));
    expect(res.headers['cache-control']).toBe('no-store');
    const macos = body<{ product: string }[]>(await call('/api/v1/catalog?product=macos'));
    expect(macos.map((e) => e.product)).toEqual(['macos', 'macos']);
  });

  it.each([
    ['', ['A1', 'A2', 'B1', 'B2', 'C1', 'D1', 'E1']],
    ['owner=alice@example.com', ['A1', 'A2']],
    ['owner=ALICE@example.com', ['A1', 'A2']],
    ['product=chrome&version=139.0.7258.128', ['A2', 'B1']],
    ['product=firefox', ['A1', 'D1']],
    ['product=chrome&owner=carol@example.com', ['C1']],
    ['product=safari', []],
  ])('GET /hosts?%s', async (qs, names) => {
    const hosts = body<HostJson[]>(await call(`/api/v1/hosts?${qs}`));
    expect(hosts.map((x) => x.name.replace('mac-', ''))).toEqual(names);
  });

  it('pages with limit/offset, X-Total-Count and a next link keeping the filters', async () => {
    const first = await call('/api/v1/hosts?product=chrome&limit=3');
    expect(body<HostJson[]>(first).map((x) => x.name)).toEqual(['mac-A1', 'mac-A2', 'mac-B1']);
    expect(first.headers['x-total-count']).toBe('4');
    expect(first.headers.link).toBe('</api/v1/hosts?product=chrome&limit=3&offset=3>; rel="next"');
    const last = await call('/api/v1/hosts?product=chrome&limit=3&offset=3');
    expect(last.headers['x-total-count']).toBe('4');
    expect(body<HostJson[]>(last).map((x) => x.name)).toEqual(['mac-C1']);
    expect(last.headers.link).toBeUndefined();
  });

  it('GET /hosts/:id gives the host with its findings; an unknown id is 404', async () => {
    const [b1] = body<HostJson[]>(await call('/api/v1/hosts?owner=bob@example.com&limit=1'));
    const res = await call(`/api/v1/hosts/${b1?.id ?? 'missing'}`);
    expect(res.statusCode).toBe(200);
    const detail = body<HostJson>(res);
    expect(detail.name).toBe('mac-B1');
    expect(detail.findings?.map((f) => [f.product, f.status])).toEqual(
      expect.arrayContaining([['chrome', 'pending']]),
    );
    const missing = await call('/api/v1/hosts/no-such-host');
    expect([missing.statusCode, errorOf(missing).code]).toEqual([404, 'E_NOT_FOUND']);
  });
});

interface FindingJson {
  hostName: string;
  ownerEmail: string;
  product: string;
  status: string;
}

describe('findings, people, tti', () => {
  it('filters findings by owner, product and status', async () => {
    const bobChrome = body<FindingJson[]>(
      await call('/api/v1/findings?owner=bob@example.com&product=chrome'),
    );
    expect(bobChrome.map((f) => [f.hostName, f.status])).toEqual([['mac-B1', 'pending']]);
    const unknown = body<FindingJson[]>(await call('/api/v1/findings?status=unknown'));
    // Firefox's feed failed in the scenario: its findings are unknown, and only those.
    expect(unknown.map((f) => [f.hostName, f.product]).sort()).toEqual([
      ['mac-A1', 'firefox'],
      ['mac-D1', 'firefox'],
    ]);
    const overdue = body<FindingJson[]>(await call('/api/v1/findings?status=overdue&limit=1000'));
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(overdue.map((f) => f.status))).toEqual(new Set(['overdue']));
  });

  it('pages findings with a total and a next link, and streams them all as NDJSON on request', async () => {
    const first = await call('/api/v1/findings?limit=2');
    const total = Number(first.headers['x-total-count']);
    expect(total).toBeGreaterThan(4);
    expect(body<FindingJson[]>(first)).toHaveLength(2);
    expect(first.headers.link).toContain('offset=2');
    const second = body<FindingJson[]>(await call('/api/v1/findings?limit=2&offset=2'));
    const all = body<FindingJson[]>(await call('/api/v1/findings?limit=1000'));
    expect(second).toEqual(all.slice(2, 4));

    const streamed = await h.app.inject({
      method: 'GET',
      url: '/api/v1/findings?limit=2',
      headers: { authorization: `Bearer ${h.tokens.read}`, accept: 'application/x-ndjson' },
    });
    expect(streamed.statusCode).toBe(200);
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = streamed.body.trimEnd().split('\n');
    // Every finding, paging ignored, one JSON object a line, the same objects as the JSON pages.
    expect(lines).toHaveLength(total);
    expect(lines.map((l) => JSON.parse(l) as FindingJson)).toEqual(all);
  });

  it('lists people with host counts, findings by status and their last digest', async () => {
    const digest = (cycle: string, status: string, createdAt: string) => ({
      idempotency_key: `alice@example.com:${cycle}`,
      email: 'alice@example.com',
      cycle,
      status: status as 'sent',
      channel_id: null,
      ts: null,
      text: '',
      blocks: '[]',
      metadata: '{}',
      items: 1,
      max_days_overdue: 0,
      attempts: 1,
      last_error: null,
      created_at: createdAt,
      updated_at: createdAt,
      sent_at: null,
    });
    await h.ctx.db.kysely
      .insertInto('digests')
      .values([
        digest('2026-08-11', 'sent', '2026-08-11T09:00:00.000Z'),
        digest('2026-08-18', 'failed', '2026-08-18T09:00:00.000Z'),
      ])
      .execute();
    interface PersonJson {
      email: string;
      hosts: number;
      findings: Record<string, number>;
      computers: { withFindings: number; overdue: number; pending: number };
      oldestMissedAt: string | null;
      lastDigest: { cycle: string; status: string } | null;
    }
    const people = body<PersonJson[]>(await call('/api/v1/people'));
    expect(people.map((p) => [p.email, p.hosts])).toEqual([
      ['alice@example.com', 2],
      ['bob@example.com', 2],
      ['carol@example.com', 1],
      ['dave@example.com', 1],
      ['erin@example.com', 1],
    ]);
    const alice = people[0];
    expect(alice?.lastDigest).toMatchObject({ cycle: '2026-08-18', status: 'failed' });
    expect(people[1]?.lastDigest).toBeNull();
    expect(alice?.findings.unknown).toBe(1);
    expect(Object.values(alice?.findings ?? {}).reduce((a, b) => a + b, 0)).toBe(5);
    // In computers, as the dashboard counts: of her two Macs, A2 is overdue.
    expect(alice?.computers).toMatchObject({ withFindings: 2, overdue: 1 });
    expect(alice?.oldestMissedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('reports time to install of the newest release per track, every one with all=true', async () => {
    const all = body<{ product: string }[]>(await call('/api/v1/tti'));
    expect(new Set(all.map((s) => s.product))).toEqual(new Set(['macos', 'chrome', 'firefox']));
    const chrome = body<{ product: string; version: string }[]>(
      await call('/api/v1/tti?product=chrome'),
    );
    expect(chrome.map((s) => s.version)).toEqual(['139.0.7258.139']);
    const every = body<{ version: string }[]>(await call('/api/v1/tti?product=chrome&all=true'));
    expect(every.map((s) => s.version)).toEqual(['139.0.7258.128', '139.0.7258.139']);
  });

  it('answers as of the context clock', () => {
    expect(h.ctx.now()).toEqual(NOW);
  });
});
