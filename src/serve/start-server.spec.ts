import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedStandIn } from '../../sandbox/feeds/server.js';
import { standInFeedEnv } from '../../sandbox/feeds/stand-in-config.js';
import { createContext, type AppContext } from '../context.js';
import { TokenStore } from '../platform/auth/token-store.js';
import { loadConfig } from '../platform/config/load.js';
import { optionTable } from '../platform/config/load-from-disk.js';
import { makeCertificate } from '../platform/server/__fixtures__/certificate.js';
import { parseListen, startServer, type RunningServer } from './start-server.js';

interface HttpsAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly protocol: string;
}

/** GET over TLS, trusting only `ca`. */
function httpsGet(port: string, path: string, ca: Buffer): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time (no keep-alive agent): each one sees the current certificate.
    const req = httpsRequest({ host: '127.0.0.1', port, path, ca, agent: false }, (res) => {
      const protocol = (res.socket as TLSSocket).getProtocol() ?? '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, protocol }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('patchbay serve', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async function context(
    env: Record<string, string> = {},
  ): Promise<{ ctx: AppContext; feeds: FeedStandIn }> {
    const feeds = new FeedStandIn();
    const base = await feeds.listen();
    cleanups.push(() => feeds.close());
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: {
        ...standInFeedEnv(base),
        PATCHBAY_DATABASE__URL: `sqlite:${join(tempDir(), 'pb.db')}`,
        ...env,
      },
      readFile: () => '',
    });
    return { ctx: await createContext(loaded, { log: pino({ level: 'silent' }) }), feeds };
  }

  async function start(
    env: Record<string, string> = {},
  ): Promise<{ server: RunningServer; feeds: FeedStandIn; ctx: AppContext }> {
    const { ctx, feeds } = await context(env);
    const server = await startServer(ctx, { host: '127.0.0.1', port: 0, jobs: false });
    cleanups.push(() => server.stop(1000));
    return { server, feeds, ctx };
  }

  it('serves health, metrics, the API and the dashboard from one listener, with a setup code on first start', async () => {
    const { server } = await start();
    expect(server.setupCode).toMatch(/\S{6,}/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE patchbay_feed_syncs_total counter');
    expect((await fetch(`${server.url}/api/v1/catalog`)).status).toBe(401);
    const home = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toContain('/setup');
  });

  it('runs a scheduled job on demand and shows its status and duration metric', async () => {
    const { server, feeds } = await start();
    await server.runner.runNow('feeds');
    // The first tick also runs every schedule due since registration (the snapshot, and feeds).
    expect(await server.runner.tick()).toBeGreaterThanOrEqual(1);
    expect(
      (await server.runner.recentRuns()).filter((r) => r.name === 'feeds').map((r) => r.status),
    ).toContain('succeeded');
    const status = (await server.runner.status()).find((s) => s.name === 'feeds');
    expect(status).toMatchObject({ lastStatus: 'succeeded', lastError: null });
    expect(feeds.requests.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/patchbay_feed_syncs_total\{feed="sofa-macos",outcome="updated"\} 1/);
    expect(metrics).toMatch(
      /patchbay_job_duration_seconds_count\{job="feeds",status="succeeded"\} 1/,
    );
  });

  it('answers a job it does not have with 404 E_NOT_FOUND, as the OpenAPI document says', async () => {
    const { server, ctx } = await start();
    const { token } = await new TokenStore(ctx.db).create({
      name: 'ops',
      scope: 'admin',
      expiresAt: null,
      now: new Date(),
    });
    const res = await fetch(`${server.url}/api/v1/jobs/nope/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'E_NOT_FOUND', message: 'No job named "nope"' },
    });
  });

  it('serves HTTPS natively with server.tls.cert and server.tls.key, and nothing in plain HTTP', async () => {
    const files = makeCertificate(tempDir(), 'patchbay');
    const { server } = await start({
      PATCHBAY_SERVER__TLS__CERT: files.cert,
      PATCHBAY_SERVER__TLS__KEY: files.key,
    });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(server.url).port;
    // A client that trusts the generated certificate, as osqueryd does with --tls_server_certs.
    const ca = readFileSync(files.cert);
    const health = await httpsGet(port, '/healthz', ca);
    expect(health).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(health.protocol).toMatch(/^TLSv1\.[23]$/);
    // Served over TLS, the dashboard's cookies are Secure (and __Host-) without server.publicUrl.
    const setup = await httpsGet(port, '/setup', ca);
    expect(String(setup.headers['set-cookie'])).toMatch(/^__Host-patchbay_form=.*; Secure/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('takes up a renewed certificate on reloadTls (SIGHUP), and keeps the current one when the new pair is bad', async () => {
    const dir = tempDir();
    const live = makeCertificate(dir, 'live');
    const renewed = makeCertificate(dir, 'renewed');
    const old = { cert: readFileSync(live.cert), key: readFileSync(live.key) };
    const { server } = await start({
      PATCHBAY_SERVER__TLS__CERT: live.cert,
      PATCHBAY_SERVER__TLS__KEY: live.key,
    });
    const port = new URL(server.url).port;
    expect((await httpsGet(port, '/healthz', old.cert)).status).toBe(200);

    // The renewal tool replaces the files in place, then signals.
    copyFileSync(renewed.cert, live.cert);
    copyFileSync(renewed.key, live.key);
    expect(server.reloadTls()).toBe(true);
    const fresh = readFileSync(renewed.cert);
    expect((await httpsGet(port, '/healthz', fresh)).status).toBe(200);
    await expect(httpsGet(port, '/healthz', old.cert)).rejects.toThrow();

    // A half-finished renewal (the old key beside the new certificate) is refused.
    writeFileSync(live.key, old.key);
    expect(() => server.reloadTls()).toThrow(/server\.tls\.key: .* is not the private key/);
    expect((await httpsGet(port, '/healthz', fresh)).status).toBe(200);
  });

  it('refuses a certificate without its key at start, naming the key, and closes the database', async () => {
    const files = makeCertificate(tempDir(), 'patchbay');
    const { ctx } = await context({ PATCHBAY_SERVER__TLS__CERT: files.cert });
    const start = startServer(ctx, { host: '127.0.0.1', port: 0, jobs: false });
    await expect(start).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(start).rejects.toThrow(/server\.tls\.key: required when server\.tls\.cert is set/);
    await expect(ctx.db.kysely.selectFrom('hosts').select('id').execute()).rejects.toThrow();
  });

  it('refuses a port already in use with E_PORT_IN_USE naming the address and server.listen', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const port = (busy.address() as { port: number }).port;
    const { ctx } = await context();
    const start = startServer(ctx, { host: '127.0.0.1', port, jobs: false });
    await expect(start).rejects.toMatchObject({
      code: 'E_PORT_IN_USE',
      exitCode: 69,
      details: { host: '127.0.0.1', port, key: 'server.listen' },
    });
    await expect(start).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${port}: another process is already using it.`,
    );
    await expect(start).rejects.toThrow(/server\.listen/);
    // The server owned the context: a failed start closed it.
    await expect(ctx.db.kysely.selectFrom('hosts').select('id').execute()).rejects.toThrow();
  });

  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
  ])('parses listen address %s', (text, want) => {
    expect(parseListen(text)).toEqual(want);
  });

  it('rejects a listen address without a port', () => {
    expect(() => parseListen('localhost')).toThrow(/server.listen/);
  });
});
