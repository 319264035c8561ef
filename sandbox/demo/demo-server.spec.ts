import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedStaleness } from '../../src/catalog/staleness.js';
import type { Io } from '../../src/cli/output.js';
import type { RunningServer } from '../../src/serve/start-server.js';
import { Client } from '../../src/web/test-kit.js';
import { createDemoAdmin } from './demo-admin.js';
import { startDemoServer } from './demo-server.js';
import { DEMO_NOW, runDemo, type DemoRun } from './run-demo.js';

const quiet: Io = { out: () => undefined, err: () => undefined, isTty: false, env: {} };

describe('the demo dashboard runs its jobs for real', () => {
  let dir: string;
  let run: DemoRun;
  let server: RunningServer;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-jobs-'));
    run = await runDemo(quiet, { dbPath: join(dir, 'demo.db'), hosts: 40, people: 25, seed: 5 });
    const login = await createDemoAdmin(run.ctx);
    // A long poll: a run that finishes was started by "Run now" itself, not by a poll.
    server = await startDemoServer(run, { port: 0, pollMs: 60_000 });
    client = new Client(server.app);
    const csrf = await client.csrf('/login');
    const res = await client.post('/login', { _csrf: csrf, next: '/', ...login });
    expect(res.statusCode).toBe(303);
  }, 180_000);
  afterAll(async () => {
    await server?.stop(5000);
    await run?.world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** "Run now" on /jobs as the signed-in admin, then the run, wherever the runner claimed it. */
  async function runNow(job: string): Promise<string | null> {
    const csrf = await client.csrf('/jobs');
    const res = await client.post(`/jobs/${job}/run`, { _csrf: csrf });
    expect([res.statusCode, res.headers.location]).toEqual([303, `/jobs?ran=${job}`]);
    // No tick(): the demo's own runner loop must pick the run up (runNow starts a pass at once).
    await server.runner.settled();
    const [last] = (await server.runner.recentRuns(50)).filter((r) => r.name === job);
    expect(last).toMatchObject({ status: 'succeeded', error: null });
    return last?.outcome ?? null;
  }

  it('lists the jobs as run on request, none run by time', async () => {
    const jobs = await server.runner.status();
    expect(jobs.map((j) => j.name).sort()).toEqual(['feeds', 'inventory', 'reminders', 'snapshot']);
    expect(jobs.every((j) => j.nextRunAt === null && j.lastRunAt === null)).toBe(true);
  });

  it('syncs the feeds from the stand-in, as of their captures: stale samples stay stale', async () => {
    const outcome = await runNow('feeds');
    expect(outcome).toMatch(/^\d+ feeds? synced/);
    const stale = (await run.ctx.catalog.loadCatalogInput()).feeds
      .filter((f) => f.lastSuccessAt !== null)
      .flatMap((f) => feedStaleness(f, DEMO_NOW).reason ?? []);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.map((r) => r.split(' last synced')[0])).toEqual(
      run.summary.staleFeeds.map((r) => r.split(' last synced')[0]),
    );
  });

  it('syncs the inventory from the Jamf and Fleet stand-ins', async () => {
    const outcome = await runNow('inventory');
    expect(outcome).toMatch(/jamf \d+ hosts?/);
    expect(outcome).toMatch(/fleet \d+/);
  });

  it('runs a reminder cycle through the Slack stand-in and says why nobody got a second DM', async () => {
    const before = run.world.slack.inbox().length;
    const outcome = await runNow('reminders');
    // Everyone with something to hear got this cycle's digest in the demo's fourth step.
    expect(run.world.slack.inbox().length).toBe(before);
    expect(outcome).toMatch(/^0 DMs/);
    const page = await client.get('/jobs');
    expect(page.body).toContain(outcome?.replace(/'/g, '&#39;'));
  });
});
