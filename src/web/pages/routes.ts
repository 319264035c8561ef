import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { describeError } from '../../platform/errors/errors.js';
import type { Session } from '../auth/sessions.js';
import type { Html } from '../html.js';
import { messagePage, type Viewer } from '../layout.js';
import type { WebDeps } from '../types.js';
import { SharedFreshness } from './freshness-data.js';
import { loadHost } from './host-data.js';
import { hostPage } from './host-view.js';
import { parseHostsQuery } from './hosts-data.js';
import { hostsPage } from './hosts-view.js';
import { jobsPage, type JobsNotice } from './jobs-view.js';
import { loadPeople, parsePeopleQuery } from './people-data.js';
import { peoplePage } from './people-view.js';
import { SharedPageLoads, storedPageLoaders } from './page-loads.js';
import { overviewPage } from './overview-view.js';
import { csvRoutes } from './csv-routes.js';
import { NOBODY, personRoutes } from './person-routes.js';
import { personPage } from './person-view.js';
import { productPage } from './product-view.js';

function send(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

/** The dashboard's pages: each handler loads its data, then renders its template. */
export function pageRoutes(
  scope: FastifyInstance,
  ctx: AppContext,
  deps: WebDeps,
  sessionOf: (req: FastifyRequest) => Session,
): void {
  // Held by these routes: concurrent identical requests share one load.
  const load = new SharedPageLoads(storedPageLoaders(ctx));
  const freshness = new SharedFreshness(ctx);
  // Every signed-in page's shell says how old its data is ("Data as of", layout.ts).
  const viewerOf = async (req: FastifyRequest): Promise<Viewer> => ({
    ...sessionOf(req),
    freshness: await freshness.at(ctx.now()),
  });

  scope.get('/', async (req, reply) =>
    send(reply, overviewPage(await load.overview(ctx.now()), await viewerOf(req))),
  );

  scope.get('/products/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const data = await load.product(req.params.id, ctx.now());
    if (!data)
      return send(
        reply,
        messagePage('Not found', 'The catalog has no such product.', await viewerOf(req)),
        404,
      );
    return send(reply, productPage(data, await viewerOf(req)));
  });

  scope.get('/people', async (req, reply) => {
    const query = parsePeopleQuery((req.query ?? {}) as Record<string, unknown>);
    return send(reply, peoplePage(await loadPeople(ctx, query, ctx.now()), await viewerOf(req)));
  });

  scope.get('/people/:email', async (req: FastifyRequest<{ Params: { email: string } }>, reply) => {
    const data = await load.person(req.params.email, ctx.now());
    if (!data) return send(reply, messagePage('Not found', NOBODY, await viewerOf(req)), 404);
    return send(reply, personPage(data, await viewerOf(req)));
  });
  // The person's digest as Block Kit JSON, and the tables as CSV downloads: in this scope, so
  // they are signed-in only like the pages they come from.
  personRoutes(scope, ctx);
  csvRoutes(scope, ctx);

  scope.get('/hosts', async (req, reply) => {
    const query = parseHostsQuery((req.query ?? {}) as Record<string, unknown>);
    return send(reply, hostsPage(await load.hosts(query, ctx.now()), await viewerOf(req)));
  });

  scope.get('/hosts/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const data = await loadHost(ctx, req.params.id, ctx.now());
    if (!data)
      return send(
        reply,
        messagePage('Not found', 'There is no host with that id.', await viewerOf(req)),
        404,
      );
    return send(reply, hostPage(data, await viewerOf(req)));
  });

  scope.get(
    '/jobs',
    async (req: FastifyRequest<{ Querystring: { ran?: string; failed?: string } }>, reply) => {
      const jobs = await deps.jobs.status();
      const known = (name: string | undefined): string | null =>
        name && jobs.some((j) => j.name === name) ? name : null;
      const ran = known(req.query.ran);
      const failed = known(req.query.failed);
      // Only names of real jobs are echoed back, never arbitrary query text.
      const notice: JobsNotice | null = ran
        ? { kind: 'ok', text: `${ran} was started.` }
        : failed
          ? { kind: 'error', text: `${failed} could not be started; see the server log.` }
          : null;
      return send(reply, jobsPage(jobs, await viewerOf(req), notice));
    },
  );

  scope.post(
    '/jobs/:name/run',
    async (req: FastifyRequest<{ Params: { name: string } }>, reply) => {
      const { name } = req.params;
      const jobs = await deps.jobs.status();
      if (!jobs.some((j) => j.name === name))
        return send(
          reply,
          messagePage('Not found', 'There is no such job.', await viewerOf(req)),
          404,
        );
      const user = sessionOf(req).username;
      try {
        await deps.jobs.runNow(name);
        ctx.log.info({ job: name, user }, 'Job run requested from the dashboard');
        return reply.redirect(`/jobs?ran=${encodeURIComponent(name)}`, 303);
      } catch (err) {
        ctx.log.warn(
          { job: name, user, err: describeError(err) },
          'Job run from the dashboard failed',
        );
        return reply.redirect(`/jobs?failed=${encodeURIComponent(name)}`, 303);
      }
    },
  );
}
