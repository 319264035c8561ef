import { readFileSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import { parse } from 'csv-parse/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extraPeople, NOW, seedScenario } from '../../../test/reminder-scenario.js';
import { ttiReport } from '../../api/tti-routes.js';
import type { HostRecord } from '../../inventory/model.js';
import { installGuard } from '../auth/guard.js';
import { Sessions } from '../auth/sessions.js';
import { ensureSetupCode } from '../routes.js';
import { Client, createKit, setUp, type Kit } from '../test-kit.js';
import {
  csvHref,
  csvRoutes,
  HOST_TABLE_COLUMNS,
  hostTableRows,
  PEOPLE_TABLE_COLUMNS,
  peopleTableRows,
} from './csv-routes.js';
import { loadHosts, PAGE_SIZE, parseHostsQuery } from './hosts-data.js';
import { loadPeople, parsePeopleQuery } from './people-data.js';

const FORMULA_HOST: HostRecord = {
  source: 'file',
  sourceId: 'EVIL',
  serial: 'SER-EVIL',
  name: '@SUM(1+1)*cmd|" /C calc"!A0',
  platform: 'macos',
  osVersion: '15.7.8',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email: 'mallory@example.com', name: '=1+1' },
  apps: [],
};

let kit: Kit;
/** The export routes alone, unguarded: what they write. */
let bare: FastifyInstance;

beforeAll(async () => {
  kit = await createKit({
    now: NOW,
    // 7 scenario hosts + 50 more + one with formula-like text: two pages of the table.
    seed: ({ db }) => seedScenario(db, [...extraPeople(PAGE_SIZE).hosts, FORMULA_HOST]),
  });
  bare = Fastify({ logger: false });
  csvRoutes(bare, kit.ctx);
  await bare.ready();
});
afterAll(async () => {
  await bare?.close();
  await kit?.close();
});

function table(body: string): string[][] {
  const rows: unknown = parse(body);
  return rows as string[][];
}

async function collect<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

