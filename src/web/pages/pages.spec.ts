import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITY } from '../../compliance/findings-pages.js';
import { listFindings } from '../../compliance/findings-query.js';
import type { FindingStatus } from '../../compliance/model.js';
import { compileAppMap } from '../../inventory/app-map.js';
import { listHosts } from '../../inventory/host-query.js';
import type { HostRecord } from '../../inventory/model.js';
import { InventoryStore } from '../../inventory/store.js';
import { extraPeople, NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';
import { PAGE_SIZE } from './hosts-data.js';

const XSS_NAME = '<script>alert(1)</script>';
const XSS_HOST: HostRecord = {
  source: 'file',
  sourceId: 'XSS',
  serial: 'SER-XSS',
  name: XSS_NAME,
  platform: 'macos',
  osVersion: '15.7.8',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email: 'mallory@example.com', name: '"><img src=x onerror=alert(2)>' },
  apps: [],
};

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};

/** Names in the first cell of each row of the hosts table body, in order (entities decoded). */
function hostNames(body: string): string[] {
  const tbody = /<table id="hosts">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return [...tbody.matchAll(/<tr>\s*<td>\s*<a href="\/hosts\/[^"]+">([^<]*)<\/a>/g)].map((m) =>
    m[1]!.replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e),
  );
}

/** Rows of the hosts table body. */
function hostRows(body: string): number {
  const tbody = /<table id="hosts">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
  return tbody.match(/<tr>/g)?.length ?? 0;
}

