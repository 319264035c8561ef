import type { Db } from '../../platform/db/db.js';

export interface SessionRow {
  readonly username: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
}

/** The dashboard's auth SQL. Callers pass hashes, never raw session ids or codes. */
export class AuthStore {
  constructor(readonly db: Db) {}

  async adminExists(): Promise<boolean> {
    const row = await this.db.kysely
      .selectFrom('web_admins')
      .select('username')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async passwordHashOf(username: string): Promise<string | null> {
    const row = await this.db.kysely
      .selectFrom('web_admins')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  /** Replace any earlier setup code: only the one logged by the latest start is valid. */
  async putSetupCode(codeHash: string, now: Date): Promise<void> {
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('web_setup_codes').execute();
      await trx
        .insertInto('web_setup_codes')
        .values({ code_hash: codeHash, created_at: now.toISOString() })
        .execute();
    });
  }

  async setupCodeHashes(): Promise<string[]> {
    const rows = await this.db.kysely.selectFrom('web_setup_codes').select('code_hash').execute();
    return rows.map((r) => r.code_hash);
  }

  /**
   * Create the first admin, consuming the setup code in the same transaction: of two concurrent
   * setups with the same code, only the one that deletes the code row creates an account.
   */
  async completeSetup(
    codeHash: string,
    username: string,
    passwordHash: string,
    now: Date,
  ): Promise<boolean> {
    return this.db.kysely.transaction().execute(async (trx) => {
      const del = await trx
        .deleteFrom('web_setup_codes')
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      if (Number(del.numDeletedRows) !== 1) return false;
      const existing = await trx
        .selectFrom('web_admins')
        .select('username')
        .limit(1)
        .executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('web_admins')
        .values({ username, password_hash: passwordHash, created_at: now.toISOString() })
        .execute();
      return true;
    });
  }

  async createSession(idHash: string, username: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.kysely
      .insertInto('web_sessions')
      .values({
        id_hash: idHash,
        username,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
  }

  async getSession(idHash: string): Promise<SessionRow | null> {
    const row = await this.db.kysely
      .selectFrom('web_sessions')
      .select(['username', 'expires_at', 'last_seen_at'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row
      ? { username: row.username, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }
      : null;
  }

  async touchSession(idHash: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.kysely
      .updateTable('web_sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }

  /** Delete one session (logout), and every expired one while we are at it. */
  async deleteSession(idHash: string, now: Date): Promise<void> {
    await this.db.kysely
      .deleteFrom('web_sessions')
      .where((eb) => eb.or([eb('id_hash', '=', idHash), eb('expires_at', '<', now.toISOString())]))
      .execute();
  }

  /** Remember a browser that signed in as `username` (only the hash of its cookie). */
  async createDevice(idHash: string, username: string, now: Date): Promise<void> {
    await this.db.kysely
      .insertInto('web_known_devices')
      .values({
        id_hash: idHash,
        username,
        created_at: now.toISOString(),
        last_used_at: now.toISOString(),
      })
      .execute();
  }

  /** The username a known browser signed in as, if it was used since `since`. */
  async deviceUser(idHash: string, since: Date): Promise<string | null> {
    const row = await this.db.kysely
      .selectFrom('web_known_devices')
      .select('username')
      .where('id_hash', '=', idHash)
      .where('last_used_at', '>=', since.toISOString())
      .executeTakeFirst();
    return row?.username ?? null;
  }

  async touchDevice(idHash: string, now: Date): Promise<void> {
    await this.db.kysely
      .updateTable('web_known_devices')
      .set({ last_used_at: now.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }

  /** Forget browsers unused since `before`. */
  async sweepDevices(before: Date): Promise<void> {
    await this.db.kysely
      .deleteFrom('web_known_devices')
      .where('last_used_at', '<', before.toISOString())
      .execute();
  }
}
