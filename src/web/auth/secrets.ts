import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token for cookies and one-time codes: 32 bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex: how session ids and the setup code are stored and looked up. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time string equality (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * The CSRF token of a session: an HMAC keyed by the session id, so it needs no storage, differs
 * from the stored id hash, and is worthless without the HttpOnly cookie it is bound to.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('patchbay-csrf').digest('base64url');
}

/**
 * A one-time setup code an admin can type from the log: 16 characters of an unambiguous
 * alphabet (80 bits), shown in groups of four.
 */
export function setupCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'A');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Codes are compared without dashes, spaces or case, as people retype them. */
export function normalizeSetupCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
