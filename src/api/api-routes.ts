import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireScope, type AuthDeps } from '../platform/auth/verify.js';
import { catalogRoutes } from './catalog-routes.js';
import { asksFor, sendCsv, wantsCsv } from './csv-export.js';
import { findingsRoutes } from './findings-routes.js';
import { hostsRoutes } from './hosts-routes.js';
import { jobsRoutes, type JobsPort } from './jobs-routes.js';
import { API_PREFIX, buildOpenApi } from './openapi.js';
import { parseInput } from './parse-input.js';
import { peopleRoutes } from './people-routes.js';
import { defineRoute, NO_INPUT, type ApiRoute } from './route-def.js';
import { ttiRoutes } from './tti-routes.js';

export interface ApiDeps {
  readonly jobs: JobsPort;
}

/** Every route of /api/v1, the OpenAPI document included (it describes itself too). */
export function apiRouteList(ctx: AppContext, deps: ApiDeps): ApiRoute[] {
  const routes: ApiRoute[] = [
    ...catalogRoutes(ctx),
    ...hostsRoutes(ctx),
    ...findingsRoutes(ctx),
    ...peopleRoutes(ctx),
    ...ttiRoutes(ctx),
    ...jobsRoutes(deps.jobs),
  ];
  let doc: Record<string, unknown> | undefined;
  routes.push(
    defineRoute({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document',
      tags: ['meta'],
      scope: 'public',
      response: z.record(z.string(), z.unknown()),
      // Built on first request: the route list is fixed once mounted.
      handle: () => Promise.resolve((doc ??= buildOpenApi(routes))),
    }),
  );
  return routes;
}

/**
 * Mount the REST API under /api/v1 in its own encapsulated scope. Its error and not-found
 * answers are the server-wide ones buildServer() installs (installApiErrors), inherited here.
 */
export async function apiRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: ApiDeps,
): Promise<void> {
  const auth: AuthDeps = { db: ctx.db, now: ctx.now, log: ctx.log };
  await app.register(
    (scope, _opts, done) => {
      // API answers describe the fleet now: no shared cache should keep them.
      scope.addHook('onSend', (_req, reply, payload, next) => {
        void reply.header('cache-control', 'no-store');
        next(null, payload);
      });
      for (const route of apiRouteList(ctx, deps)) mountRoute(scope, route, auth);
      done();
    },
    { prefix: API_PREFIX },
  );
}

// No API route takes a body (parameters come in the path and query): an admin's stray upload is
// refused at this size instead of the server-wide limit.
const API_BODY_LIMIT = 16 * 1024;

function mountRoute(app: FastifyInstance, route: ApiRoute, auth: AuthDeps): void {
  app.route({
    method: route.method,
    url: route.path,
    bodyLimit: API_BODY_LIMIT,
    // Authentication runs on request, before the body is read or parsed and before any
    // parameter is checked: an anonymous caller costs little and learns nothing.
    ...(route.scope === 'public' ? {} : { onRequest: requireScope(auth, route.scope) }),
    handler: async (req, reply) => {
      const params = parseInput('path', route.params ?? NO_INPUT, req.params);
      const query = parseInput('query', route.query ?? NO_INPUT, req.query);
      if (route.csv && wantsCsv(req.headers.accept, query.format, answersOf(route)))
        return sendCsv(reply, route.csv, { params, query, req, reply }, auth.now());
      if (route.ndjson && wantsNdjson(req.headers.accept)) {
        const pages = route.ndjson({ params, query, req, reply });
        return reply.type('application/x-ndjson').send(Readable.from(ndjsonLines(pages)));
      }
      const body = await route.handle({ params, query, req, reply });
      return reply.code(route.status ?? 200).send(body);
    },
  });
}

/** The media types a route answers besides CSV, for Accept's q-values to choose among. */
function answersOf(route: ApiRoute): string[] {
  return route.ndjson ? ['application/json', 'application/x-ndjson'] : ['application/json'];
}

/**
 * An explicit ask only, weighed by q: `*\/*` and plain JSON clients keep getting the paged JSON
 * array, and so does `application/x-ndjson;q=0`.
 */
function wantsNdjson(accept: string | undefined): boolean {
  return asksFor(accept, 'application/x-ndjson', ['application/json']);
}

async function* ndjsonLines(pages: AsyncIterable<readonly unknown[]>): AsyncGenerator<string> {
  for await (const page of pages) {
    if (page.length > 0) yield page.map((item) => JSON.stringify(item)).join('\n') + '\n';
  }
}
