import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { readFindings } from '../compliance/service.js';
import { handleInteraction } from './interactions.js';
import { ReminderStore } from './store.js';

/**
 * POST /slack/interactions. The body is kept as the exact text Slack sent: the signature is
 * computed over those bytes, so it must be verified before anything parses it.
 */
export function slackInteractionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  signingSecret: string,
): void {
  const store = new ReminderStore(ctx.db);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  app.post('/slack/interactions', async (req, reply) => {
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const result = await handleInteraction(
      {
        store,
        signingSecret,
        now: ctx.now,
        log: ctx.log,
        ownerOf: async (hostId) =>
          (
            await ctx.db.kysely
              .selectFrom('hosts')
              .select('owner_email')
              .where('id', '=', hostId)
              .executeTakeFirst()
          )?.owner_email ?? null,
        deadlineOf: async (hostId, products) => {
          const { findings } = await readFindings(ctx, ctx.now(), { hostIds: [hostId] });
          const deadlines = findings
            .filter((f) => products.includes(f.product) && f.deadline)
            .map((f) => Date.parse(f.deadline as string));
          return deadlines.length ? new Date(Math.min(...deadlines)) : null;
        },
        emailOfSlackUser: async (userId) =>
          (
            await ctx.db.kysely
              .selectFrom('people')
              .select('email')
              .where('slack_user_id', '=', userId)
              .executeTakeFirst()
          )?.email ?? null,
      },
      {
        rawBody: typeof req.body === 'string' ? req.body : '',
        timestamp: header('x-slack-request-timestamp'),
        signature: header('x-slack-signature'),
      },
    );
    return reply.code(result.status).header('content-type', 'application/json').send(result.body);
  });
}
