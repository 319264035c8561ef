import Fastify, { type FastifyInstance } from 'fastify';
import { installApiErrors, sendError } from '../../api/error-handler.js';
import type { AppContext } from '../../context.js';
import type { Metrics } from '../metrics/metrics.js';
import { answerClientError } from './client-errors.js';
import { mountRoutes } from './routes.js';
import type { TlsFiles } from './tls-files.js';

/** What the server shows of the job scheduler: status for the API and dashboard, and "run now". */
export interface JobsPort {
  status(): Promise<
    {
      name: string;
      everyMs: number;
      nextRunAt: string | null;
      lastRunAt: string | null;
      lastStatus: string | null;
      lastError: string | null;
      lastDurationMs: number | null;
      running: boolean;
    }[]
  >;
  runNow(name: string): Promise<void>;
}

export interface ServerDeps {
  readonly jobs: JobsPort;
  readonly metrics: Metrics;
  /** Certificate and key, read by readTlsFiles(): the server speaks HTTPS only. */
  readonly tls?: TlsFiles | null;
}

const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * The one HTTP app, built without listening: tests call `inject()`, `patchbay serve` listens.
 * Fastify's own logger stays off; handlers log through the context's logger. Every answer the
 * framework itself gives (a bad URL escape, an unknown route, a refused body, a request Node's
 * parser rejects) has the API's `{ error: { code, message } }` shape.
 */
export async function buildServer(ctx: AppContext, deps: ServerDeps): Promise<FastifyInstance> {
  const { trustProxy } = ctx.loaded.config.server;
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // Off by default: otherwise any client picks the address the login throttle and logs see.
    trustProxy: typeof trustProxy === 'boolean' ? trustProxy : [...trustProxy],
    https: deps.tls ? { cert: deps.tls.cert, key: deps.tls.key } : null,
    frameworkErrors: (err, req, reply) => {
      void sendError(err, req, reply, ctx.log);
    },
    clientErrorHandler: answerClientError,
    // Fastify's https typing widens the instance; routes and tests only use what both share.
  }) as unknown as FastifyInstance;
  installApiErrors(app, ctx.log);
  await mountRoutes(app, ctx, deps);
  return app;
}