describe('dashboard pages on a seeded fleet', () => {
  let kit: Kit;
  let client: Client;
  const extra = extraPeople(PAGE_SIZE); // 7 scenario hosts + 50 more + the XSS one: two pages

  beforeAll(async () => {
    kit = await createKit({
      now: NOW,
      snapshotDays: 5,
      seed: async ({ db }) => {
        await seedScenario(db, extra.hosts);
        await new InventoryStore(db).applyPage('file', [XSS_HOST], NOW, {
          appMap: compileAppMap(),
          ownerPrecedence: ['file'],
        });
      },
    });
    client = new Client(kit.app);
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
  });
  afterAll(() => kit.close());

  it('shows the overview: big numbers, stacked bars, trend, stale feeds, people', async () => {
    const res = await client.get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-type']).toContain('text/html');
    const body = res.body;
    expect(body).toContain('Fleet overview');
    expect(body).toMatch(/<figure class="chart" data-chart="bar"><svg/);
    expect(body).toMatch(/<figure class="chart" data-chart="line"><svg/);
    for (const label of ['macOS 26', 'macOS 15', 'Google Chrome', 'Mozilla Firefox'])
      expect(body).toContain(label);
    expect(body).toMatch(
      /<span class="label">Computers overdue<\/span>\s*<span class="value">\d+<\/span\s*>/,
    );
    expect(body).toMatch(
      /<span class="label">Compliant computers<\/span>\s*<span class="value">[\d.]+%<\/span\s*>/,
    );
    expect(body).toContain('Stale feeds');
    expect(body).toContain('feed firefox failed');
    expect(body).toContain('href="/people/alice%40example.com"');
    expect(body).toContain('href="/products/macos"');
  });

  it('leads the overview with computers, each one judged by its worst product', async () => {
    const findings = await listFindings(kit.ctx.db, NOW, {});
    const worst = new Map<string, FindingStatus>();
    for (const f of findings) {
      const w = worst.get(f.hostId);
      if (!w || SEVERITY[f.status] > SEVERITY[w]) worst.set(f.hostId, f.status);
    }
    const of = (s: FindingStatus) => [...worst.values()].filter((w) => w === s).length;
    const judged = worst.size - of('unknown');
    // Computers run several watched products: counting pairs would overstate every number.
    expect(findings.length).toBeGreaterThan(worst.size);
    const body = (await client.get('/')).body;
    expect(body).toMatch(
      new RegExp(
        `<span class="label">Computers overdue</span>\\s*<span class="value">${of('overdue')}</span`,
      ),
    );
    expect(body).toContain(`${of('current')} of ${judged} computers: every watched product`);
    expect(body).toContain(`${findings.length} findings (one`);
    expect(body).toContain(`${(await listHosts(kit.ctx.db, {})).length} active computers`);
  });

  it('shows a product: releases per track, version spread, time to install', async () => {
    const res = await client.get('/products/macos');
    expect(res.statusCode).toBe(200);
    for (const text of [
      'Sequoia 15',
      'Tahoe 26',
      '26.6.2',
      '15.7.9',
      'CVE-2026-65400',
      'Time to install',
    ])
      expect(res.body).toContain(text);
    expect(res.body.match(/data-chart="bar"/g)).toHaveLength(2);
    expect(res.body).toContain('15.7.8');
  });

  it.each([
    ['/products/nope', 'no such product'],
    ['/people/nobody%40example.com', 'owns a host'],
  ])('answers 404 for %s', async (path, text) => {
    const res = await client.get(path);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain(text);
  });

  it("shows a person's hosts and findings", async () => {
    const res = await client.get('/people/alice%40example.com');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('mac-A1');
    expect(res.body).toContain('mac-A2');
    expect(res.body).not.toContain('mac-B1');
    expect(res.body).toContain('badge-overdue');
    expect(res.body).toMatch(/2 computers ·\s+\d+ overdue updates? ·\s+\d+ pending updates?/);
  });

  it("shows a host's page: products, history, sources, owner; linked from hosts and person", async () => {
    const [host] = await listHosts(kit.ctx.db, { q: 'mac-A2' });
    const href = `/hosts/${encodeURIComponent(host!.id)}`;
    expect((await client.get('/hosts?q=mac-A2')).body).toContain(`href="${href}"`);
    expect((await client.get('/people/alice%40example.com')).body).toContain(`href="${href}"`);
    const res = await client.get(href);
    expect(res.statusCode).toBe(200);
    const [finding] = (await listFindings(kit.ctx.db, NOW, { hostIds: [host!.id] })).filter(
      (f) => f.status === 'overdue',
    );
    for (const text of [
      '<h1>',
      'mac-A2',
      `${finding!.installed} → ${finding!.required}`,
      'badge-overdue',
      finding!.deadline!.slice(0, 10),
      'Version history',
      'href="/people/alice%40example.com"',
      host!.sources[0]!,
    ])
      expect(res.body).toContain(text);
    expect((await client.get('/hosts/no-such-host')).statusCode).toBe(404);
  });

  it('sorts the hosts table most days overdue first, and by any column on request', async () => {
    const res = await client.get('/hosts');
    expect(res.body).toMatch(
      /<th\s+scope="col"\s+class="num"\s+aria-sort="descending"\s*>\s*<a class="sort" href="\/hosts\?sort=overdue&amp;dir=asc">Days overdue/,
    );
    const overdue = (await listFindings(kit.ctx.db, NOW, { statuses: ['overdue'] })).sort((a, b) =>
      (a.deadline ?? '').localeCompare(b.deadline ?? ''),
    );
    const oldest = overdue[0]!.deadline;
    const mostOverdue = overdue.filter((f) => f.deadline === oldest).map((f) => f.hostName);
    expect(mostOverdue).toContain(hostNames(res.body)[0]);
    const byName = hostNames((await client.get('/hosts?sort=name&dir=asc')).body);
    expect(byName).toHaveLength(PAGE_SIZE);
    expect(byName).toEqual(
      [...byName].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
    const desc = hostNames((await client.get('/hosts?sort=name&dir=desc')).body);
    expect(desc[0]!.toLowerCase() > byName[0]!.toLowerCase()).toBe(true);
    // The page links keep the order.
    expect((await client.get('/hosts?sort=name&dir=desc')).body).toContain(
      'href="/hosts?sort=name&amp;dir=desc&amp;page=2"',
    );
  });

  it('lists people most days overdue first, sortable by any column', async () => {
    expect((await client.get('/')).body).toContain('href="/people"');
    const cells = (body: string): string[][] => {
      const tbody = /<table id="people">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
      return [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
        [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
          c[1]!.replace(/<[^>]+>/g, '').trim(),
        ),
      );
    };
    const res = await client.get('/people');
    expect(res.statusCode).toBe(200);
    const days = cells(res.body).map((r) => (r[4] === '–' ? -1 : Number(r[4])));
    expect(days[0]).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const byName = cells((await client.get('/people?sort=name&dir=asc')).body).map((r) =>
      r[0]!.toLowerCase(),
    );
    expect(byName.length).toBeGreaterThan(PAGE_SIZE - 1);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byComputers = cells((await client.get('/people?sort=computers&dir=desc')).body).map((r) =>
      Number(r[1]),
    );
    expect(byComputers).toEqual([...byComputers].sort((a, b) => b - a));
    expect(byComputers[0]).toBeGreaterThan(1);
  });

  it.each([
    ['', PAGE_SIZE, 58],
    ['?page=2', 8, 58],
    ['?owner=bob%40example.com', 2, 2],
    ['?q=mac-a', 2, 2],
    ['?product=chrome', 4, 4], // A1, A2, B1, C1
    ['?status=overdue&owner=alice%40example.com', 1, 1], // A2: macOS 15.7.9 fixes an exploited CVE
    ['?status=current&product=chrome', 2, 2],
    ['?status=bogus&q=mac-C1', 1, 1],
  ])('filters the hosts table: %s', async (query, rows, total) => {
    const res = await client.get(`/hosts${query}`);
    expect(res.statusCode).toBe(200);
    expect(hostRows(res.body)).toBe(rows);
    expect(res.body).toContain(`${total} ${total === 1 ? 'computer matches' : 'computers match'}`);
  });

  it('runs a job from the jobs page with the CSRF token', async () => {
    const page = await client.get('/jobs');
    expect(page.body).toContain('sync-inventory');
    expect(page.body).toContain('Fleet answered 502');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await client.post('/jobs/sync-feeds/run', { _csrf: csrf });
    expect(res.statusCode).toBe(303);
    expect(kit.jobs.ran).toEqual(['sync-feeds']);
    expect((await client.get(res.headers.location as string)).body).toContain(
      'sync-feeds was started',
    );
    const failed = await client.post('/jobs/broken/run', { _csrf: csrf });
    expect((await client.get(failed.headers.location as string)).body).toContain(
      'broken could not be started',
    );
    expect((await client.post('/jobs/nope/run', { _csrf: csrf })).statusCode).toBe(404);
  });

  it('serves the stylesheet with the status colours', async () => {
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec((await client.get('/')).body)![1]!;
    const res = await new Client(kit.app).get(href);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
    expect(res.body).toContain('--status-overdue: #D55E00');
  });

  it.each(['/hosts?q=SER-XSS', '/people/mallory%40example.com', '/products/macos'])(
    'escapes a hostile host name and owner on %s',
    async (path) => {
      const res = await client.get(path);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(XSS_NAME);
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    },
  );
});
