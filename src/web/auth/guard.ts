import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messagePage } from '../layout.js';
import { csrfValid, type Session, type Sessions } from './sessions.js';

/** Paths anyone may reach: the stylesheet, and the forms that lead to a session. */
const PUBLIC = new Set(['/setup', '/login']);

/**
 * Installs the dashboard's gate on a scope: no admin yet -> everything goes to /setup; no valid
 * session -> /login; a POST without the session's CSRF token -> 403. Returns the lookup that
 * handlers use to get the session the gate attached.
 */
export function installGuard(
  scope: FastifyInstance,
  sessions: Sessions,
): (req: FastifyRequest) => Session {
  const attached = new WeakMap<FastifyRequest, Session>();
  // Admins are never deleted from the dashboard, so once one exists the check can stop.
  let adminSeen = false;
  const adminExists = async (): Promise<boolean> =>
    (adminSeen ||= await sessions.store.adminExists());

  scope.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url ?? '';
    if (route.startsWith('/static/')) return;
    if (!(await adminExists())) {
      if (route !== '/setup') return reply.redirect('/setup', 303);
      return;
    }
    if (route === '/setup') return reply.redirect('/login', 303);
    if (PUBLIC.has(route)) return;
    const session = await sessions.current(req);
    if (!session) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/login${next}`, 303);
    }
    if (req.method === 'POST' && !csrfValid(req, session)) {
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(
          messagePage(
            'Form expired',
            'This form was missing its security token. Go back, reload the page and try again.',
            session,
          ).value,
        );
    }
    attached.set(req, session);
  });

  return (req) => {
    const session = attached.get(req);
    // Only reachable if a handler is mounted outside the guard: fail closed.
    if (!session) throw new Error('No dashboard session on this request');
    return session;
  };
}
