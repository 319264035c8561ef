import { randomBytes, randomUUID } from 'node:crypto';
import { jacksonStringify } from './jackson-json.js';

export type TokenCheck = 'ok' | 'expired' | 'unknown';

interface Held {
  readonly expiresAt: number;
  revoked: boolean;
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/**
 * Bearer tokens the stand-in issued, with their expiry on the injected clock. Tokens look like
 * Jamf's (a JWT with `token-uuid`, `authentication-type`, `exp`); nobody verifies the signature.
 */
export class TokenStore {
  private readonly tokens = new Map<string, Held>();
  issued = 0;

  constructor(
    private readonly now: () => number,
    public lifetimeMs: number,
  ) {}

  issue(
    authType: 'CLIENT_CREDENTIALS' | 'JSS',
    subject: string,
  ): { token: string; expiresAt: number } {
    const iat = this.now();
    const expiresAt = iat + this.lifetimeMs;
    const claims = {
      sub: subject,
      'token-uuid': randomUUID(),
      'authentication-type': authType,
      iat: Math.floor(iat / 1000),
      exp: Math.floor(expiresAt / 1000),
    };
    const token = `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(claims))}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { expiresAt, revoked: false });
    this.issued++;
    return { token, expiresAt };
  }

  check(token: string): TokenCheck {
    const held = this.tokens.get(token);
    if (!held) return 'unknown';
    return held.revoked || this.now() >= held.expiresAt ? 'expired' : 'ok';
  }

  /** Every token issued so far stops working: an admin rotating the secret, a restart. */
  revokeAll(): void {
    for (const held of this.tokens.values()) held.revoked = true;
  }
}

/** 401 from the Jamf Pro API for a bearer token it does not accept (real body, see SOURCES.md). */
export const INVALID_TOKEN_BODY = jacksonStringify({
  httpStatus: 401,
  errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized', id: '0', field: null }],
});

/** 401 from POST /api/v1/auth/token for a wrong user or password. */
export const BAD_BASIC_BODY = jacksonStringify({ httpStatus: 401, errors: [] });

/** 401 from POST /api/oauth/token for a wrong client id or secret (OAuth 2 error response). */
export const BAD_CLIENT_BODY = JSON.stringify({ error: 'invalid_client' });

/** The Classic API's 401 is Tomcat's HTML status page, not JSON. */
export const CLASSIC_401_HTML =
  '<html>\n<head>\n   <title>Status page</title>\n</head>\n<body style="font-family: sans-serif;">\n<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">Unauthorized</p>\n<p>The request requires user authentication</p>\n<p>You can get technical details <a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2">here</a>.<br>\nPlease continue your visit at our <a href="/">home page</a>.\n</p>\n</body>\n</html>\n';

export const CLASSIC_404_HTML = CLASSIC_401_HTML.replace('Unauthorized', 'Not Found').replace(
  'The request requires user authentication',
  'The server has not found anything matching the request URI',
);
