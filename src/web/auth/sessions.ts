import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/db.js';
import { csrfTokenFor, randomToken, safeEqual, sha256 } from './secrets.js';
import { AuthStore } from './store.js';

/** Sessions end after this long without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

/** A signed-in admin for the current request. */
export interface Session {
  readonly username: string;
  readonly csrf: string;
}

export interface SessionOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** Mark cookies Secure (and use the __Host- prefix): when the public URL is https. */
  readonly secure: boolean;
}

/** Cookie-backed sessions: a random 32-byte id in the cookie, only its hash in the database. */
export class Sessions {
  readonly store: AuthStore;
  readonly cookieName: string;
  readonly preSessionCookie: string;

  constructor(private readonly opts: SessionOptions) {
    this.store = new AuthStore(opts.db);
    // __Host- cookies are only accepted over https, for path=/ and without Domain: no subdomain can plant one.
    this.cookieName = opts.secure ? '__Host-patchbay_session' : 'patchbay_session';
    this.preSessionCookie = opts.secure ? '__Host-patchbay_form' : 'patchbay_form';
  }

  /** Whether cookies are Secure (the public URL is https). */
  get secure(): boolean {
    return this.opts.secure;
  }

  private cookieOptions(): { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean } {
    return { path: '/', httpOnly: true, sameSite: 'lax', secure: this.opts.secure };
  }

  /** Start a fresh session (a new id every login, so a planted id is never promoted). */
  async start(reply: FastifyReply, username: string): Promise<void> {
    const id = randomToken();
    const now = this.opts.now();
    await this.store.createSession(sha256(id), username, now, this.expiry(now));
    reply.setCookie(this.cookieName, id, this.cookieOptions());
  }

  /** The valid session of the request, its idle expiry pushed forward; null otherwise. */
  async current(req: FastifyRequest): Promise<Session | null> {
    const id = req.cookies[this.cookieName];
    if (!id) return null;
    const idHash = sha256(id);
    const row = await this.store.getSession(idHash);
    const now = this.opts.now();
    if (!row || Date.parse(row.expiresAt) <= now.getTime()) return null;
    await this.store.touchSession(idHash, now, this.expiry(now));
    return { username: row.username, csrf: csrfTokenFor(id) };
  }

  async end(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const id = req.cookies[this.cookieName];
    if (id) await this.store.deleteSession(sha256(id), this.opts.now());
    reply.clearCookie(this.cookieName, this.cookieOptions());
  }

  /**
   * Forms shown before sign-in (setup, login) use a double-submit token: a random value in a
   * cookie and the same in the form. Another site can make the browser send the cookie, but
   * cannot read it to fill in the form.
   */
  preSessionToken(req: FastifyRequest, reply: FastifyReply): string {
    const existing = req.cookies[this.preSessionCookie];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const token = randomToken();
    reply.setCookie(this.preSessionCookie, token, { ...this.cookieOptions(), sameSite: 'lax' });
    return token;
  }

  preSessionValid(req: FastifyRequest): boolean {
    const cookie = req.cookies[this.preSessionCookie];
    return cookie !== undefined && safeEqual(cookie, formField(req, '_csrf'));
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + SESSION_IDLE_MS);
  }
}

/** A string field of a urlencoded form body ('' when absent or not a string). */
export function formField(req: FastifyRequest, name: string): string {
  const body = req.body as Record<string, unknown> | null | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The CSRF check of every POST made with a session. */
export function csrfValid(req: FastifyRequest, session: Session): boolean {
  return safeEqual(formField(req, '_csrf'), session.csrf);
}
