import type { onRequestAsyncHookHandler } from 'fastify';
import type { Db } from '../db/db.js';
import { PatchbayError } from '../errors/errors.js';
import type { Logger } from '../log/logger.js';
import type { TokenScope } from './tables.js';
import {
  bearerToken,
  hashToken,
  looksLikeToken,
  sameHash,
  scopeAllows,
  shouldTouch,
  tokenState,
} from './token.js';
import { TokenStore } from './token-store.js';

/** Who made an API request: attached to the request by requireScope. */
export interface TokenPrincipal {
  readonly tokenId: number;
  readonly name: string;
  readonly scope: TokenScope;
}

export interface AuthDeps {
  readonly db: Db;
  readonly now: () => Date;
  readonly log: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once requireScope accepted the request's bearer token. */
    apiToken?: TokenPrincipal;
  }
}

// One message for every kind of bad token, so a caller cannot probe which tokens exist.
const INVALID = 'the API token is missing, unknown, expired or revoked';

/**
 * Check an `Authorization` header against the stored hashes and the scope a route needs.
 * Throws E_API_TOKEN (401) or E_API_SCOPE (403); the token text is never logged.
 */
export async function verifyBearer(
  deps: AuthDeps,
  header: string | undefined,
  need: TokenScope,
): Promise<TokenPrincipal> {
  const token = bearerToken(header);
  if (token === null || !looksLikeToken(token)) throw new PatchbayError('E_API_TOKEN', INVALID);
  const hash = hashToken(token);
  const store = new TokenStore(deps.db);
  const row = await store.findByHash(hash);
  // The lookup matched on the hash already; comparing again in constant time keeps the
  // decision itself free of early-exit string comparison, whatever the database did.
  if (!row || !sameHash(row.hash, hash)) throw new PatchbayError('E_API_TOKEN', INVALID);
  const now = deps.now();
  if (tokenState(row, now) !== 'active') throw new PatchbayError('E_API_TOKEN', INVALID);
  if (!scopeAllows(row.scope, need))
    throw new PatchbayError(
      'E_API_SCOPE',
      `token "${row.name}" has scope ${row.scope}; this needs ${need}`,
    );
  if (shouldTouch(row.last_used_at, now)) {
    // Bookkeeping must never fail a request that is otherwise allowed.
    await store.touch(row.id, now).catch((err: unknown) => {
      deps.log.warn({ tokenId: row.id, err }, 'Could not record API token use');
    });
  }
  return { tokenId: Number(row.id), name: row.name, scope: row.scope };
}

/**
 * A Fastify onRequest hook that lets a request through only with a bearer token of scope `need`
 * (admin implies read). It runs before the body is read, so a caller without a token is turned
 * away before the server spends anything on what it sent. Errors are thrown, so the scope's
 * error handler answers them.
 */
export function requireScope(deps: AuthDeps, need: TokenScope): onRequestAsyncHookHandler {
  return async (req, reply) => {
    try {
      req.apiToken = await verifyBearer(deps, req.headers.authorization, need);
    } catch (err) {
      if (err instanceof PatchbayError && err.code === 'E_API_TOKEN')
        void reply.header('www-authenticate', 'Bearer realm="patchbay"');
      throw err;
    }
  };
}