describe('dashboard CSV exports', () => {
  it.each([
    '',
    '?status=overdue',
    '?sort=name&dir=asc',
    '?sort=seen&dir=desc&q=mac-',
    '?owner=alice@example.com',
  ])('/hosts.csv%s: every page of the table, in its order', async (search) => {
    const raw = Object.fromEntries(new URLSearchParams(search));
    const pages = [1, 2, 3].map((page) =>
      loadHosts(kit.ctx, parseHostsQuery({ ...raw, page: String(page) }), NOW),
    );
    const shown = (await Promise.all(pages))
      .filter((d, i) => d.query.page === i + 1)
      .flatMap((d) =>
        d.rows.map((r) => [
          r.host.id,
          r.status ?? '',
          r.daysOverdue === null ? '' : String(r.daysOverdue),
        ]),
      );
    expect(shown.length).toBeGreaterThan(0);
    const res = await bare.inject({ url: `/hosts.csv${search}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="patchbay-hosts-2026-08-25.csv"',
    );
    const [header, ...rows] = table(res.body);
    expect(header).toEqual(HOST_TABLE_COLUMNS.map((c) => c.name));
    const status = header!.indexOf('status');
    const days = header!.indexOf('days_overdue');
    expect(rows.map((r) => [r[0], r[status], r[days]])).toEqual(shown);
  });

  it('reads the same rows whatever the export page size', async () => {
    const q = parseHostsQuery({ sort: 'overdue', dir: 'desc' });
    const one = await collect(hostTableRows(kit.ctx, q, NOW, 1000));
    expect(one).toHaveLength(58);
    expect(await collect(hostTableRows(kit.ctx, q, NOW, 7))).toEqual(one);
    const p = parsePeopleQuery({ sort: 'name', dir: 'asc' });
    const people = await collect(peopleTableRows(kit.ctx, p, NOW, 1000));
    expect(await collect(peopleTableRows(kit.ctx, p, NOW, 3))).toEqual(people);
  });

  it('/people.csv: the people table, every page, in its order', async () => {
    const data = await loadPeople(kit.ctx, parsePeopleQuery({ sort: 'name', dir: 'asc' }), NOW);
    expect(data.total).toBeGreaterThan(data.rows.length);
    const res = await bare.inject({ url: '/people.csv?sort=name&dir=asc' });
    const [header, ...rows] = table(res.body);
    expect(header).toEqual(PEOPLE_TABLE_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(data.total);
    expect(rows.slice(0, data.rows.length).map((r) => r[0])).toEqual(data.rows.map((r) => r.email));
  });

  it('/tti.csv: the API report of one product, or of all when the product is not an id', async () => {
    const macos = await ttiReport(kit.ctx, { product: ['macos'], all: true });
    expect(macos.length).toBeGreaterThan(0);
    const res = await bare.inject({ url: '/tti.csv?product=macos&all=true' });
    expect(res.headers['content-disposition']).toContain('patchbay-tti-2026-08-25.csv');
    const [header, ...rows] = table(res.body);
    expect(header?.[0]).toBe('product');
    expect(rows.map((r) => [r[0], r[2]])).toEqual(macos.map((t) => [t.product, t.version]));
    const everything = await ttiReport(kit.ctx, {});
    const [, ...all] = table((await bare.inject({ url: '/tti.csv?product=%3Cb%3E' })).body);
    expect(all).toHaveLength(everything.length);
    expect(new Set(all.map((r) => r[0])).size).toBeGreaterThan(1);
  });

  it('defuses formula-like text from inventory', async () => {
    const res = await bare.inject({ url: '/hosts.csv?owner=mallory@example.com' });
    const [, row] = table(res.body);
    expect(row?.[1]).toBe(`'${FORMULA_HOST.name}`);
    expect(row?.[6]).toBe("'=1+1");
  });

  it('maps a table URL to its CSV twin', () => {
    expect(csvHref('/hosts')).toBe('/hosts.csv');
    expect(csvHref('/hosts?status=overdue&sort=name')).toBe('/hosts.csv?status=overdue&sort=name');
    expect(csvHref('/people?sort=days&dir=asc')).toBe('/people.csv?sort=days&dir=asc');
  });

  it('links Download CSV from the hosts and people tables with their filter and order', async () => {
    const client = new Client(kit.app);
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
    const hosts = await client.get('/hosts?status=overdue&sort=name&dir=asc&page=2');
    expect(hosts.body).toContain(
      'href="/hosts.csv?status=overdue&amp;sort=name&amp;dir=asc" download',
    );
    const people = await client.get('/people?sort=computers&dir=desc');
    expect(people.body).toContain('href="/people.csv?sort=computers&amp;dir=desc" download');
    // The links lead somewhere: the dashboard app itself serves them to the signed-in admin.
    for (const url of ['/hosts.csv?sort=name', '/people.csv', '/tti.csv?product=macos']) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/csv/);
    }
  });

  it('serves nothing to a visitor without a session when mounted behind the dashboard guard', async () => {
    const app = Fastify({ logger: false });
    await app.register(async (scope) => {
      await scope.register(fastifyCookie);
      installGuard(scope, new Sessions({ db: kit.ctx.db, now: kit.ctx.now, secure: false }));
      csvRoutes(scope, kit.ctx);
    });
    for (const url of ['/hosts.csv', '/people.csv', '/tti.csv']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toMatch(/^\/(login|setup)/);
      expect(res.body, url).not.toContain('owner_email');
    }
    await app.close();
  });

  it('has every column, with its meaning, in docs/dashboard.md', () => {
    const doc = readFileSync(
      new URL('../../../docs/dashboard.md', import.meta.url),
      'utf8',
    ).replace(/[ \t]+/g, ' ');
    for (const c of [...HOST_TABLE_COLUMNS, ...PEOPLE_TABLE_COLUMNS])
      expect(doc).toContain(`| \`${c.name}\` | ${c.description} |`);
  });
});
