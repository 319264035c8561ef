import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { readFindings } from '../compliance/service.js';
import { describeError } from '../platform/errors/errors.js';
import { handleInteraction, type InteractionNotice } from './interactions.js';
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
        slackApiUrl: ctx.loaded.config.slack.apiUrl,
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
    const sent = reply
      .code(result.status)
      .header('content-type', 'application/json')
      .send(result.body);
    if (result.notice) answerEphemerally(ctx, result.notice);
    return sent;
  });
}

/**
 * Tell the person what their click did (or why it did nothing), visible only to them. Sent after
 * the acknowledgement, since Slack wants that within 3 seconds; a lost answer is only logged.
 * The URL was checked to be Slack's (isSlackResponseUrl); it is not retried, as a POST could act twice.
 */
function answerEphemerally(ctx: AppContext, notice: InteractionNotice): void {
  void ctx.http
    .request({
      method: 'POST',
      url: notice.responseUrl,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response_type: 'ephemeral',
        replace_original: false,
        text: notice.text,
      }),
    })
    .catch((err: unknown) => {
      ctx.log.warn({ err: describeError(err) }, 'Slack response_url answer not delivered');
    });
}
