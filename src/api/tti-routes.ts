import { z } from 'zod';
import { computeTtiReport } from '../compliance/tti-report.js';
import { complianceDeps, type AppContext } from '../context.js';
import { queryList } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { ttiStats } from './schemas.js';

const ttiQuery = z
  .object({
    product: queryList.optional().describe('only these products, comma-separated (macos,chrome)'),
  })
  .strict();

/** GET /tti: time-to-install per release, as `patchbay report --tti --json`. */
export function ttiRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/tti',
      operationId: 'getTti',
      summary: 'Time to install of every release: mean, median, p90, share within 7/14/30 days',
      tags: ['compliance'],
      scope: 'read',
      query: ttiQuery,
      response: z.array(ttiStats),
      async handle({ query }) {
        return computeTtiReport(complianceDeps(ctx), ctx.now(), query.product);
      },
    }),
  ];
}
