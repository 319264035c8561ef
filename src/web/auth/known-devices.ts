import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, sha256 } from './secrets.js';
import type { AuthStore } from './store.js';

/** A browser stays known this long after its last sign-in. */
export const DEVICE_TTL_MS = 180 * 86_400_000;

export interface KnownDeviceOptions {
  readonly store: AuthStore;
  readonly now: () => Date;
  /** Secure cookie with the __Host- prefix: when the public URL is https. */
  readonly secure: boolean;
}

/**
 * Browsers an admin has signed in from (OWASP's "device cookie"). After a correct password the
 * browser gets a random id in an HttpOnly cookie; we keep only its hash and the username. Its
 * later attempts are throttled on their own key, not with strangers', so nobody else's guessing
 * can lock that browser out. The id proves nothing without the password: it is never a session.
 */
export class KnownDevices {
  readonly cookieName: string;

  constructor(private readonly opts: KnownDeviceOptions) {
    this.cookieName = opts.secure ? '__Host-patchbay_device' : 'patchbay_device';
  }

  /** The device's throttle id when the request comes from a browser known for `username`. */
  async idFor(req: FastifyRequest, username: string): Promise<string | null> {
    const id = req.cookies[this.cookieName];
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const idHash = sha256(id);
    const since = new Date(this.opts.now().getTime() - DEVICE_TTL_MS);
    const owner = await this.opts.store.deviceUser(idHash, since);
    return owner !== null && owner.toLowerCase() === username.toLowerCase() ? idHash : null;
  }

  /** After a correct password: keep the browser known (a fresh id when it was not yet). */
  async remember(reply: FastifyReply, username: string, knownId: string | null): Promise<void> {
    const now = this.opts.now();
    if (knownId !== null) {
      await this.opts.store.touchDevice(knownId, now);
      return;
    }
    const id = randomToken();
    await this.opts.store.sweepDevices(new Date(now.getTime() - DEVICE_TTL_MS));
    await this.opts.store.createDevice(sha256(id), username, now);
    reply.setCookie(this.cookieName, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.opts.secure,
      maxAge: DEVICE_TTL_MS / 1000,
    });
  }
}
