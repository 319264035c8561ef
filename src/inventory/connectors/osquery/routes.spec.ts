import { readFileSync } from 'node:fs';
import { fastify, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../test/dialects.js';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import { OsqueryConnector, OsqueryStore, osqueryRoutes } from './index.js';
import type { OsqueryRouteDeps } from './routes.js';

const SECRET = 'this_is_a_deployment_secret';
const NOW = new Date('2026-08-18T09:15:00Z');
const MAC = '4AB2906D-5516-5794-AF54-86D1D7F533F3';
const WIN = '6F3A2C1E-8D4B-4F1A-9E2D-7C5B3A1F0E92';

/** The fixture's exact text, with the node key osqueryd would have put in. */
const body = (name: string, nodeKey = ''): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8').replaceAll(
    'NODE_KEY',
    nodeKey,
  );

describe.each(DIALECTS)('osquery TLS API on $name', ({ open }) => {
  let t: TestDb | null = null;
  let app: FastifyInstance | null = null;
  afterEach(async () => {
    await app?.close();
    await t?.cleanup();
    app = null;
    t = null;
  });

  async function setup(
    over: Partial<OsqueryRouteDeps> = {},
  ): Promise<{ app: FastifyInstance; store: OsqueryStore }> {
    t = await open();
    const store = new OsqueryStore(t.db);
    app = fastify();
    osqueryRoutes(app, {
      store,
      enrollSecret: SECRET,
      now: () => NOW,
      log: pino({ level: 'silent' }),
      ...over,
    });
    await app.ready();
    return { app, store };
  }

  async function post(a: FastifyInstance, path: string, payload: string) {
    const res = await a.inject({
      method: 'POST',
      url: `/api/osquery/${path}`,
      payload,
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.statusCode, json: res.json<Record<string, unknown>>() };
  }

  async function readAll(
    store: OsqueryStore,
    total = 2,
  ): Promise<{ hosts: HostRecord[]; issues: InventoryIssue[] }> {
    const hosts: HostRecord[] = [];
    const issues: InventoryIssue[] = [];
    const ctx = {
      settings: {},
      http: new HttpClient({ timeoutMs: 1000, userAgent: 'test', sleep: () => Promise.resolve() }),
      log: pino({ level: 'silent' }),
      now: () => NOW,
    };
    for await (const page of new OsqueryConnector(store, { pageSize: 1 }).read(ctx)) {
      hosts.push(...page.hosts);
      issues.push(...page.issues);
      expect(page.total).toBe(total);
    }
    return { hosts, issues };
  }

  it('enroll -> config -> log: the connector yields each host with its apps', async () => {
    const { app: a, store } = await setup();
    const mac = await post(a, 'enroll', body('enroll-darwin.json'));
    const win = await post(a, 'enroll', body('enroll-windows.json'));
    expect(mac).toMatchObject({
      status: 200,
      json: { node_invalid: false, node_key: expect.any(String) as unknown },
    });
    const macKey = String(mac.json.node_key);
    const winKey = String(win.json.node_key);
    expect(macKey).not.toBe(winKey);

    const config = await post(a, 'config', JSON.stringify({ node_key: macKey }));
    expect(config.status).toBe(200);
    expect(Object.keys(config.json.schedule as object)).toContain('patchbay_apps');

    expect(await post(a, 'log', body('log-status.json', macKey))).toEqual({
      status: 200,
      json: { node_invalid: false },
    });
    expect(await post(a, 'log', body('log-result-snapshot-darwin.json', macKey))).toEqual({
      status: 200,
      json: { node_invalid: false },
    });
    expect((await post(a, 'log', body('log-result-snapshot-windows.json', winKey))).status).toBe(
      200,
    );

    const { hosts, issues } = await readAll(store);
    expect(issues).toEqual([]);
    expect(hosts).toEqual([
      {
        source: 'osquery',
        sourceId: MAC,
        serial: 'C02XK1ZQJG5H',
        hardwareUuid: MAC,
        name: "Ada's MacBook Pro",
        platform: 'macos',
        osVersion: '14.1.2',
        osBuild: '23B92',
        lastSeenAt: NOW.toISOString(),
        owner: { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' },
        apps: [
          {
            kind: 'bundle-id',
            key: 'com.google.Chrome',
            name: 'Google Chrome.app',
            version: '139.0.7258.128',
          },
          { kind: 'bundle-id', key: 'org.mozilla.firefox', name: 'Firefox.app', version: '142.0' },
          {
            kind: 'bundle-id',
            key: 'com.tinyspeck.slackmacgap',
            name: 'Slack.app',
            version: '4.45.64',
          },
        ],
      },
      expect.objectContaining({
        sourceId: WIN,
        serial: '024175290357',
        platform: 'windows',
        osVersion: '10.0.22000',
        apps: expect.arrayContaining([
          {
            kind: 'program',
            key: 'Microsoft Edge',
            name: 'Microsoft Edge',
            version: '139.0.3405.102',
          },
        ]) as unknown,
      }),
    ]);

    // The next run arrives in osquery's default event format: Chrome was updated.
    await post(a, 'log', body('log-result-event-darwin.json', macKey));
    const after = (await readAll(store)).hosts.find((h) => h.sourceId === MAC);
    expect(after?.apps?.find((x) => x.key === 'com.google.Chrome')?.version).toBe('139.0.7258.139');
    expect(after?.apps).toHaveLength(3);
  });

  it.each([
    ['a wrong secret', { enroll_secret: 'guess' }],
    ['no secret', { enroll_secret: undefined }],
    ['a longer secret with the right prefix', { enroll_secret: `${SECRET}x` }],
  ])('refuses to enroll with %s: node_invalid, no key, nothing stored', async (_what, over) => {
    const { app: a, store } = await setup();
    const req = { ...(JSON.parse(body('enroll-darwin.json')) as object), ...over };
    const res = await post(a, 'enroll', JSON.stringify(req));
    expect(res).toEqual({
      status: 401,
      json: { node_invalid: true, error: 'Enroll secret refused' },
    });
    expect(await store.countNodes()).toBe(0);
  });

  it.each(['config', 'log'])(
    'answers an unknown node key on %s with node_invalid so osqueryd re-enrolls',
    async (path) => {
      const { app: a } = await setup();
      const payload =
        path === 'log'
          ? body('log-result-snapshot-darwin.json', 'not-a-key')
          : JSON.stringify({ node_key: 'not-a-key' });
      const res = await post(a, path, payload);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ node_invalid: true });
    },
  );

  it('a key superseded by a re-enroll is refused', async () => {
    const { app: a } = await setup();
    const first = String((await post(a, 'enroll', body('enroll-darwin.json'))).json.node_key);
    await post(a, 'enroll', body('enroll-darwin.json'));
    expect((await post(a, 'config', JSON.stringify({ node_key: first }))).json).toMatchObject({
      node_invalid: true,
    });
  });

  // Issue 9, item 1: anyone with the shared secret could enroll under a working node's host
  // identifier, which silently retired that node's key and let the newcomer speak for it.
  it('refuses a second enrollment for a live host identifier: the live node keeps its key', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
      { level: 'info' },
      {
        write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>),
      },
    );
    const registry = new Registry();
    const { app: a, store } = await setup({ log, registry });
    const victim = String((await post(a, 'enroll', body('enroll-darwin.json'))).json.node_key);
    expect((await post(a, 'config', JSON.stringify({ node_key: victim }))).status).toBe(200);

    const claim = JSON.parse(body('enroll-darwin.json')) as { host_details: object };
    const attacker = { ...claim, host_details: { system_info: { hardware_serial: 'ATTACKER' } } };
    expect(await post(a, 'enroll', JSON.stringify(attacker))).toEqual({
      status: 409,
      json: {
        node_invalid: true,
        error: 'Host identifier is enrolled by a node that is still reporting',
      },
    });
    expect((await post(a, 'config', JSON.stringify({ node_key: victim }))).status).toBe(200);
    expect(await store.nodeByKey(victim)).toMatchObject({
      hostIdentifier: MAC,
      refusedEnrollments: { count: 1, lastFrom: '127.0.0.1' },
    });
    expect((await readAll(store, 1)).hosts[0]?.serial).toBe('C02XK1ZQJG5H');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        hostIdentifier: MAC,
        ip: '127.0.0.1',
        msg: 'osquery enroll refused: host identifier held by a live node',
      }),
    );
    const refused = await registry.getSingleMetric('patchbay_osquery_refused_total')!.get();
    expect(refused.values).toEqual([
      { labels: { endpoint: 'enroll', reason: 'enroll-conflict' }, value: 1 },
    ]);
  });

  it('lets a reinstalled Mac enroll again once its old key has been quiet for liveFor', async () => {
    let now = NOW;
    const { app: a } = await setup({ now: () => now, liveForMs: 3_600_000 });
    const old = String((await post(a, 'enroll', body('enroll-darwin.json'))).json.node_key);
    await post(a, 'log', body('log-status.json', old));
    now = new Date(NOW.getTime() + 3_599_999);
    expect((await post(a, 'enroll', body('enroll-darwin.json'))).status).toBe(409);
    now = new Date(NOW.getTime() + 3_600_000);
    const fresh = await post(a, 'enroll', body('enroll-darwin.json'));
    expect(fresh).toMatchObject({ status: 200, json: { node_invalid: false } });
    expect((await post(a, 'config', JSON.stringify({ node_key: old }))).json).toMatchObject({
      node_invalid: true,
    });
  });

  it('reports a malformed log line and ingests the others', async () => {
    const { app: a, store } = await setup();
    const key = String((await post(a, 'enroll', body('enroll-darwin.json'))).json.node_key);
    const log = JSON.parse(body('log-result-snapshot-darwin.json', key)) as {
      data: Record<string, unknown>[];
    };
    log.data[1] = { ...log.data[1], snapshot: 'garbage' };
    expect(await post(a, 'log', JSON.stringify(log))).toEqual({
      status: 200,
      json: { node_invalid: false },
    });
    const { hosts, issues } = await readAll(store, 1);
    expect(hosts[0]?.apps).toHaveLength(3);
    expect(hosts[0]?.owner?.email).toBe('ada.lovelace@example.com');
    // system_info falls back to the enroll details instead of the bad line.
    expect(hosts[0]?.serial).toBe('C02XK1ZQJG5H');
    expect(issues).toEqual([
      {
        source: 'osquery',
        record: `${MAC} data[1] (patchbay_system_info)`,
        field: 'snapshot',
        message: expect.any(String) as unknown,
      },
    ]);
  });

  it('rejects a request that is not the protocol with 400', async () => {
    const { app: a } = await setup();
    const res = await post(
      a,
      'log',
      JSON.stringify({ node_key: 'k', log_type: 'other', data: [] }),
    );
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toContain('log_type');
  });
});
