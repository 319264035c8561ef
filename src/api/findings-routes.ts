import { z } from 'zod';
import {
  countFindings,
  listFindings,
  streamFindings,
  type FindingFilter,
} from '../compliance/findings-query.js';
import type { AppContext } from '../context.js';
import { findingJson } from './compliance-deps.js';
import { FINDING_COLUMNS } from './csv-columns.js';
import { csvExport, formatQuery } from './csv-export.js';
import { PAGE_HEADERS, pageHeaders, pageQuery } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { finding, findingStatus } from './schemas.js';

const findingsQuery = z
  .object({
    status: findingStatus.optional().describe('only findings with this status'),
    product: z.string().min(1).max(200).optional().describe('only this product'),
    owner: z.string().min(1).max(320).optional().describe("only this person's hosts (email)"),
    ...pageQuery,
    ...formatQuery,
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
      async *ndjson({ query }) {
        for await (const page of streamFindings(ctx.db, ctx.now(), filterOf(query))) {
          yield page.map(findingJson);
        }
      },
      csv: csvExport(
        'findings',
        FINDING_COLUMNS,
        ({ query }: { query: z.output<typeof findingsQuery> }) =>
          streamFindings(ctx.db, ctx.now(), filterOf(query)),
      ),
      async handle({ query, req, reply }) {
        // Stored rows, filtered, counted and paged by the database: a page costs its rows.
        const now = ctx.now();
        const filter = filterOf(query);
        const [total, rows] = await Promise.all([
          countFindings(ctx.db, now, filter),
          listFindings(ctx.db, now, filter, { limit: query.limit, offset: query.offset }),
        ]);
        pageHeaders(total, query, req, reply);
        return rows.map(findingJson);
      },
    }),
  ];
}

function filterOf(query: z.output<typeof findingsQuery>): FindingFilter {
  const owner = query.owner?.trim().toLowerCase();
  return {
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.product ? { product: query.product } : {}),
    ...(owner ? { owner } : {}),
  };
}
