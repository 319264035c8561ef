import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../routes.js';
import { ADMIN, Client, createKit, logIn, setUp, type Kit } from '../test-kit.js';

const NOW = new Date('2026-08-25T12:00:00Z');
const HOUR = 3_600_000;

describe('dashboard auth', () => {
  let kit: Kit;
  let client: Client;

  beforeEach(async () => {
    kit = await createKit({ now: NOW });
    client = new Client(kit.app);
  });
  afterEach(() => kit.close());

  const advance = (ms: number): void => {
    kit.clock.now = new Date(kit.clock.now.getTime() + ms);
  };

  it.each(['/', '/hosts', '/jobs', '/login', '/products/macos'])(
    'sends %s to /setup while no admin exists',
    async (path) => {
      const res = await client.get(path);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/setup');
    },
  );

  it('creates the admin with the setup code and signs them in', async () => {
    const code = await ensureSetupCode(kit.ctx.db, NOW);
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const res = await setUp(client, code!);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.cookies.find((c) => c.name === 'patchbay_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect((await client.get('/')).statusCode).toBe(200);
    expect(await ensureSetupCode(kit.ctx.db, NOW)).toBeNull();
    // Setup is over: the form now leads to login, for everyone.
    expect((await new Client(kit.app).get('/setup')).headers.location).toBe('/login');
  });

  it('stores only hashes of the password and the session id', async () => {
    await setUp(client, (await ensureSetupCode(kit.ctx.db, NOW))!);
    const admin = await kit.ctx.db.kysely
      .selectFrom('web_admins')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(admin.password_hash).toMatch(/^scrypt\$/);
    expect(admin.password_hash).not.toContain(ADMIN.password);
    const session = await kit.ctx.db.kysely
      .selectFrom('web_sessions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(session.id_hash).not.toBe(client.jar.get('patchbay_session'));
    expect(session.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a wrong code', { code: 'AAAA-BBBB-CCCC-DDDD' }, 401, 'not valid'],
    ['a short password', { password: 'short', confirm: 'short' }, 400, 'at least 12'],
    ['different passwords', { confirm: 'something else entirely' }, 400, 'differ'],
    ['a bad username', { username: 'no spaces please' }, 400, 'Username'],
    ['no CSRF token', { _csrf: '' }, 403, 'expired'],
  ])('refuses setup with %s', async (_name, override, status, message) => {
    const code = (await ensureSetupCode(kit.ctx.db, NOW))!;
    const csrf = await client.csrf('/setup');
    const res = await client.post('/setup', {
      _csrf: csrf,
      code,
      username: 'admin',
      password: ADMIN.password,
      confirm: ADMIN.password,
      ...override,
    });
    expect(res.statusCode).toBe(status);
    expect(res.body).toContain(message);
    expect((await client.get('/')).headers.location).toBe('/setup');
  });

  it('accepts only the latest setup code', async () => {
    const first = (await ensureSetupCode(kit.ctx.db, NOW))!;
    const second = (await ensureSetupCode(kit.ctx.db, NOW))!;
    expect(second).not.toBe(first);
    expect((await setUp(client, first)).statusCode).toBe(401);
    // Retyped in lower case with spaces, as people do.
    expect((await setUp(client, second.toLowerCase().replaceAll('-', ' '))).statusCode).toBe(303);
  });

  describe('once set up', () => {
    beforeEach(async () => {
      await setUp(new Client(kit.app), (await ensureSetupCode(kit.ctx.db, NOW))!);
    });

    it('redirects to login and back to the page asked for', async () => {
      const res = await client.get('/hosts?status=overdue');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fhosts%3Fstatus%3Doverdue');
      const login = await logIn(client, ADMIN.password, '/hosts?status=overdue');
      expect(login.headers.location).toBe('/hosts?status=overdue');
      expect((await client.get('/hosts')).statusCode).toBe(200);
    });

    it.each(['https://evil.example/', '//evil.example/', '/\\evil.example'])(
      'never redirects off-site after login (next=%s)',
      async (next) => {
        expect((await logIn(client, ADMIN.password, next)).headers.location).toBe('/');
      },
    );

    it.each(['/%09/evil.example', '/%0A/evil.example', '/%5Cevil.example', '/.//evil.example'])(
      'keeps a real sign-in from /login?next=%s on this site',
      async (next) => {
        // As the browser does it: the link's page carries next in a hidden field, posted back.
        const page = await client.get(`/login?next=${next}`);
        const hidden = /name="next" value="([^"]*)"/.exec(page.body)?.[1];
        expect(hidden).toBe('/');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        const res = await client.post('/login', {
          _csrf: csrf,
          username: ADMIN.username,
          password: ADMIN.password,
          next: decodeURIComponent(next),
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/');
      },
    );

    it('refuses a wrong password', async () => {
      const res = await logIn(client, 'not the password');
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('Wrong username or password');
      expect((await client.get('/')).statusCode).toBe(303);
    });

    it('refuses a login form without its CSRF token', async () => {
      await client.get('/login');
      const res = await client.post('/login', {
        username: ADMIN.username,
        password: ADMIN.password,
      });
      expect(res.statusCode).toBe(403);
    });

    it('locks a username for a minute after 5 failures', async () => {
      for (let i = 0; i < 5; i++) expect((await logIn(client, `wrong ${i}`)).statusCode).toBe(401);
      const locked = await logIn(client);
      expect(locked.statusCode).toBe(429);
      expect(locked.body).toContain('Try again in 60 s');
      advance(61_000);
      expect((await logIn(client)).statusCode).toBe(303);
    });

    it('requires the CSRF token on every POST', async () => {
      await logIn(client);
      const noToken = await client.post('/jobs/sync-feeds/run', {});
      expect(noToken.statusCode).toBe(403);
      const wrong = await client.post('/logout', { _csrf: 'x'.repeat(43) });
      expect(wrong.statusCode).toBe(403);
      expect(kit.jobs.ran).toEqual([]);
      expect((await client.get('/')).statusCode).toBe(200);
    });

    it('logs out and forgets the session', async () => {
      await logIn(client);
      const stolen = client.jar.get('patchbay_session')!;
      const res = await client.post('/logout', { _csrf: await client.csrf('/') });
      expect(res.headers.location).toBe('/login');
      expect(client.jar.has('patchbay_session')).toBe(false);
      const replay = new Client(kit.app);
      replay.jar.set('patchbay_session', stolen);
      expect((await replay.get('/')).statusCode).toBe(303);
    });

    it('expires a session after 12 idle hours, and activity keeps it alive', async () => {
      await logIn(client);
      advance(11 * HOUR);
      expect((await client.get('/jobs')).statusCode).toBe(200);
      advance(11 * HOUR);
      expect((await client.get('/jobs')).statusCode).toBe(200);
      advance(12 * HOUR + 1000);
      const res = await client.get('/jobs');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fjobs');
    });
  });
});

describe('dashboard auth behind https', () => {
  it('marks cookies Secure with the __Host- prefix', async () => {
    const kit = await createKit({ now: NOW, publicUrl: 'https://patchbay.example.com' });
    try {
      const res = await setUp(new Client(kit.app), (await ensureSetupCode(kit.ctx.db, NOW))!);
      const cookie = res.cookies.find((c) => c.name === '__Host-patchbay_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    } finally {
      await kit.close();
    }
  });
});
