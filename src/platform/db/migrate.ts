import { sql, type Kysely } from 'kysely';
import { adapterFor } from './adapter.js';
import type { Db } from './db.js';
import { MIGRATIONS, type Migration } from './migrations/list.js';

/** Arbitrary but fixed: the advisory lock id that serialises migrations across processes. */
const MIGRATION_LOCK = 7_262_001;

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/** Apply every migration not yet applied, each in its own transaction, in list order. */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  const k = db.kysely as unknown as Kysely<{
    schema_migrations: { id: string; applied_at: string };
  }>;
  const adapter = adapterFor(db.dialect);
  return adapter.withExclusiveLock(k as unknown as Kysely<unknown>, MIGRATION_LOCK, async () => {
    await k.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('applied_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    const done = new Set(
      (await k.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await k.transaction().execute(async (trx) => {
        await m.up(trx as unknown as Kysely<unknown>, adapter);
        await trx
          .insertInto('schema_migrations')
          .values({ id: m.id, applied_at: new Date().toISOString() })
          .execute();
      });
      applied.push(m.id);
    }
    return { applied, alreadyApplied: done.size };
  });
}

/** For tests: true when the database answers a trivial query. */
export async function ping(db: Db): Promise<boolean> {
  await sql`select 1`.execute(db.kysely);
  return true;
}
