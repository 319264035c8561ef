import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { JobRunner } from '../platform/jobs/index.js';
import { createMetrics, type Metrics } from '../platform/metrics/metrics.js';
import { buildServer } from '../platform/server/build-server.js';
import { listenError } from '../platform/server/listen-error.js';
import { readTlsFiles, type TlsFiles } from '../platform/server/tls-files.js';
import { ensureSetupCode } from '../web/routes.js';
import { buildJobs, type BuildJobsOptions } from './job-handlers.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runner: JobRunner;
  readonly url: string;
  /** The one-time code for /setup while no admin account exists, else null. */
  readonly setupCode: string | null;
  /** Stop taking requests, let running jobs finish (or release them after the deadline), close the database. */
  stop(deadlineMs?: number): Promise<void>;
  /**
   * Read `server.tls.cert` / `server.tls.key` again and use them for new connections (a renewed
   * certificate, on SIGHUP). A bad pair throws E_CONFIG_INVALID and the current one stays. False
   * when the server does not serve TLS.
   */
  reloadTls(): boolean;
}

export interface StartOptions {
  readonly host: string;
  readonly port: number;
  /**
   * Run the scheduled jobs in this process (true; false for a web-only replica), or run them
   * only when asked ('on-request': the demo, whose clock stands still, so nothing falls due).
   */
  readonly jobs: boolean | 'on-request';
  /** How the jobs are built (the demo reads each feed as of its capture). */
  readonly jobOptions?: BuildJobsOptions;
  readonly pollMs?: number;
  /** Extra routes mounted before listening (the demo's Slack inbox page). */
  readonly extraRoutes?: (app: FastifyInstance) => void;
}

/**
 * Compose and start everything `patchbay serve` runs: HTTP app (HTTPS when `server.tls` is set),
 * job runner, metrics. The server owns `ctx` from here: `stop()` closes it, and so does a start
 * that fails (a bad certificate, a port in use), which throws a coded error naming the option.
 */
export async function startServer(ctx: AppContext, opts: StartOptions): Promise<RunningServer> {
  let app: FastifyInstance | null = null;
  try {
    const tls = readConfiguredTls(ctx);
    const metrics = createMetrics({ processMetrics: true });
    const runner = buildRunner(ctx, metrics, opts);
    const built = await buildServer(ctx, { jobs: runner, metrics, tls });
    app = built;
    opts.extraRoutes?.(built);
    const setupCode = await ensureSetupCode(ctx.db, ctx.now());
    const url = await built.listen({ host: opts.host, port: opts.port }).catch((err: unknown) => {
      throw listenError(err, opts.host, opts.port);
    });
    const reload = (): boolean => reloadTls(ctx, built);
    return begin(ctx, opts, { app: built, runner, url, setupCode, reloadTls: reload });
  } catch (err) {
    // Whatever failed, the original error is the one to report: cleanup errors are dropped.
    await app?.close().catch(() => undefined);
    await ctx.close().catch(() => undefined);
    throw err;
  }
}

function buildRunner(ctx: AppContext, metrics: Metrics, opts: StartOptions): JobRunner {
  const { handlers, schedules } = buildJobs(ctx, metrics, opts.jobOptions);
  return new JobRunner({
    scheduled: opts.jobs !== 'on-request',
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
}

/** Listening: start the jobs and hand back the running server. */
function begin(
  ctx: AppContext,
  opts: StartOptions,
  started: Pick<RunningServer, 'app' | 'runner' | 'url' | 'setupCode' | 'reloadTls'>,
): RunningServer {
  const { app, runner } = started;
  // A policy edited since the last run changes its products' fingerprints: their findings are
  // re-evaluated once, now, in batches that leave the server answering meanwhile.
  const initialRefresh =
    opts.jobs === true
      ? ctx.refreshFindings().then(
          (summary) => ctx.log.info(summary, 'Findings refreshed at start'),
          (err: unknown) =>
            ctx.log.error({ err: (err as Error).message }, 'Findings refresh failed'),
        )
      : Promise.resolve();
  if (opts.jobs !== false) runner.start(opts.pollMs ?? 5000);
  let stopping: Promise<void> | null = null;
  return {
    ...started,
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

/** The configured certificate and key, read from disk now: at start and again on each reload. */
function readConfiguredTls(ctx: AppContext): TlsFiles | null {
  return readTlsFiles(ctx.loaded.config.server.tls, (path) => readFileSync(path));
}

function reloadTls(ctx: AppContext, app: FastifyInstance): boolean {
  const tls = readConfiguredTls(ctx);
  // Fastify types its server as http.Server; with `https` it is a tls.Server underneath.
  const server = app.server as unknown as Partial<Pick<TlsServer, 'setSecureContext'>>;
  if (!tls || typeof server.setSecureContext !== 'function') return false;
  server.setSecureContext({ cert: tls.cert, key: tls.key });
  return true;
}

/** `127.0.0.1:8080` or `[::1]:8080` or `:8080` into host and port. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen.trim());
  if (!m) throw new Error(`server.listen must look like 127.0.0.1:8080 (got "${listen}")`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}
