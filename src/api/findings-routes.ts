import { z } from 'zod';
import { computeFindings } from '../compliance/service.js';
import { complianceDeps, type AppContext } from '../context.js';
import { findingJson } from './compliance-deps.js';
import { PAGE_HEADERS, pageQuery, paginate } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { finding, findingStatus } from './schemas.js';

const findingsQuery = z
  .object({
    status: findingStatus.optional().describe('only findings with this status'),
    product: z.string().min(1).max(200).optional().describe('only this product'),
    owner: z.string().min(1).max(320).optional().describe("only this person's hosts (email)"),
    ...pageQuery,
  })
  .strict();

/** GET /findings: every host x product verdict now, as `patchbay report --json`. */
export function findingsRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/findings',
      operationId: 'listFindings',
      summary: 'Compliance of every host and product against policy',
      tags: ['compliance'],
      scope: 'read',
      query: findingsQuery,
      response: z.array(finding),
      headers: PAGE_HEADERS,
      async handle({ query, req, reply }) {
        const view = await computeFindings(complianceDeps(ctx), ctx.now());
        const owner = query.owner?.trim().toLowerCase();
        const selected = view.findings.filter(
          (f) =>
            (!query.status || f.status === query.status) &&
            (!query.product || f.product === query.product) &&
            (!owner || view.hosts.get(f.hostId)?.ownerEmail === owner),
        );
        return paginate(
          selected.map((f) => findingJson(f, view)),
          query,
          req,
          reply,
        );
      },
    }),
  ];
}
