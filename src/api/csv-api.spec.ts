import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../test/reminder-scenario.js';
import { compileAppMap } from '../inventory/app-map.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import { openApiHarness, type ApiHarness } from './__fixtures__/api-harness.js';
import { FINDING_COLUMNS, HOST_COLUMNS, PERSON_COLUMNS, TTI_COLUMNS } from './csv-columns.js';

let h: ApiHarness;
// Names a spreadsheet would run, or split, if written as they are.
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const COMMA = 'mac, the "lab" one';

beforeAll(async () => {
  h = await openApiHarness();
  const host = (sourceId: string, name: string): HostRecord => ({
    source: 'file',
    sourceId,
    serial: `SER-${sourceId}`,
    name,
    platform: 'macos',
    osVersion: '15.7.8',
    osBuild: null,
    lastSeenAt: '2026-08-25T08:00:00.000Z',
    owner: { email: 'mallory@example.com', name: '+1 555 0100' },
    apps: [],
  });
  await new InventoryStore(h.ctx.db).applyPage(
    'file',
    [host('X1', FORMULA), host('X2', COMMA)],
    NOW,
    {
      appMap: compileAppMap(),
      ownerPrecedence: ['file'],
    },
  );
  await h.ctx.refreshFindings();
});
afterAll(() => h.close());

