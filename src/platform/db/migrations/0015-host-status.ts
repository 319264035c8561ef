import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * A per-host summary of the stored findings, kept in step by every refresh (the batch that
 * wrote a host's findings rewrites its row). The overview's computers headline and the hosts
 * table's status and overdue sorts read one row per host here instead of grouping 30 findings
 * per host: at 100,000 hosts that is 100,000 rows read instead of 3 million.
 *
 * Pending and overdue depend on the clock, so no status is stored: the earliest and latest
 * deadline of the host's `behind` rows decide them at read time (overdue when the earliest has
 * passed, pending when the latest has not), as `findings.due_at` does for one finding.
 *
 * No rows are written here: a database that predates the table is filled by its next refresh.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('host_status')
    .addColumn('host_id', 'varchar(64)', (c) => c.primaryKey())
    // All the host's findings (one per watched product it runs).
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull())
    // `unknown` rows and `behind` rows without a deadline (read as unknown everywhere).
    .addColumn('unknown', 'integer', (c) => c.notNull())
    .addColumn('unsupported', 'integer', (c) => c.notNull())
    // Unsupported with no version to reach: the hardware runs no supported OS major.
    .addColumn('hardware', 'integer', (c) => c.notNull())
    // Earliest and latest deadline of the host's `behind` rows that have one; null when none.
    .addColumn('behind_min_due', 'varchar(40)')
    .addColumn('behind_max_due', 'varchar(40)')
    .execute();
}
