/**
 * The text a real server answers at /metrics, with the process metrics `patchbay serve` turns on,
 * passes `promtool check metrics` (Debian's prometheus package; .ci/run installs it). A missing
 * promtool fails this test rather than skipping it: a lint that never runs keeps nothing clean.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../context.js';
import { loadConfig } from '../config/load.js';
import { optionTable } from '../config/load-from-disk.js';
import { buildServer } from '../server/build-server.js';
import { createMetrics, setFindings } from './metrics.js';

interface Checked {
  readonly code: number | null;
  readonly problems: string;
}

/** Feeds `text` to `promtool check metrics` on stdin; problems come back on stdout and stderr. */
function promtoolCheck(text: string): Promise<Checked> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let problems = '';
    child.stdout.on('data', (b: Buffer) => (problems += b.toString()));
    child.stderr.on('data', (b: Buffer) => (problems += b.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(
              "promtool is not on PATH: install Debian's prometheus package (apt-get install prometheus), as .ci/run does",
            )
          : err,
      ),
    );
    child.on('close', (code) => resolve({ code, problems: problems.trim() }));
    child.stdin.end(text);
  });
}

describe('/metrics under promtool check metrics', () => {
  let dir: string;
  let ctx: AppContext;
  let text: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-metrics-'));
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: { PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}` },
      readFile: () => '',
    });
    ctx = await createContext(loaded, { log: pino({ level: 'silent' }) });
    // As `patchbay serve` builds it, with a sample in every series so each type is rendered.
    const metrics = createMetrics({ processMetrics: true });
    metrics.feedSyncs.inc({ feed: 'sofa-macos', outcome: 'updated' });
    metrics.inventorySyncs.inc({ source: 'fleet', outcome: 'failed' });
    metrics.digests.inc({ outcome: 'sent' });
    metrics.slackRateLimited.inc({ method: 'chat.postMessage' });
    metrics.jobDuration.observe({ job: 'feeds', status: 'succeeded' }, 1.5);
    setFindings(metrics, new Map([['macos', new Map([['overdue', 2]])]]));
    const app = await buildServer(ctx, {
      jobs: { status: () => Promise.resolve([]), runNow: () => Promise.resolve() },
      metrics,
    });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    await app.close();
    expect(res.statusCode).toBe(200);
    text = res.body;
  });
  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the process metrics and our own series', () => {
    expect(text).toContain('# TYPE patchbay_process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE patchbay_nodejs_active_handles gauge');
    expect(text).toContain('# TYPE patchbay_job_duration_seconds histogram');
  });

  it('reports no problem and exits 0', async () => {
    const checked = await promtoolCheck(text);
    expect(checked.problems).toBe('');
    expect(checked.code).toBe(0);
  });

  it('still flags a gauge named _total, so a clean answer means something', async () => {
    const checked = await promtoolCheck(
      '# HELP pb_things_total Things.\n# TYPE pb_things_total gauge\npb_things_total 1\n',
    );
    expect(checked.problems).toContain('non-counter metrics should not have "_total" suffix');
    expect(checked.code).not.toBe(0);
  });
});
