import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { installGuard } from './auth/guard.js';
import { authRoutes } from './auth/routes.js';
import { Sessions } from './auth/sessions.js';
import { pageRoutes } from './pages/routes.js';
import { CSS_PATH, DASHBOARD_CSS } from './static/dashboard-css.js';
import type { JobStatusLike, WebDeps } from './types.js';

export type { JobStatusLike, WebDeps } from './types.js';
export { ensureSetupCode } from './auth/setup-code.js';

/** No external resources: scripts are not used at all, styles and images come from us. */
const CSP =
  "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** True when the browser reaches us over HTTPS: `server.publicUrl` is https, or we serve TLS. */
function secureCookies(ctx: AppContext): boolean {
  const server = ctx.loaded.config.server as {
    readonly publicUrl?: unknown;
    readonly tls?: { readonly cert?: unknown };
  };
  return (
    (typeof server.publicUrl === 'string' &&
      server.publicUrl.toLowerCase().startsWith('https://')) ||
    typeof server.tls?.cert === 'string'
  );
}

/**
 * The web dashboard: setup, login, and the overview, product, person, hosts and jobs pages. Its
 * hooks (auth gate, security headers) live in their own encapsulated scope, so the API, Slack
 * and osquery routes mounted beside it are unaffected.
 */
export async function webRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { jobs: { status(): Promise<JobStatusLike[]>; runNow(name: string): Promise<void> } },
): Promise<void> {
  await app.register(async (scope) => {
    // Another mount may already have registered these at the root; registering twice throws.
    if (!scope.hasRequestDecorator('cookies')) await scope.register(fastifyCookie);
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded'))
      await scope.register(fastifyFormbody, { bodyLimit: 64 * 1024 });

    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('Content-Security-Policy', CSP);
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Referrer-Policy', 'same-origin');
      if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
      return payload;
    });

    scope.get(CSS_PATH, (_req, reply) =>
      reply
        .type('text/css; charset=utf-8')
        // The path carries a hash of the content, so it can be cached for good.
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .send(DASHBOARD_CSS),
    );

    const sessions = new Sessions({ db: ctx.db, now: ctx.now, secure: secureCookies(ctx) });
    const sessionOf = installGuard(scope, sessions);
    authRoutes(scope, { sessions, now: ctx.now, log: ctx.log });
    pageRoutes(scope, ctx, deps satisfies WebDeps, sessionOf);
  });
}
