import { readFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fastify, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../test/dialects.js';
import { OsqueryStore } from './osquery-store.js';
import { osqueryRoutes, type OsqueryRouteDeps } from './routes.js';

/**
 * Issue 9, item 2: 110 KB gzip bodies that inflate to 32 MB each, sent to /api/osquery/log
 * without a node key, took the server from 123 MB to 910 MB. Real HTTP server, real sockets.
 */
const SECRET = 'this_is_a_deployment_secret';
const NOW = new Date('2026-08-18T09:15:00Z');
const MiB = 1024 * 1024;

const fixture = (name: string, nodeKey = ''): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8').replaceAll(
    'NODE_KEY',
    nodeKey,
  );

/** Counts the store calls a request gets to: a refused body must not reach a single one. */
class WatchedStore extends OsqueryStore {
  lookups = 0;
  override nodeByKey(nodeKey: string) {
    this.lookups++;
    return super.nodeByKey(nodeKey);
  }
}

/** 32 MiB once inflated, ~32 KiB on the wire: a well-formed log whose `data` is all blanks. */
function bomb(): Buffer {
  const json = `{"node_key":"","log_type":"result","data":[${' '.repeat(32 * MiB)}]}`;
  return gzipSync(json);
}

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

describe('osquery endpoints bound what a body may cost', () => {
  let t: TestDb | null = null;
  let app: FastifyInstance | null = null;
  afterEach(async () => {
    await app?.close();
    await t?.cleanup();
    app = null;
    t = null;
  });

  async function serve(over: Partial<OsqueryRouteDeps> = {}) {
    t = await DIALECTS[0]!.open();
    const store = new WatchedStore(t.db);
    const registry = new Registry();
    app = fastify();
    // A test hook to learn when a request has been admitted and its body is being read.
    const reading: Array<(res: ServerResponse) => void> = [];
    app.addHook('preParsing', (_request, reply, payload, done) => {
      reading.shift()?.(reply.raw);
      done(null, payload);
    });
    osqueryRoutes(app, {
      store,
      enrollSecret: SECRET,
      now: () => NOW,
      log: pino({ level: 'silent' }),
      registry,
      ...over,
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const post = async (path: string, body: string | Buffer, gzip = false): Promise<Answer> => {
      const res = await fetch(`${base}/api/osquery/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const enroll = async () =>
      String((await post('enroll', fixture('enroll-darwin.json'))).json.node_key);
    /** Start a log request whose body is not finished; resolves once the server reads it. */
    const holdLog = (first: string) =>
      new Promise<{ req: ClientRequest; res: ServerResponse; answer: Promise<Answer> }>(
        (admitted) => {
          const req = httpRequest(`${base}/api/osquery/log`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          });
          const answer = new Promise<Answer>((resolve, reject) => {
            req.on('response', (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<
                    string,
                    unknown
                  >,
                }),
              );
            });
            req.on('error', reject);
          });
          reading.push((res) => admitted({ req, res, answer }));
          req.write(first);
        },
      );
    const refused = async (endpoint: string, reason: string) =>
      (await registry.getSingleMetric('patchbay_osquery_refused_total')!.get()).values.find(
        (v) => v.labels.endpoint === endpoint && v.labels.reason === reason,
      )?.value ?? 0;
    return { store, post, enroll, holdLog, refused };
  }

  it('answers a gzip bomb without a node key with 413 before the handler sees it', async () => {
    const { store, post, refused } = await serve();
    const body = bomb();
    expect(body.length).toBeLessThan(64 * 1024);
    const res = await post('log', body, true);
    expect(res).toEqual({
      status: 413,
      json: {
        node_invalid: false,
        error: `Request body is larger than ${8 * MiB} bytes once inflated`,
      },
    });
    expect(store.lookups).toBe(0);
    expect(await refused('log', 'too-large')).toBe(1);
  });

  it('applies the configured cap, on enroll and config too (1 MiB there)', async () => {
    const { store, post } = await serve({ maxLogBytes: 64 * 1024 });
    const big = gzipSync(fixture('log-result-snapshot-darwin.json', 'k').padEnd(65 * 1024, ' '));
    expect((await post('log', big, true)).status).toBe(413);
    expect((await post('config', bomb(), true)).status).toBe(413);
    expect((await post('enroll', bomb(), true)).status).toBe(413);
    expect(store.lookups).toBe(0);
  });

  it('refuses a plain body over the cap by its Content-Length, before reading it', async () => {
    const { store, post, refused } = await serve({ maxLogBytes: 1024 });
    const res = await post('log', ' '.repeat(2048));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ node_invalid: false });
    expect(store.lookups).toBe(0);
    expect(await refused('log', 'too-large')).toBe(1);
  });

  it('still takes a normal gzip log under the cap', async () => {
    const { store, post, enroll } = await serve({ maxLogBytes: 256 * 1024 });
    const key = await enroll();
    const log = gzipSync(fixture('log-result-snapshot-darwin.json', key));
    expect(await post('log', log, true)).toEqual({ status: 200, json: { node_invalid: false } });
    expect((await store.resultsOf('4AB2906D-5516-5794-AF54-86D1D7F533F3')).size).toBeGreaterThan(0);
  });

  it.each([
    ['corrupt gzip', Buffer.from('this is not gzip'), 'gzip'],
    ['truncated gzip', gzipSync('{"node_key":"k"}').subarray(0, 12), 'gzip'],
    ['an encoding osqueryd never sends', Buffer.from('{}'), 'br'],
  ])('answers %s with 400 E_OSQUERY_BODY in osquery’s shape', async (_what, body, encoding) => {
    const { store, refused } = await serve();
    const base = `http://127.0.0.1:${(app!.server.address() as { port: number }).port}`;
    const res = await fetch(`${base}/api/osquery/log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      node_invalid: false,
      error: expect.any(String) as unknown,
    });
    expect(store.lookups).toBe(0);
    expect(await refused('log', 'bad-body')).toBe(1);
  });

  it('counts a body that is not JSON as bad-body, answered in osquery’s shape', async () => {
    const { store, post, refused } = await serve();
    const res = await post('log', '{"node_key":');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ node_invalid: false, error: expect.any(String) as unknown });
    expect(store.lookups).toBe(0);
    expect(await refused('log', 'bad-body')).toBe(1);
  });

  it('answers 503 at once while maxConcurrentLogs bodies are being read, then admits again', async () => {
    const { store, post, enroll, holdLog, refused } = await serve({ maxConcurrentLogs: 1 });
    const key = await enroll();
    const full = fixture('log-result-snapshot-darwin.json', key);
    const held = await holdLog(full.slice(0, 10));

    expect(await post('log', full)).toEqual({
      status: 503,
      json: { node_invalid: false, error: 'More than 1 log bodies at once; send again later' },
    });
    expect(store.lookups).toBe(0);
    expect(await refused('log', 'busy')).toBe(1);

    held.req.end(full.slice(10));
    expect(await held.answer).toEqual({ status: 200, json: { node_invalid: false } });
    expect(await post('log', full)).toEqual({ status: 200, json: { node_invalid: false } });
  });

  it('gives the place back when a client drops its connection mid-body', async () => {
    const { post, enroll, holdLog } = await serve({ maxConcurrentLogs: 1 });
    const key = await enroll();
    const full = fixture('log-result-snapshot-darwin.json', key);
    const held = await holdLog(full.slice(0, 10));
    // The gate's release listens on the server's response 'close' and was added before this
    // listener (in onRequest), so once this one runs the place is free.
    const closed = new Promise<void>((resolve) => held.res.once('close', () => resolve()));
    held.req.on('error', () => undefined);
    held.answer.catch(() => undefined);
    held.req.destroy();
    await closed;
    const status = (await post('log', full)).status;
    expect(status).toBe(200);
  });
});
