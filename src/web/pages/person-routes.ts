import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { countHosts } from '../../inventory/host-query.js';
import { previewDigest } from './person-preview.js';

/** The person page's 404 words, for the same case. */
export const NOBODY = 'Nobody with that email owns a host.';

/**
 * A person's routes besides their page: the digest they would get now as Block Kit JSON
 * (`{ "blocks": [...] }`, ready to paste into Slack's Block Kit Builder), or a 404 saying why
 * they get none. Like the page, it reads stored data only and never calls Slack.
 */
export function personRoutes(scope: FastifyInstance, ctx: AppContext): void {
  scope.get(
    '/people/:email/digest.json',
    async (req: FastifyRequest<{ Params: { email: string } }>, reply) => {
      // As the page does: an unknown email is not a person with "nothing to tell them".
      const owner = req.params.email.trim().toLowerCase();
      if ((await countHosts(ctx.db, { owner, all: true })) === 0)
        return reply.code(404).send({ error: { code: 'E_NOT_FOUND', message: NOBODY } });
      const preview = await previewDigest(ctx, owner, ctx.now());
      if (preview.kind === 'none')
        return reply.code(404).send({ error: { code: 'E_NOT_FOUND', message: preview.why } });
      return reply.send({ blocks: preview.blocks });
    },
  );
}
