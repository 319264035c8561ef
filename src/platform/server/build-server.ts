import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Metrics } from '../metrics/metrics.js';
import { mountRoutes } from './routes.js';

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
}

/**
 * The one HTTP app, built without listening: tests call `inject()`, `patchbay serve` listens.
 * Fastify's own logger stays off; handlers log through the context's logger.
 */
export async function buildServer(ctx: AppContext, deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, trustProxy: true });
  await mountRoutes(app, ctx, deps);
  return app;
}
