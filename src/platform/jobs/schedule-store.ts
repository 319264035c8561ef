import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../db/db.js';
import type { Database } from '../db/schema.js';
import type { JobSchedulesTable } from './tables.js';
import type { JobSchedule } from './types.js';

export type ScheduleRow = Selectable<JobSchedulesTable>;

/** The dashboard's summary of a job's last attempt. */
export interface LastRun {
  readonly at: string;
  readonly status: 'succeeded' | 'failed' | 'retrying';
  readonly error: string | null;
  /** The success's outcome sentence; null on failure (its error says what happened). */
  readonly outcome: string | null;
  readonly durationMs: number;
}

/** SQL of `job_schedules`: registration, the enqueue gate, and the last-run summary. */
export class ScheduleStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /**
   * Register schedules idempotently. A new job is due at once; a known one keeps its next run
   * (a restart must not re-run everything), unless a shorter interval brings it closer.
   */
  async ensure(schedules: readonly JobSchedule[], now: Date): Promise<void> {
    const nowIso = now.toISOString();
    for (const s of schedules) {
      await this.k
        .insertInto('job_schedules')
        .values({
          name: s.name,
          interval_ms: s.everyMs,
          next_run_at: nowIso,
          last_run_at: null,
          last_status: null,
          last_error: null,
          last_duration_ms: null,
          last_outcome: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const soonest = new Date(now.getTime() + s.everyMs).toISOString();
      await this.k
        .updateTable('job_schedules')
        .set({ interval_ms: s.everyMs })
        .where('name', '=', s.name)
        .where('interval_ms', '<>', s.everyMs)
        .execute();
      await this.k
        .updateTable('job_schedules')
        .set({ next_run_at: soonest })
        .where('name', '=', s.name)
        .where('next_run_at', '>', soonest)
        .execute();
    }
  }

  async due(names: readonly string[], nowIso: string): Promise<ScheduleRow[]> {
    if (names.length === 0) return [];
    return this.k
      .selectFrom('job_schedules')
      .selectAll()
      .where('name', 'in', names)
      .where('next_run_at', '<=', nowIso)
      .execute();
  }

  /** Move the schedule on from the due time we saw; false when another process already did. */
  async advance(name: string, seenIso: string, nextIso: string): Promise<boolean> {
    const res = await this.k
      .updateTable('job_schedules')
      .set({ next_run_at: nextIso })
      .where('name', '=', name)
      .where('next_run_at', '=', seenIso)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async recordLastRun(name: string, last: LastRun): Promise<void> {
    await this.k
      .updateTable('job_schedules')
      .set({
        last_run_at: last.at,
        last_status: last.status,
        last_error: last.error,
        last_outcome: last.outcome,
        last_duration_ms: last.durationMs,
      })
      .where('name', '=', name)
      .execute();
  }

  async byName(names: readonly string[]): Promise<Map<string, ScheduleRow>> {
    if (names.length === 0) return new Map();
    const rows = await this.k
      .selectFrom('job_schedules')
      .selectAll()
      .where('name', 'in', names)
      .execute();
    return new Map(rows.map((r) => [r.name, r]));
  }
}
