import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { describeError, PatchbayError } from '../errors/errors.js';
import { redactUrl } from '../http-client/redact-url.js';
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

/**
 * Open the database and make sure it answers, for commands and the server: a database that
 * cannot be opened or reached is E_DB_CONNECT (exit 69) naming it without its password, not an
 * internal error with a stack trace. PostgreSQL connects lazily, hence the trivial query.
 */
export async function connectDatabase(url: string, opts: OpenOptions = {}): Promise<Db> {
  const db = openDatabase(url, opts);
  try {
    await sql`select 1`.execute(db.kysely);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw cannotOpen(url, err);
  }
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
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(memory ? ':memory:' : path);
    // WAL lets readers (the CLI, the dashboard) run while a sync writes. It is also the first
    // read of the file, so a file that is not a database fails here.
    if (!memory) sqlite.pragma('journal_mode = WAL');
    // With WAL, NORMAL survives a killed process (only a power loss can drop the last commits)
    // and spares an fsync per transaction.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite?.close();
    throw cannotOpen(`sqlite:${path}`, err);
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

function openPostgres(url: string, opts: OpenOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A host that drops packets would otherwise hold a command until the OS gives up.
    connectionTimeoutMillis: 15_000,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
}

/** E_DB_CONNECT naming the database (user info and password removed) and the driver's reason. */
function cannotOpen(url: string, err: unknown): PatchbayError {
  const where = url.startsWith('sqlite:') ? url : redactUrl(url);
  const code = (err as { code?: unknown }).code;
  const reason = describeError(err) || (typeof code === 'string' ? code : 'unknown error');
  return new PatchbayError(
    'E_DB_CONNECT',
    `Cannot open the database ${where}: ${reason}`,
    { database: where, ...(typeof code === 'string' ? { reason: code } : {}) },
    { cause: err },
  );
}
