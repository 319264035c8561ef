import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { mountRoutes } from './routes.js';

/**
 * The one HTTP app, built without listening: tests call `inject()`, `patchbay serve` listens.
 * Fastify's own logger stays off; handlers log through the context's logger.
 */
export async function buildServer(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  await mountRoutes(app, ctx);
  return app;
}
