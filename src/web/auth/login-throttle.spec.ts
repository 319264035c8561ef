/**
 * The login throttle attacked over HTTP, as issue 9 (item 4) found it: parallel wrong passwords,
 * a stranger locking the admin out, and a flood making real logins wait. The password check is a
 * counting stand-in that a test can hold open, so "how many hashes ran" and "while a hash is
 * running" are facts, not timings.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { installGuard } from './guard.js';
import type { HashGateOptions } from './hash-gate.js';
import { authRoutes } from './routes.js';
import { Sessions } from './sessions.js';
import { ensureSetupCode } from './setup-code.js';
import { POLICIES } from './throttle.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const ADMIN = { username: 'admin', password: 'correct horse battery' };
const WIDE_OPEN: HashGateOptions = { slots: 1000, reservedForKnown: 0, perClient: 1000 };

/** Resolves waiters once a condition over counters holds; bumped on every event. */
class Progress {
  private waiters: { test: () => boolean; done: () => void }[] = [];
  bump(): void {
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.done(), false) : true));
  }
  until(test: () => boolean): Promise<void> {
    return new Promise((done) => {
      this.waiters.push({ test, done });
      this.bump();
    });
  }
}

/** The stand-in for scrypt: counts calls; passwords starting with "hold" wait for release(). */
class Verifier {
  calls = 0;
  private held: (() => void)[] = [];
  constructor(private readonly progress: Progress) {}
  readonly verify = async (password: string, stored: string): Promise<boolean> => {
    this.calls++;
    this.progress.bump();
    if (password.startsWith('hold')) await new Promise<void>((r) => this.held.push(r));
    return stored === `test$${password}`;
  };
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
}

/** A browser at one client address: keeps its cookies, reads the form's CSRF token. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly address: string,
  ) {}

  private async send(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value === '') this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async form(path: '/login' | '/setup'): Promise<string> {
    const res = await this.send('GET', path);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (!token) throw new Error(`no form on ${path} (status ${res.statusCode})`);
    return token;
  }

  /** POST the login form; `csrf` from an earlier form() lets many posts go out at once. */
  async logIn(
    password: string,
    username = ADMIN.username,
    csrf?: string,
  ): Promise<LightMyRequestResponse> {
    const token = csrf ?? (await this.form('/login'));
    return this.send('POST', '/login', { _csrf: token, username, password, next: '/' });
  }

  async setUp(code: string): Promise<LightMyRequestResponse> {
    const csrf = await this.form('/setup');
    return this.send('POST', '/setup', {
      _csrf: csrf,
      code,
      username: ADMIN.username,
      password: ADMIN.password,
      confirm: ADMIN.password,
    });
  }

  /** Sign out of the session only (the known-browser cookie stays, as after a logout). */
  dropSession(): void {
    this.jar.delete('patchbay_session');
  }
}

