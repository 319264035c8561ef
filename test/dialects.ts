import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db, type DialectName } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';

/** Set by .ci/run; without it the PostgreSQL half of each store test is left out, and we say so. */
export const POSTGRES_URL = process.env.PATCHBAY_TEST_POSTGRES_URL;

if (!POSTGRES_URL) {
  console.warn(
    'PATCHBAY_TEST_POSTGRES_URL is not set: store tests run on SQLite only (PostgreSQL left out).',
  );
}

export interface TestDb {
  readonly db: Db;
  /** Drops what the test created. */
  cleanup(): Promise<void>;
}

export interface DialectCase {
  readonly name: DialectName;
  /** A fresh, migrated database of this dialect. */
  open: () => Promise<TestDb>;
}

async function openSqlite(): Promise<TestDb> {
  const db = openDatabase('sqlite::memory:');
  await migrate(db);
  return { db, cleanup: () => db.close() };
}

/** Each PostgreSQL test database is its own schema in the one server, so files run in parallel. */
async function openPostgres(url: string): Promise<TestDb> {
  const schema = `pb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase(url, { pgSchema: schema });
  await migrate(db);
  return {
    db,
    async cleanup() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** Loop store tests over this: `describe.each(DIALECTS)('$name', ({ open }) => ...)`. */
export const DIALECTS: readonly DialectCase[] = [
  { name: 'sqlite', open: openSqlite },
  ...(POSTGRES_URL ? [{ name: 'postgres' as const, open: () => openPostgres(POSTGRES_URL) }] : []),
];
