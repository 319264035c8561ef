import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../platform/log/logger.js';
import type { Html } from '../html.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { normalizeSetupCode, safeEqual, sha256 } from './secrets.js';
import { safeNext } from './next-path.js';
import { formField, type Sessions } from './sessions.js';
import { afterFailure, lockRemainingMs } from './throttle.js';
import { loginPage, setupPage } from './views.js';

/** The throttle key of the setup form, which no username can take (usernames have no parentheses). */
const SETUP_KEY = '(setup)';
const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;

export interface AuthRouteOptions {
  readonly sessions: Sessions;
  readonly now: () => Date;
  readonly log: Logger;
}

function send(reply: FastifyReply, status: number, body: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

/** /setup, /login and /logout. The guard decides who reaches them. */
export function authRoutes(scope: FastifyInstance, opts: AuthRouteOptions): void {
  const { sessions, now, log } = opts;
  const store = sessions.store;
  let dummy: Promise<string> | null = null;

  /** Refuse while locked; otherwise run check and count a failure when it fails. */
  async function throttled(
    key: string,
    check: () => Promise<boolean>,
  ): Promise<'ok' | 'failed' | number> {
    const waitMs = lockRemainingMs(await store.failures(key), now());
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    if (await check()) {
      await store.clearFailures(key);
      return 'ok';
    }
    await store.putFailures(key, afterFailure(await store.failures(key), now()), now());
    return 'failed';
  }

  scope.get('/setup', (req, reply) =>
    send(reply, 200, setupPage({ csrf: sessions.preSessionToken(req, reply) })),
  );

  scope.post('/setup', async (req, reply) => {
    const csrf = sessions.preSessionToken(req, reply);
    const username = formField(req, 'username').trim();
    const password = formField(req, 'password');
    const again = (status: number, error: string): FastifyReply =>
      send(reply, status, setupPage({ csrf, username, error }));
    if (!sessions.preSessionValid(req)) return again(403, 'The form expired. Please try again.');
    if (!USERNAME.test(username)) return again(400, 'Username: letters, digits and . _ @ - only.');
    if (password.length < MIN_PASSWORD_LENGTH)
      return again(400, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (password !== formField(req, 'confirm')) return again(400, 'The two passwords differ.');
    const codeHash = sha256(normalizeSetupCode(formField(req, 'code')));
    const result = await throttled(SETUP_KEY, async () =>
      (await store.setupCodeHashes()).some((h) => safeEqual(h, codeHash)),
    );
    if (typeof result === 'number')
      return again(429, `Too many wrong codes. Try again in ${result} s.`);
    if (result === 'failed')
      return again(401, 'That setup code is not valid. Use the latest one in the server log.');
    if (!(await store.completeSetup(codeHash, username, await hashPassword(password), now())))
      return again(409, 'Setup was already completed. Sign in instead.');
    log.info({ username }, 'Dashboard admin created');
    await sessions.start(reply, username);
    return reply.redirect('/', 303);
  });

  scope.get('/login', (req: FastifyRequest<{ Querystring: { next?: string } }>, reply) =>
    send(
      reply,
      200,
      loginPage({
        csrf: sessions.preSessionToken(req, reply),
        next: safeNext(req.query.next ?? '/'),
      }),
    ),
  );

  scope.post('/login', async (req, reply) => {
    const csrf = sessions.preSessionToken(req, reply);
    const username = formField(req, 'username').trim();
    const next = safeNext(formField(req, 'next') || '/');
    const again = (status: number, error: string): FastifyReply =>
      send(reply, status, loginPage({ csrf, next, username, error }));
    if (!sessions.preSessionValid(req)) return again(403, 'The form expired. Please try again.');
    const result = await throttled(`user:${username.toLowerCase().slice(0, 90)}`, async () => {
      const stored = await store.passwordHashOf(username);
      // Unknown users cost a full scrypt too, so timing does not tell which usernames exist.
      const ok = await verifyPassword(
        formField(req, 'password'),
        stored ?? (await (dummy ??= dummyHash())),
      );
      return ok && stored !== null;
    });
    if (typeof result === 'number')
      return again(429, `Too many failed attempts. Try again in ${result} s.`);
    if (result === 'failed') {
      log.warn({ username }, 'Dashboard login failed');
      return again(401, 'Wrong username or password.');
    }
    await sessions.start(reply, username);
    return reply.redirect(next, 303);
  });

  scope.post('/logout', async (req, reply) => {
    await sessions.end(req, reply);
    return reply.redirect('/login', 303);
  });
}
