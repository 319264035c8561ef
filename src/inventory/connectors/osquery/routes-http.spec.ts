import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fastify } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/dialects.js';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import { OsqueryConnector, OsqueryStore, osqueryRoutes } from './index.js';

const SECRET = 'this_is_a_deployment_secret';
const NOW = new Date('2026-08-18T09:15:00Z');

/** The fixture's exact text, with the node key osqueryd would have put in. */
const body = (name: string, nodeKey = ''): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8').replaceAll(
    'NODE_KEY',
    nodeKey,
  );

describe('osquery TLS API over a real HTTP server', () => {
  it('round-trips osqueryd’s real bodies, gzip-compressed logs included', async () => {
    const t = await DIALECTS[0]!.open();
    const store = new OsqueryStore(t.db);
    const app = fastify();
    osqueryRoutes(app, {
      store,
      enrollSecret: SECRET,
      now: () => NOW,
      log: pino({ level: 'silent' }),
    });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const send = async (path: string, payload: string | Buffer, gzip = false) => {
        const res = await fetch(`${base}/api/osquery/${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'osquery/5.13.1',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          },
          body: gzip ? gzipSync(payload) : payload,
        });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const enroll = await send('enroll', body('enroll-darwin.json'));
      const key = String(enroll.json.node_key);
      expect(enroll.status).toBe(200);
      expect((await send('config', JSON.stringify({ node_key: key }))).json).toHaveProperty(
        'schedule.patchbay_system_info.snapshot',
        true,
      );
      expect(await send('log', body('log-result-snapshot-darwin.json', key), true)).toEqual({
        status: 200,
        json: { node_invalid: false },
      });
      expect(
        (
          await send(
            'enroll',
            JSON.stringify({
              ...(JSON.parse(body('enroll-darwin.json')) as object),
              enroll_secret: 'nope',
            }),
          )
        ).json,
      ).toMatchObject({ node_invalid: true });

      const ctx = {
        settings: {},
        http: new HttpClient({
          timeoutMs: 1000,
          userAgent: 'test',
          sleep: () => Promise.resolve(),
        }),
        log: pino({ level: 'silent' }),
        now: () => NOW,
      };
      const pages = [];
      for await (const p of new OsqueryConnector(store).read(ctx)) pages.push(p);
      expect(pages).toHaveLength(1);
      expect(pages[0]?.hosts.map((h) => [h.serial, h.apps?.length])).toEqual([['C02XK1ZQJG5H', 3]]);
    } finally {
      await app.close();
      await t.cleanup();
    }
  });
});
