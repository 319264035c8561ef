import { z } from 'zod';
import { buildCatalog, type CatalogEntry } from '../catalog/catalog.js';
import { compareVersions } from '../catalog/versions/api.js';
import type { AppContext } from '../context.js';
import { queryFlag, queryList } from './query.js';
import { defineRoute, type ApiRoute } from './route-def.js';
import { catalogEntry } from './schemas.js';

const catalogQuery = z
  .object({
    product: queryList.optional().describe('only these products, comma-separated (macos,chrome)'),
    all: queryFlag.optional().describe('include tracks the feed no longer supports'),
  })
  .strict();

/** GET /catalog: the latest release of every product and track, as `patchbay catalog --json`. */
export function catalogRoutes(ctx: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/catalog',
      operationId: 'getCatalog',
      summary: 'Latest release of every product and track',
      tags: ['catalog'],
      scope: 'read',
      query: catalogQuery,
      response: z.array(catalogEntry),
      async handle({ query }) {
        const input = await ctx.catalog.loadCatalogInput();
        return buildCatalog(input, ctx.now(), compareVersions)
          .filter(
            (e) =>
              (query.all === true || e.supported) &&
              (!query.product || query.product.includes(e.product)),
          )
          .map(toJson);
      },
    }),
  ];
}

// Field by field, so a new internal field never leaks into the documented contract.
function toJson(e: CatalogEntry): z.input<typeof catalogEntry> {
  return {
    product: e.product,
    productName: e.productName,
    track: e.track,
    trackName: e.trackName,
    version: e.version,
    build: e.build,
    releasedAt: e.releasedAt,
    cves: [...e.cves],
    exploitedCves: [...e.exploitedCves],
    url: e.url,
    supported: e.supported,
    stale: e.stale,
    staleReason: e.staleReason,
    firstSeenAt: e.firstSeenAt,
  };
}
