import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMED_SERIAL as SERIAL, seedIdentityConflict } from '../../test/identity-conflict.js';
import { NOW } from '../../test/reminder-scenario.js';
import { openApiHarness, type ApiHarness } from './__fixtures__/api-harness.js';
import { apiRouteList } from './api-routes.js';

let h: ApiHarness;
let victimId = '';
let nodeId = '';
const auth = () => ({ authorization: `Bearer ${h.tokens.read}` });

beforeAll(async () => {
  h = await openApiHarness();
  await seedIdentityConflict(h.ctx.inventory, NOW);
  const hosts = await h.ctx.db.kysely.selectFrom('hosts').selectAll().execute();
  victimId = hosts.find((x) => x.serial === SERIAL)?.id ?? '';
  nodeId = hosts.find((x) => x.conflict_serial === SERIAL)?.id ?? '';
});
afterAll(() => h.close());

describe('the identity conflict in the API', () => {
  const jobs = { status: () => Promise.resolve([]), runNow: () => Promise.resolve() };
  const routes = () => apiRouteList(h.ctx, { jobs });

  it('GET /hosts flags the node kept apart and not the Mac whose serial it claims', async () => {
    const res = await h.app.inject({
      url: `/api/v1/hosts?owner=mallory@example.com`,
      headers: auth(),
    });
    expect(res.statusCode).toBe(200);
    expect(
      routes()
        .find((r) => r.path === '/hosts')
        ?.response.safeParse(res.json()).error,
    ).toBeUndefined();
    expect(res.json()).toEqual([
      expect.objectContaining({
        id: nodeId,
        serial: null,
        sources: ['osquery'],
        identityConflict: { serial: SERIAL, hostId: victimId },
      }),
    ]);
    const victim = await h.app.inject({
      url: `/api/v1/hosts?owner=vera@example.com`,
      headers: auth(),
    });
    expect(victim.json()).toEqual([
      expect.objectContaining({ id: victimId, serial: SERIAL, identityConflict: null }),
    ]);
  });

  it('GET /hosts/:id carries the flag, in the documented shape', async () => {
    const res = await h.app.inject({ url: `/api/v1/hosts/${nodeId}`, headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(
      routes()
        .find((r) => r.path === '/hosts/:id')
        ?.response.safeParse(res.json()).error,
    ).toBeUndefined();
    expect(res.json()).toMatchObject({ identityConflict: { serial: SERIAL, hostId: victimId } });
  });

  it('documents identityConflict in the OpenAPI host schema', async () => {
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
    }>();
    expect(JSON.stringify(doc.paths['/api/v1/hosts/{id}']?.get.responses)).toContain(
      'identityConflict',
    );
  });
});
