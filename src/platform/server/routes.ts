import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../api/api-routes.js';
import type { AppContext } from '../../context.js';
import { OsqueryStore } from '../../inventory/connectors/osquery/osquery-store.js';
import { osqueryRoutes } from '../../inventory/connectors/osquery/routes.js';
import { slackInteractionRoutes } from '../../reminders/interaction-routes.js';
import { webRoutes } from '../../web/routes.js';
import type { ServerDeps } from './build-server.js';

/** The route table: every mount of the server, in one place. */
export async function mountRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: ServerDeps,
): Promise<void> {
  app.get('/healthz', (_req, reply) => reply.send({ ok: true }));
  app.get('/metrics', async (_req, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  await apiRoutes(app, ctx, { jobs: deps.jobs });
  const { inventory, slack } = ctx.loaded.config;
  if (slack.signingSecret) {
    const signingSecret = slack.signingSecret;
    await app.register((scope, _opts, done) => {
      slackInteractionRoutes(scope, ctx, signingSecret);
      done();
    });
  }
  if (inventory.osquery.enrollSecret) {
    const secret = inventory.osquery.enrollSecret;
    await app.register((scope, _opts, done) => {
      osqueryRoutes(scope, {
        store: new OsqueryStore(ctx.db),
        enrollSecret: secret,
        now: ctx.now,
        log: ctx.log,
        liveForMs: inventory.osquery.liveFor,
        maxLogBytes: inventory.osquery.maxLogBytes,
        maxConcurrentLogs: inventory.osquery.maxConcurrentLogs,
        registry: deps.metrics.registry,
      });
      done();
    });
  }
  // Last: the dashboard owns `/` and its own auth gate, scoped so it never guards the routes above.
  await webRoutes(app, ctx, { jobs: deps.jobs });
}
