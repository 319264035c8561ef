import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiHarness, type ApiHarness } from './__fixtures__/api-harness.js';
import { apiRouteList } from './api-routes.js';
import { openApiPath } from './openapi.js';

interface Operation {
  operationId: string;
  security: { bearer?: string[] }[];
  'x-patchbay-scope': string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

let h: ApiHarness;
let doc: Doc;
beforeAll(async () => {
  h = await openApiHarness();
  doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json<Doc>();
});
afterAll(() => h.close());

const operations = (): [string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]): [string, Operation] => [`${m.toUpperCase()} ${path}`, op]),
  );

describe('GET /api/v1/openapi.json', () => {
  it('lists every registered /api/v1 route, and nothing else', () => {
    const registered = h.registered
      .filter((r) => !r.startsWith('HEAD ') && r.includes('/api/v1/'))
      .map((r) => {
        const [method = '', url = ''] = r.split(' ');
        return `${method} ${openApiPath(url.slice('/api/v1'.length))}`;
      });
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect(
      operations()
        .map(([k]) => k)
        .sort(),
    ).toEqual([...new Set(registered)].sort());
  });

  it('is OpenAPI 3.1 with bearer security on every route but itself', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [key, op] of operations()) {
      const isPublic = key === 'GET /api/v1/openapi.json';
      expect(op.security, key).toEqual(isPublic ? [] : [{ bearer: [] }]);
      if (!isPublic)
        expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(doc.paths['/api/v1/jobs/{name}/run']?.post?.['x-patchbay-scope']).toBe('admin');
    expect(doc.paths['/api/v1/hosts']?.get?.['x-patchbay-scope']).toBe('read');
  });

  it('describes parameters from the zod schemas', () => {
    const params = doc.paths['/api/v1/hosts']?.get?.parameters ?? [];
    expect(params.find((p) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 1000 },
    });
    expect(params.find((p) => p.name === 'all')?.schema).toMatchObject({ type: 'string' });
    expect(doc.paths['/api/v1/hosts/{id}']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(
      doc.paths['/api/v1/findings']?.get?.parameters.find((p) => p.name === 'status')?.schema,
    ).toMatchObject({ enum: ['current', 'pending', 'overdue', 'unsupported', 'unknown'] });
  });

  it('has unique operation ids and only references that resolve', () => {
    const ids = operations().map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, name] of refs) expect(doc.components.schemas, name).toHaveProperty(name ?? '');
  });
});

describe('responses match the documented schemas', () => {
  const jobs = { status: () => Promise.resolve([]), runNow: () => Promise.resolve() };

  it.each(['/catalog', '/hosts', '/findings', '/people', '/tti', '/jobs', '/openapi.json'])(
    'GET %s',
    async (path) => {
      const route = apiRouteList(h.ctx, { jobs }).find((r) => r.path === path);
      const res = await h.app.inject({
        url: `/api/v1${path}?${path === '/catalog' ? 'all=true' : ''}`,
        headers: { authorization: `Bearer ${h.tokens.read}` },
      });
      expect(res.statusCode).toBe(200);
      const parsed = route?.response.safeParse(res.json());
      expect(parsed?.error).toBeUndefined();
    },
  );

  it('GET /hosts/:id', async () => {
    const auth = { authorization: `Bearer ${h.tokens.read}` };
    const [first] = (await h.app.inject({ url: '/api/v1/hosts?limit=1', headers: auth })).json<
      { id: string }[]
    >();
    const res = await h.app.inject({ url: `/api/v1/hosts/${first?.id ?? ''}`, headers: auth });
    const route = apiRouteList(h.ctx, { jobs }).find((r) => r.path === '/hosts/:id');
    expect(route?.response.safeParse(res.json()).error).toBeUndefined();
  });
});
