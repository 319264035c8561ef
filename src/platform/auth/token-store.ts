import type { Selectable } from 'kysely';
import type { Db } from '../db/db.js';
import { PatchbayError } from '../errors/errors.js';
import type { ApiTokensTable, TokenScope } from './tables.js';
import { generateToken, hashToken, tokenState, type TokenState } from './token.js';

export type TokenRow = Selectable<ApiTokensTable>;

/** A token as `token list` and the API show it: never the token, never its hash. */
export interface TokenInfo {
  readonly id: number;
  readonly name: string;
  readonly scope: TokenScope;
  readonly state: TokenState;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreateTokenInput {
  readonly name: string;
  readonly scope: TokenScope;
  /** Null: the token never expires. */
  readonly expiresAt: Date | null;
  readonly now: Date;
}

// Digits-only names are refused so `token revoke 12` can only mean the id.
const NAME_PATTERN = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The api_tokens table. The token text exists only in create()'s return value. */
export class TokenStore {
  constructor(private readonly db: Db) {}

  /** Create a token; the caller shows `token` once and it is never readable again. */
  async create(input: CreateTokenInput): Promise<{ token: string; info: TokenInfo }> {
    if (!NAME_PATTERN.test(input.name))
      throw new PatchbayError(
        'E_USAGE',
        `token name "${input.name}" must be 1-64 letters, digits, ".", "_" or "-", not only digits`,
      );
    const clash = (await this.rowsNamed(input.name)).some(
      (r) => tokenState(r, input.now) === 'active',
    );
    if (clash)
      throw new PatchbayError(
        'E_USAGE',
        `an active token named "${input.name}" exists: revoke it first or pick another name`,
      );
    const token = generateToken();
    const hash = hashToken(token);
    await this.db.kysely
      .insertInto('api_tokens')
      .values({
        name: input.name,
        scope: input.scope,
        hash,
        created_at: input.now.toISOString(),
        last_used_at: null,
        expires_at: input.expiresAt?.toISOString() ?? null,
        revoked_at: null,
      })
      .execute();
    // Read back by the unique hash rather than RETURNING, which is a dialect difference.
    const row = await this.findByHash(hash);
    if (!row) throw new Error('api token vanished after insert');
    return { token, info: toInfo(row, input.now) };
  }

  async list(now: Date): Promise<TokenInfo[]> {
    const rows = await this.db.kysely.selectFrom('api_tokens').selectAll().orderBy('id').execute();
    return rows.map((r) => toInfo(r, now));
  }

  /**
   * Revoke by id (digits) or by name (every not-yet-revoked token of that name). Returns what was
   * revoked; revoking twice is not an error, naming nothing is.
   */
  async revoke(nameOrId: string, now: Date): Promise<TokenInfo[]> {
    const rows = /^\d+$/.test(nameOrId)
      ? await this.db.kysely
          .selectFrom('api_tokens')
          .selectAll()
          .where('id', '=', Number(nameOrId))
          .execute()
      : await this.rowsNamed(nameOrId);
    if (rows.length === 0)
      throw new PatchbayError('E_NOT_FOUND', `no API token with id or name "${nameOrId}"`);
    const ids = rows.filter((r) => r.revoked_at === null).map((r) => r.id);
    if (ids.length > 0)
      await this.db.kysely
        .updateTable('api_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('id', 'in', ids)
        .where('revoked_at', 'is', null)
        .execute();
    const after = await this.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return after.map((r) => toInfo(r, now));
  }

  /** The row with this hash, if any: the unique index makes it one indexed read. */
  async findByHash(hash: string): Promise<TokenRow | undefined> {
    return this.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
  }

  async touch(id: number, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  private rowsNamed(name: string): Promise<TokenRow[]> {
    return this.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('name', '=', name)
      .orderBy('id')
      .execute();
  }
}

function toInfo(r: TokenRow, now: Date): TokenInfo {
  return {
    id: Number(r.id),
    name: r.name,
    scope: r.scope,
    state: tokenState(r, now),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}
