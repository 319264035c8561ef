import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedStandIn } from '../../sandbox/feeds/server.js';
import { standInFeedEnv } from '../../sandbox/feeds/stand-in-config.js';
import { createContext } from '../context.js';
import { loadConfig } from '../platform/config/load.js';
import { optionTable } from '../platform/config/load-from-disk.js';
import { parseListen, startServer, type RunningServer } from './start-server.js';

describe('patchbay serve', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(): Promise<{ server: RunningServer; feeds: FeedStandIn }> {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const feeds = new FeedStandIn();
    const base = await feeds.listen();
    cleanups.push(() => feeds.close());
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: { ...standInFeedEnv(base), PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}` },
      readFile: () => '',
    });
    const ctx = await createContext(loaded, { log: pino({ level: 'silent' }) });
    const server = await startServer(ctx, { host: '127.0.0.1', port: 0, jobs: false });
    cleanups.push(() => server.stop(1000));
    return { server, feeds };
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
