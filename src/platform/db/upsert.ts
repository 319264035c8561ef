import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Bound parameters per statement: under SQLite's limit (32766 since 3.32) and PostgreSQL's
 * (65535), so one statement carries a whole page of a narrow table.
 */
const MAX_PARAMS = 32_000;

/** Rows of `width` columns that fit in one statement. */
function rowsPerStatement(width: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, width)));
}

/**
 * Plain multi-row INSERT, as few statements as the parameter limit allows. For rows known to be
 * new (read absent in the same transaction): no conflict clause to plan or check.
 */
export async function insertRows<TB extends keyof Database>(
  db: Kysely<Database>,
  table: TB,
  rows: readonly Insertable<Database[TB]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const size = rowsPerStatement(Object.keys(first).length);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}

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
  const first = rows[0];
  if (!first) return;
  const size = rowsPerStatement(Object.keys(first).length);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
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
