import { z } from 'zod';
import { computeTtiReport, latestPerTrack } from '../compliance/tti-report.js';
import type { TtiStats } from '../compliance/model.js';
import { complianceDeps, type AppContext } from '../context.js';
import { TTI_COLUMNS } from './csv-columns.js';
import { csvExport, formatQuery } from './csv-export.js';
import { queryFlag, queryList } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { ttiStats } from './schemas.js';

const ttiQuery = z
  .object({
    product: queryList.optional().describe('only these products, comma-separated (macos,chrome)'),
    all: queryFlag
      .optional()
      .describe('every release (true), not only the newest release of each track (default)'),
    ...formatQuery,
  })
  .strict();

type TtiQuery = z.output<typeof ttiQuery>;

/** The report as GET /tti answers it (the dashboard's /tti.csv reads it here too). */
export async function ttiReport(
  ctx: AppContext,
  query: Pick<TtiQuery, 'product' | 'all'>,
): Promise<TtiStats[]> {
  const stats = await computeTtiReport(complianceDeps(ctx), ctx.now(), query.product);
  return query.all ? stats : latestPerTrack(stats);
}

/** GET /tti: time-to-install per release, as `patchbay report --tti [--all] --json`. */
export function ttiRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/tti',
      operationId: 'getTti',
      summary:
        'Time to install of the newest release per track (all=true: every release): ' +
        'Kaplan-Meier median and p90, hosts waiting and left, share within 7/14/30 days',
      tags: ['compliance'],
      scope: 'read',
      query: ttiQuery,
      response: z.array(ttiStats),
      async handle({ query }) {
        return ttiReport(ctx, query);
      },
      // One row per release: the report is small (releases, not hosts), so it is one page.
      csv: csvExport('tti', TTI_COLUMNS, async function* ({ query }: { query: TtiQuery }) {
        yield await ttiReport(ctx, query);
      }),
    }),
  ];
}
