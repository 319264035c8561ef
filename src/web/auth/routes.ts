import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../platform/log/logger.js';
import type { Html } from '../html.js';
import { LoginAttemptStore } from './attempt-store.js';
import { HashGate, HASH_GATE_DEFAULTS, type HashGateOptions } from './hash-gate.js';
import { KnownDevices } from './known-devices.js';
import { throttled } from './login-throttle.js';
import { safeNext } from './next-path.js';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { normalizeSetupCode, safeEqual, sha256 } from './secrets.js';
import { formField, type Sessions } from './sessions.js';
import { loginKeys, setupKeys } from './throttle.js';
import { loginPage, setupPage } from './views.js';

const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;

export interface AuthRouteOptions {
  readonly sessions: Sessions;
  readonly now: () => Date;
  readonly log: Logger;
  /** The password check; tests pass a counting one. */
  readonly verifyPassword?: (password: string, stored: string) => Promise<boolean>;
  /** How many password hashes may run at once. */
  readonly hashGate?: HashGateOptions;
}

function send(reply: FastifyReply, status: number, body: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

/** /setup, /login and /logout. The guard decides who reaches them. */
export function authRoutes(scope: FastifyInstance, opts: AuthRouteOptions): void {
  const { sessions, now, log } = opts;
  const verify = opts.verifyPassword ?? verifyPassword;
  const store = sessions.store;
  const attempts = new LoginAttemptStore(store.db);
  const devices = new KnownDevices({ store, now, secure: sessions.secure });
  const gate = new HashGate(opts.hashGate ?? HASH_GATE_DEFAULTS);
  let dummy: Promise<string> | null = null;
  // A flood is refused thousands of times a minute; one warning a minute tells the admin enough.
  let busyWarnedAt = -Infinity;

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
    const result = await throttled(attempts, setupKeys(req.ip), now(), async () =>
      (await store.setupCodeHashes()).some((h) => safeEqual(h, codeHash)),
    );
    if (result.kind === 'locked') {
      reply.header('Retry-After', String(result.retryAfterS));
      return again(429, `Too many wrong codes. Try again in ${result.retryAfterS} s.`);
    }
    if (result.kind === 'failed')
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
    const again = (status: number, error: string, retryAfterS?: number): FastifyReply => {
      if (retryAfterS !== undefined) reply.header('Retry-After', String(retryAfterS));
      return send(reply, status, loginPage({ csrf, next, username, error }));
    };
    if (!sessions.preSessionValid(req)) return again(403, 'The form expired. Please try again.');
    const deviceId = await devices.idFor(req, username);
    // Cheap refusals first: no database write and no hash while this client or the server is busy.
    const release = gate.tryEnter(
      deviceId ? `device:${deviceId}` : `address:${req.ip}`,
      !!deviceId,
    );
    if (release === 'client-busy')
      return again(429, 'Another sign-in from here is being checked. Try again in a moment.', 1);
    if (release === 'server-busy') {
      if (now().getTime() - busyWarnedAt >= 60_000) {
        busyWarnedAt = now().getTime();
        log.warn({ ip: req.ip }, 'Dashboard login refused: every password check slot is busy');
      }
      return again(503, 'The server is busy checking other sign-ins. Try again in a moment.', 1);
    }
    try {
      const keys = loginKeys(req.ip, username, deviceId);
      const result = await throttled(attempts, keys, now(), async () => {
        const stored = await store.passwordHashOf(username);
        // Unknown users cost a full scrypt too, so timing does not tell which usernames exist.
        const ok = await verify(
          formField(req, 'password'),
          stored ?? (await (dummy ??= dummyHash())),
        );
        return ok && stored !== null;
      });
      if (result.kind === 'locked')
        return again(
          429,
          `Too many failed attempts. Try again in ${result.retryAfterS} s.`,
          result.retryAfterS,
        );
      if (result.kind === 'failed') {
        log.warn({ username, ip: req.ip }, 'Dashboard login failed');
        return again(401, 'Wrong username or password.');
      }
    } finally {
      release();
    }
    await devices.remember(reply, username, deviceId);
    await sessions.start(reply, username);
    return reply.redirect(next, 303);
  });

  scope.post('/logout', async (req, reply) => {
    await sessions.end(req, reply);
    return reply.redirect('/login', 303);
  });
}
