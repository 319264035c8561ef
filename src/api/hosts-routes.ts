import { z } from 'zod';
import { listFindings } from '../compliance/findings-query.js';
import type { AppContext } from '../context.js';
import { countHosts, listHosts, type HostView } from '../inventory/host-query.js';
import { streamHosts } from '../inventory/host-stream.js';
import { PatchbayError } from '../platform/errors/errors.js';
import { findingJson } from './compliance-deps.js';
import { HOST_COLUMNS } from './csv-columns.js';
import { csvExport, formatQuery } from './csv-export.js';
import { PAGE_HEADERS, pageHeaders, pageQuery, queryFlag } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { host, hostDetail } from './schemas.js';

const hostsQuery = z
  .object({
    product: z.string().min(1).max(200).optional().describe('only hosts that have this product'),
    version: z.string().min(1).max(100).optional().describe('with product: only this version'),
    owner: z.string().min(1).max(320).optional().describe("only this person's hosts (email)"),
    all: queryFlag.optional().describe('include inactive hosts'),
    ...pageQuery,
    ...formatQuery,
  })
  .strict()
  .refine((q) => q.version === undefined || q.product !== undefined, {
    path: ['version'],
    message: 'needs product',
  });

const hostParams = z.object({ id: z.string().min(1).max(64).describe('host id') }).strict();

/**
 * GET /hosts (filtered, paged, as `patchbay hosts --json`; every page as CSV) and GET /hosts/:id
 * with its findings.
 */
export function hostsRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/hosts',
      operationId: 'listHosts',
      summary: 'Computers with their OS, owner and watched products',
      tags: ['inventory'],
      scope: 'read',
      query: hostsQuery,
      response: z.array(host),
      headers: PAGE_HEADERS,
      async handle({ query, req, reply }) {
        // Filtered, counted and paged by the database.
        const [total, hosts] = await Promise.all([
          countHosts(ctx.db, query),
          listHosts(ctx.db, query),
        ]);
        pageHeaders(total, query, req, reply);
        return hosts.map(hostJson);
      },
      // The same filter, every host, in keyset pages.
      csv: csvExport('hosts', HOST_COLUMNS, ({ query }: { query: z.output<typeof hostsQuery> }) =>
        streamHosts(ctx.db, query),
      ),
    }),
    defineRoute({
      method: 'GET',
      path: '/hosts/:id',
      operationId: 'getHost',
      summary: 'One computer with its findings',
      tags: ['inventory'],
      scope: 'read',
      params: hostParams,
      response: hostDetail,
      async handle({ params }) {
        // Inactive hosts are included so any known id resolves.
        const [found] = await listHosts(ctx.db, { id: params.id, all: true });
        if (!found) throw new PatchbayError('E_NOT_FOUND', `no host with id "${params.id}"`);
        const rows = await listFindings(ctx.db, ctx.now(), { hostIds: [found.id] });
        const findings = rows.map(findingJson);
        return { ...hostJson(found), findings };
      },
    }),
  ];
}

function hostJson(h: HostView): z.input<typeof host> {
  return {
    ...h,
    owner: h.owner ? { ...h.owner } : null,
    sources: [...h.sources],
    identityConflict: h.identityConflict ? { ...h.identityConflict } : null,
  };
}