function get(
  url: string,
  headers: Record<string, string> = {},
  token: string | null = h.tokens.read,
) {
  return h.app.inject({
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}
const csv = (url: string) => get(url, { accept: 'text/csv' });

/** The CSV as records of named cells, after checking its header row. */
function records(res: LightMyRequestResponse, columns: readonly { name: string }[]) {
  const rows: unknown = parse(res.body);
  const [header, ...body] = rows as string[][];
  expect(header).toEqual(columns.map((c) => c.name));
  return body.map((r) => Object.fromEntries(r.map((v, i) => [columns[i]?.name ?? `#${i}`, v])));
}

describe('CSV exports of the API', () => {
  it('answers Accept: text/csv with a dated attachment, CRLF lines and a header row', async () => {
    const res = await csv('/api/v1/hosts');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="patchbay-hosts-2026-08-25.csv"',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith(`${HOST_COLUMNS.map((c) => c.name).join(',')}\r\n`)).toBe(true);
    expect(res.body.endsWith('\r\n')).toBe(true);
    // ?format=csv is the same file, for a plain link that cannot set Accept.
    expect((await get('/api/v1/hosts?format=csv')).body).toBe(res.body);
  });

  it.each([
    '/api/v1/hosts',
    '/api/v1/hosts?owner=alice@example.com',
    '/api/v1/hosts?product=chrome',
    '/api/v1/hosts?all=true',
  ])('%s: every row of the JSON listing, in its order, paging ignored', async (url) => {
    const json = (await get(`${url}${url.includes('?') ? '&' : '?'}limit=1000`)).json<
      { id: string; name: string; owner: { email: string } | null; products: object }[]
    >();
    expect(json.length).toBeGreaterThan(0);
    const rows = records(
      await csv(`${url}${url.includes('?') ? '&' : '?'}limit=1&offset=1`),
      HOST_COLUMNS,
    );
    expect(rows.map((r) => r.id)).toEqual(json.map((j) => j.id));
    expect(rows.map((r) => r.owner_email)).toEqual(json.map((j) => j.owner?.email ?? ''));
    expect(rows.map((r) => r.products?.split(' ').filter(Boolean).length ?? 0)).toEqual(
      json.map((j) => Object.keys(j.products).length),
    );
  });

  it('quotes what needs quoting and defuses cells that start like a formula', async () => {
    const res = await csv('/api/v1/hosts?owner=mallory@example.com');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(res.body).toContain('"mac, the ""lab"" one"');
    const rows = records(res, HOST_COLUMNS);
    expect(rows.map((r) => r.name).sort()).toEqual([`'${FORMULA}`, COMMA].sort());
    expect(rows.map((r) => r.owner_name)).toEqual(["'+1 555 0100", "'+1 555 0100"]);
  });

  it('findings: the rows and filter of the JSON listing', async () => {
    for (const url of ['/api/v1/findings', '/api/v1/findings?status=overdue&product=macos']) {
      const sep = url.includes('?') ? '&' : '?';
      const json = (await get(`${url}${sep}limit=1000`)).json<
        { hostId: string; product: string; status: string; daysOverdue: number }[]
      >();
      expect(json.length).toBeGreaterThan(0);
      const rows = records(await csv(url), FINDING_COLUMNS);
      expect(rows.map((r) => [r.host_id, r.product, r.status, Number(r.days_overdue)])).toEqual(
        json.map((j) => [j.hostId, j.product, j.status, j.daysOverdue]),
      );
    }
  });

  it('people: everyone of the JSON listing with their counts', async () => {
    const json = (await get('/api/v1/people?limit=1000')).json<
      {
        email: string;
        hosts: number;
        findings: { overdue: number };
        computers: { withFindings: number; overdue: number; pending: number };
      }[]
    >();
    expect(json.length).toBeGreaterThan(1);
    const rows = records(await csv('/api/v1/people?limit=1'), PERSON_COLUMNS);
    expect(rows.map((r) => [r.email, Number(r.hosts), Number(r.overdue)])).toEqual(
      json.map((j) => [j.email, j.hosts, j.findings.overdue]),
    );
    const computers = (r: Record<string, string>) =>
      [r.computers_with_findings, r.computers_overdue, r.computers_pending].map(Number);
    expect(rows.map(computers)).toEqual(
      json.map((j) => [j.computers.withFindings, j.computers.overdue, j.computers.pending]),
    );
    expect(json.some((j) => j.computers.overdue > 0)).toBe(true);
  });

  it('tti: one row per release of the JSON report', async () => {
    const json = (await get('/api/v1/tti?all=true')).json<
      { product: string; version: string; hostsNeeding: number; medianDays: number | null }[]
    >();
    expect(json.length).toBeGreaterThan(0);
    const res = await csv('/api/v1/tti?all=true');
    expect(res.headers['content-disposition']).toContain('patchbay-tti-2026-08-25.csv');
    const rows = records(res, TTI_COLUMNS);
    expect(rows.map((r) => [r.product, r.version, Number(r.hosts_needing), r.median_days])).toEqual(
      json.map((j) => [
        j.product,
        j.version,
        j.hostsNeeding,
        j.medianDays === null ? '' : String(j.medianDays),
      ]),
    );
  });

  it.each([
    ['no Accept', {}],
    ['*/*', { accept: '*/*' }],
    ['JSON', { accept: 'application/json' }],
    ['CSV refused with q=0', { accept: 'text/csv;q=0, application/json' }],
    ['JSON preferred by q', { accept: 'application/json, text/csv;q=0.5' }],
    ['anything preferred to CSV', { accept: 'text/csv;q=0.8, */*' }],
    ['application/* preferred', { accept: 'application/*;q=0.9, text/csv;q=0.2' }],
    ['an unreadable q', { accept: 'text/csv;q=high' }],
  ])('stays JSON with %s', async (_label, headers) => {
    const res = await get('/api/v1/hosts', headers);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(res.json())).toBe(true);
    expect(
      (await get('/api/v1/hosts?format=json', { accept: 'text/csv' })).headers['content-type'],
    ).toMatch(/^application\/json/);
  });

  it.each([
    'text/csv',
    'TEXT/CSV; charset=utf-8',
    'application/json;q=0.5, text/csv',
    'text/csv, application/json',
    'text/csv;q=0.4, */*;q=0.1',
    'text/csv;q=0.7, text/html',
  ])('answers CSV to Accept: %s', async (accept) => {
    const res = await get('/api/v1/hosts', { accept });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith(`${HOST_COLUMNS[0]?.name},`)).toBe(true);
  });

  it('streams NDJSON to a client that prefers it to CSV', async () => {
    const res = await get('/api/v1/findings', {
      accept: 'application/x-ndjson, text/csv;q=0.5',
    });
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const first = res.body.split('\n')[0] ?? '';
    expect(JSON.parse(first)).toHaveProperty('hostId');
  });

  it.each([
    ['NDJSON refused with q=0', 'application/x-ndjson;q=0, application/json', false],
    ['JSON preferred by q', 'application/json, application/x-ndjson;q=0.5', false],
    ['NDJSON named', 'application/x-ndjson', true],
    ['NDJSON with a charset', 'application/x-ndjson; charset=utf-8', true],
  ])('findings by Accept q-values: %s', async (_label, accept, ndjson) => {
    const res = await get('/api/v1/findings', { accept });
    expect(res.headers['content-type']).toMatch(
      ndjson ? /^application\/x-ndjson/ : /^application\/json/,
    );
  });

  it('checks the token and the parameters first, answering errors as JSON', async () => {
    const anonymous = await get('/api/v1/hosts?format=csv', {}, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<{ error: { code: string } }>().error.code).toBe('E_API_TOKEN');
    const bad = await csv('/api/v1/findings?status=late');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('E_USAGE');
    const format = await get('/api/v1/people?format=xml');
    expect([
      format.statusCode,
      format.json<{ error: { message: string } }>().error.message,
    ]).toEqual([400, expect.stringContaining('"format"')]);
  });

  it('is documented in OpenAPI with its columns, on the four listings', async () => {
    const doc = (await get('/api/v1/openapi.json', {}, null)).json<{
      paths: Record<
        string,
        {
          get?: {
            responses: Record<
              string,
              {
                content: Record<string, { schema: { description: string } }>;
                headers?: Record<string, unknown>;
              }
            >;
            parameters: { name: string }[];
          };
        }
      >;
    }>();
    for (const [path, columns] of [
      ['/api/v1/hosts', HOST_COLUMNS],
      ['/api/v1/findings', FINDING_COLUMNS],
      ['/api/v1/people', PERSON_COLUMNS],
      ['/api/v1/tti', TTI_COLUMNS],
    ] as const) {
      const op = doc.paths[path]?.get;
      const text = op?.responses['200']?.content['text/csv']?.schema.description ?? '';
      for (const c of columns) expect(text, path).toContain(`${c.name} (`);
      expect(op?.responses['200']?.headers, path).toHaveProperty('Content-Disposition');
      expect(
        op?.parameters.map((p) => p.name),
        path,
      ).toContain('format');
    }
    expect(doc.paths['/api/v1/hosts/{id}']?.get?.responses['200']?.content).not.toHaveProperty(
      'text/csv',
    );
  });

  it('has every column, with its meaning, in docs/api.md', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8').replace(
      /[ \t]+/g,
      ' ',
    );
    for (const c of [...HOST_COLUMNS, ...FINDING_COLUMNS, ...PERSON_COLUMNS, ...TTI_COLUMNS])
      expect(doc).toContain(`| \`${c.name}\` | ${c.description} |`);
  });
});
