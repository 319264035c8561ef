import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { PatchbayError } from '../errors/errors.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each file its own). */
  readonly pgSchema?: string;
}

/** Open `sqlite:<path>` (or `sqlite::memory:`) or `postgres://...`. */
export function openDatabase(url: string, opts: OpenOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return openPostgres(url, opts);
  throw new PatchbayError(
    'E_DB_URL',
    `database.url must start with sqlite: or postgres:// (got "${url.split(':')[0]}:...")`,
    {
      key: 'database.url',
    },
  );
}

function openSqlite(path: string): Db {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(memory ? ':memory:' : path);
  // WAL lets readers (the CLI, the dashboard) run while a sync writes.
  if (!memory) sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL survives a killed process (only a power loss can drop the last commits)
  // and spares an fsync per transaction.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

function openPostgres(url: string, opts: OpenOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}
