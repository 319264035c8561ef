import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * A job run's outcome in words ("0 DMs: nobody due until Tuesday 10:00 in their zone"): a run
 * that succeeded but did nothing says why. Kept on the run (history) and on the schedule (the
 * jobs page's last outcome, beside last_error).
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('job_runs').addColumn('outcome', 'text').execute();
  await db.schema.alterTable('job_schedules').addColumn('last_outcome', 'text').execute();
}
