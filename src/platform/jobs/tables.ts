import type { Generated } from 'kysely';

/**
 * One row per scheduled job. `next_run_at` is the gate two processes race on: whoever moves it
 * forward from the value it read has enqueued that due time. The `last_*` columns are a summary
 * for the dashboard; `job_runs` is the source of truth. Times are ISO 8601 UTC text.
 */
export interface JobSchedulesTable {
  name: string;
  interval_ms: number;
  next_run_at: string;
  last_run_at: string | null;
  last_status: 'succeeded' | 'failed' | 'retrying' | null;
  /** The last failure's message, cleared by the next success. */
  last_error: string | null;
  last_duration_ms: number | null;
  /** The last success's outcome in words (what it did, or why it did nothing); null after a failure. */
  last_outcome: string | null;
}

/** One execution of a job, from enqueue to its final outcome, retries included. */
export interface JobRunsTable {
  id: Generated<number>;
  name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** Claims so far; each claim (first run, retry, takeover after a dead process) adds one. */
  attempt: number;
  /** A queued run is not claimed before this time (the backoff of a retry). */
  run_after: string;
  lease_owner: string | null;
  /** A running run whose lease is past is considered abandoned and may be claimed again. */
  lease_until: string | null;
  /**
   * `<name>@<due time>` for scheduled runs, null for manual ones. Unique, so a due time is
   * enqueued once however many processes race for it, and a crash between enqueue and moving
   * the schedule forward cannot enqueue it twice.
   */
  dedupe_key: string | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** What a succeeded run did, in words, as its handler reported it; null when it said nothing. */
  outcome: string | null;
  created_at: string;
}

export interface JobTables {
  job_schedules: JobSchedulesTable;
  job_runs: JobRunsTable;
}