describe.each(DIALECTS)('login throttle over HTTP on $name', ({ open }) => {
  let t: TestDb;
  let app: FastifyInstance;
  let progress: Progress;
  let verifier: Verifier;
  const clock = { now: NOW };

  async function start(gate?: HashGateOptions, withAdmin = true): Promise<void> {
    if (withAdmin) {
      await t.db.kysely
        .insertInto('web_admins')
        .values({
          username: ADMIN.username,
          password_hash: `test$${ADMIN.password}`,
          created_at: NOW.toISOString(),
        })
        .execute();
    }
    app = Fastify({ logger: false });
    await app.register(fastifyCookie);
    await app.register(fastifyFormbody);
    await app.register((scope, _opts, done) => {
      const sessions = new Sessions({ db: t.db, now: () => clock.now, secure: false });
      installGuard(scope, sessions);
      authRoutes(scope, {
        sessions,
        now: () => clock.now,
        log: pino({ level: 'silent' }),
        verifyPassword: verifier.verify,
        ...(gate ? { hashGate: gate } : {}),
      });
      done();
    });
    await app.ready();
  }

  beforeEach(async () => {
    t = await open();
    clock.now = NOW;
    progress = new Progress();
    verifier = new Verifier(progress);
  });
  afterEach(async () => {
    verifier.release();
    await app.close();
    await t.cleanup();
  });

  it('checks only 5 of 40 parallel wrong passwords and refuses the rest with 429', async () => {
    await start(WIDE_OPEN); // no hash gate in the way: the reservation alone must hold
    const stranger = new Browser(app, '10.6.6.6');
    const csrf = await stranger.form('/login');
    let answered = 0;
    const pending = Array.from({ length: 40 }, (_, i) =>
      stranger.logIn(`hold ${i}`, ADMIN.username, csrf).then((r) => {
        answered++;
        progress.bump();
        return r;
      }),
    );
    // Hashes take time: hold every check open until each request is answered or being checked,
    // as 40 real scrypt runs would overlap.
    await progress.until(() => answered + verifier.calls === 40);
    expect(verifier.calls).toBe(POLICIES.pair.freeFailures);
    verifier.release();
    const results = await Promise.all(pending);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(5);
    const refused = results.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(35);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("never lets a stranger's wrong guesses lock the admin out", async () => {
    await start();
    const stranger = new Browser(app, '10.6.6.6');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await stranger.logIn(`wrong ${i}`)).statusCode);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    const locked = await stranger.logIn(ADMIN.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');

    const admin = new Browser(app, '10.0.0.2');
    const res = await admin.logIn(ADMIN.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('stops one address trying many usernames after 20 failures', async () => {
    await start();
    const stranger = new Browser(app, '10.6.6.6');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await stranger.logIn('guess', `user${i}`)).statusCode);
    expect(statuses).toEqual([...Array<number>(20).fill(401), 429, 429]);
    expect((await new Browser(app, '10.0.0.2').logIn(ADMIN.password)).statusCode).toBe(303);
  });

  it("locks strangers out of a username guessed from many addresses, never the admin's own browser", async () => {
    await start();
    const admin = new Browser(app, '10.0.0.2');
    expect((await admin.logIn(ADMIN.password)).statusCode).toBe(303);
    expect(admin.jar.has('patchbay_device')).toBe(true);
    admin.dropSession();

    for (let i = 0; i < POLICIES.user.freeFailures; i++) {
      const bot = new Browser(app, `10.1.${Math.floor(i / 250)}.${i % 250}`);
      expect((await bot.logIn(`wrong ${i}`)).statusCode).toBe(401);
    }
    // Even the right password is refused to a browser that never signed in: the account is under attack.
    expect((await new Browser(app, '10.9.9.9').logIn(ADMIN.password)).statusCode).toBe(429);
    // The admin's browser is counted on its own, from any address.
    const res = await admin.logIn(ADMIN.password);
    expect(res.statusCode).toBe(303);
  });

  it('answers 60 parallel logins from one address at once, and a real login meanwhile', async () => {
    await start();
    const flood = new Browser(app, '10.6.6.6');
    const csrf = await flood.form('/login');
    let answered = 0;
    const responses = Array.from({ length: 60 }, (_, i) =>
      flood.logIn(`hold ${i}`, ADMIN.username, csrf).then((r) => {
        answered++;
        progress.bump();
        return r;
      }),
    );
    // Every flood request has either been answered or reached the password check.
    await progress.until(() => answered + verifier.calls === 60);
    expect(verifier.calls).toBe(1);
    expect(answered).toBe(59);

    // One flood hash is still running: a real login from elsewhere does not wait behind it.
    const real = await new Browser(app, '10.0.0.2').logIn(ADMIN.password);
    expect(real.statusCode).toBe(303);
    expect(verifier.calls).toBe(2);

    verifier.release();
    const all = await Promise.all(responses);
    expect(all.filter((r) => r.statusCode === 401)).toHaveLength(1);
    const busy = all.filter((r) => r.statusCode === 429);
    expect(busy).toHaveLength(59);
    for (const r of busy) expect(r.headers['retry-after']).toBe('1');
  });

  it("answers 503 at once when every check slot is busy, keeping one for the admin's browser", async () => {
    await start({ slots: 4, reservedForKnown: 1, perClient: 1 });
    const admin = new Browser(app, '10.0.0.2');
    expect((await admin.logIn(ADMIN.password)).statusCode).toBe(303);
    admin.dropSession();

    const held = [1, 2, 3].map((i) => new Browser(app, `10.7.0.${i}`).logIn(`hold ${i}`));
    await progress.until(() => verifier.calls === 4);
    const busy = await new Browser(app, '10.7.0.4').logIn(ADMIN.password);
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(verifier.calls).toBe(4);
    expect((await admin.logIn(ADMIN.password)).statusCode).toBe(303);

    verifier.release();
    expect((await Promise.all(held)).map((r) => r.statusCode)).toEqual([401, 401, 401]);
  });

  it("never lets a stranger's wrong setup codes lock setup out for another address", async () => {
    await start(undefined, false);
    const code = (await ensureSetupCode(t.db, NOW))!;
    const stranger = new Browser(app, '10.6.6.6');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await stranger.setUp(`AAAA-BBBB-CCCC-DDD${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const res = await new Browser(app, '10.0.0.2').setUp(code);
    expect(res.statusCode).toBe(303);
  });
});
