import type { Generated } from 'kysely';

/** What a token may do: `read` reads every API resource, `admin` also runs jobs (and implies read). */
export type TokenScope = 'read' | 'admin';

/**
 * An API token. Only the sha256 of the token is stored: a database dump never yields a usable
 * token. Times are ISO 8601 UTC strings, as everywhere else.
 */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  scope: TokenScope;
  /** sha256 of the whole token text, lowercase hex. */
  hash: string;
  created_at: string;
  /** Updated at most once a minute, so verifying a request costs no write. */
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Tables of API tokens. */
export interface AuthTables {
  api_tokens: ApiTokensTable;
}
