import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseDuration } from '../config/duration.js';
import { PatchbayError } from '../errors/errors.js';
import type { TokenScope } from './tables.js';

/** Every token starts with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'pb_';

/** `pb_` + 32 random bytes in base64url (43 characters, no padding). */
const TOKEN_PATTERN = /^pb_[A-Za-z0-9_-]{43}$/;

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'admin'];

/** A new token: 256 bits from the OS's CSPRNG. `random` is injectable for tests only. */
export function generateToken(random: (n: number) => Buffer = randomBytes): string {
  return `${TOKEN_PREFIX}${random(32).toString('base64url')}`;
}

/** True when the text has the shape of a token; anything else is refused before hashing. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** sha256 of the token, lowercase hex: the only form that is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compare two hex hashes in constant time (lengths are not secret: both are sha256). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The token of an `Authorization: Bearer <token>` header, or null (scheme is case-insensitive). */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/** Whether a token of scope `have` may do what needs `need`: admin implies read. */
export function scopeAllows(have: TokenScope, need: TokenScope): boolean {
  return have === 'admin' || have === need;
}

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** The state of a stored token at `now`. */
export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(
  row: { readonly expires_at: string | null; readonly revoked_at: string | null },
  now: Date,
): TokenState {
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

/** Whether last_used_at is old enough to be worth a write: at most one write a minute per token. */
export function shouldTouch(lastUsedAt: string | null, now: Date, everyMs = 60_000): boolean {
  return lastUsedAt === null || now.getTime() - Date.parse(lastUsedAt) >= everyMs;
}

/**
 * When a token created at `now` expires, from `--expires` ("90d", "12h", "1w"). "never" or no
 * value: null, no expiry. A bare number is refused: it would silently mean milliseconds.
 */
export function expiryFrom(text: string | undefined, now: Date): Date | null {
  if (text === undefined || text.trim().toLowerCase() === 'never') return null;
  const ms = /[a-z]\s*$/i.test(text) ? parseDuration(text) : null;
  if (ms === null || ms <= 0)
    throw new PatchbayError(
      'E_USAGE',
      `--expires must be a duration like 90d, 12h or 1w, or "never" (got "${text}")`,
    );
  return new Date(now.getTime() + ms);
}
