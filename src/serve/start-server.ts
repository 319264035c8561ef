import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { JobRunner } from '../platform/jobs/index.js';
import { createMetrics } from '../platform/metrics/metrics.js';
import { buildServer } from '../platform/server/build-server.js';
import { ensureSetupCode } from '../web/routes.js';
import { buildJobs } from './job-handlers.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runner: JobRunner;
  readonly url: string;
  /** The one-time code for /setup while no admin account exists, else null. */
  readonly setupCode: string | null;
  /** Stop taking requests, let running jobs finish (or release them after the deadline), close the database. */
  stop(deadlineMs?: number): Promise<void>;
}

export interface StartOptions {
  readonly host: string;
  readonly port: number;
  /** Run the scheduled jobs in this process (default true; off for a web-only replica). */
  readonly jobs: boolean;
  readonly pollMs?: number;
  /** Extra routes mounted before listening (the demo's Slack inbox page). */
  readonly extraRoutes?: (app: FastifyInstance) => void;
}

/** Compose and start everything `patchbay serve` runs: HTTP app, job runner, metrics. */
export async function startServer(ctx: AppContext, opts: StartOptions): Promise<RunningServer> {
  const metrics = createMetrics({ processMetrics: true });
  const { handlers, schedules } = buildJobs(ctx, metrics);
  const runner = new JobRunner({
    db: ctx.db,
    log: ctx.log,
    now: ctx.now,
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    handlers,
    schedules,
    onFinished: (e) => {
      metrics.jobDuration.observe({ job: e.name, status: e.status }, e.durationMs / 1000);
      if (e.status !== 'succeeded')
        ctx.log.warn({ job: e.name, status: e.status, error: e.error }, 'Job did not succeed');
    },
  });
  const app = await buildServer(ctx, { jobs: runner, metrics });
  opts.extraRoutes?.(app);
  const setupCode = await ensureSetupCode(ctx.db, ctx.now());
  const url = await app.listen({ host: opts.host, port: opts.port });
  // A policy edited since the last run changes its products' fingerprints: their findings are
  // re-evaluated once, now, in batches that leave the server answering meanwhile.
  const initialRefresh = opts.jobs
    ? ctx.refreshFindings().then(
        (summary) => ctx.log.info(summary, 'Findings refreshed at start'),
        (err: unknown) => ctx.log.error({ err: (err as Error).message }, 'Findings refresh failed'),
      )
    : Promise.resolve();
  if (opts.jobs) runner.start(opts.pollMs ?? 5000);
  let stopping: Promise<void> | null = null;
  return {
    app,
    runner,
    url,
    setupCode,
    stop(deadlineMs = 30_000) {
      stopping ??= (async () => {
        await app.close();
        await runner.stop(deadlineMs);
        await initialRefresh;
        await ctx.close();
      })();
      return stopping;
    },
  };
}

/** `127.0.0.1:8080` or `[::1]:8080` or `:8080` into host and port. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen.trim());
  if (!m) throw new Error(`server.listen must look like 127.0.0.1:8080 (got "${listen}")`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}
