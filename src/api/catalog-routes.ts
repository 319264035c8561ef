import { z } from 'zod';
import { catalogEntryJson, readCatalogView } from '../catalog/catalog-view.js';
import { supportedMajorsOf } from '../compliance/policy.js';
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
        const view = await readCatalogView(ctx.catalog, ctx.now(), {
          product: query.product,
          all: query.all === true,
          supportedMajors: supportedMajorsOf(ctx.loaded.config.policies),
        });
        return view.entries.map(catalogEntryJson);
      },
    }),
  ];
}
