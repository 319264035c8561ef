import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Rows per statement: well under SQLite's bound-parameter limit for our widest tables. */
const BATCH = 400;

/**
 * Insert rows, or update the listed columns from the new values where the conflict key exists
 * (`ON CONFLICT ... DO UPDATE SET c = excluded.c`, which SQLite and PostgreSQL both speak).
 * Kysely cannot type a table chosen at run time, hence the casts: callers stay fully typed.
 */
export async function upsertRows<TB extends keyof Database>(
  db: Kysely<Database>,
  table: TB,
  rows: readonly Insertable<Database[TB]>[],
  conflict: readonly (keyof Database[TB] & string)[],
  update: readonly (keyof Database[TB] & string)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .columns(conflict)
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(update.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
          ),
      )
      .execute();
  }
}
