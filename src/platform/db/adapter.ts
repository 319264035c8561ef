import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DialectName } from './db.js';

/**
 * Every difference between SQLite and PostgreSQL lives here, so stores and migrations never
 * branch on the dialect themselves.
 */
export interface DialectAdapter {
  readonly name: DialectName;
  /** An auto-incrementing integer primary key column. */
  autoId(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * A table stored in its primary key's order (SQLite `WITHOUT ROWID`), so a range of keys is
   * read sequentially rather than one row lookup per index entry. PostgreSQL has no such table
   * kind; its index-only scans serve the same reads.
   */
  clustered<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
  /**
   * Refresh the planner's statistics of a table after a bulk write. PostgreSQL plans from
   * them (a stale estimate of 43 rows for 240,000 turned a 1 ms page into 2 s); SQLite's
   * planner does without.
   */
  analyze(db: Kysely<unknown>, table: string): Promise<void>;
  /** Run fn while holding a database-wide lock, so two processes never migrate at once. */
  withExclusiveLock<T>(db: Kysely<unknown>, key: number, fn: () => Promise<T>): Promise<T>;
}

const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  autoId: (col) => col.primaryKey().autoIncrement(),
  clustered: (table) => table.modifyEnd(sql`without rowid`),
  analyze: () => Promise.resolve(),
  // SQLite is one process's file here; its own write lock serialises writers.
  withExclusiveLock: (_db, _key, fn) => fn(),
};

const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  autoId: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  clustered: (table) => table,
  async analyze(db, table) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  },
  async withExclusiveLock(db, key, fn) {
    // A session-level advisory lock needs one connection for lock and unlock.
    return db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${key})`.execute(conn);
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  },
};

export function adapterFor(name: DialectName): DialectAdapter {
  return name === 'sqlite' ? sqliteAdapter : postgresAdapter;
}
