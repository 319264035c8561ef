import type { Db } from '../db/db.js';
import type { Logger } from '../log/logger.js';

/**
 * A job's body. Runs are at-least-once: a process that dies mid-run has its run taken over
 * after the lease expires, so a handler must be safe to repeat (write in transactions, upsert).
 * `signal` aborts when the run loses its lease or shutdown gives up waiting for it.
 *
 * It may resolve to a one-line outcome ("3 feeds synced, 12 new releases"; "0 DMs: nobody due
 * until Tuesday 10:00 in their zone"): a run that succeeded yet did nothing then says why on
 * the jobs page. A handler that resolves to nothing stays valid; its run has no outcome.
 */
export interface JobHandler {
  (signal: AbortSignal): Promise<JobOutcomeText>;
}

/** What a handler resolves to: its outcome sentence, or nothing. */
export type JobOutcomeText = string | undefined | void;

/** A job that runs every `everyMs` (at most about 24.8 days), first as soon as it is registered. */
export interface JobSchedule {
  readonly name: string;
  readonly everyMs: number;
}

/** The outcome of one attempt, for metrics and logs. `retrying` means another attempt is queued. */
export interface JobFinished {
  readonly name: string;
  readonly status: 'succeeded' | 'failed' | 'retrying';
  readonly durationMs: number;
  readonly error?: string;
  /** The handler's outcome sentence, when it succeeded and gave one. */
  readonly outcome?: string;
}

/**
 * Resolves after `ms`, or as soon as `signal` aborts; never rejects. The runner's only timer
 * (poll loop, shutdown deadline), injectable so tests drive time by hand.
 */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface JobRunnerOptions {
  readonly db: Db;
  readonly log: Logger;
  readonly now: () => Date;
  /** Unique per process (e.g. `${hostname}:${pid}:${random}`): it fences a run's writes. */
  readonly owner: string;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly schedules: readonly JobSchedule[];
  /** How long a claim holds before another process may take the run over; 5 minutes. */
  readonly leaseMs?: number;
  /** Attempts per run, the first included, before it is marked failed; 3. */
  readonly maxAttempts?: number;
  /** Delay before the next attempt after `attempt` failed; 30 s doubling, capped at 1 h. */
  readonly backoffMs?: (attempt: number) => number;
  /** Runs at once in this process (one per job name regardless); 4. */
  readonly concurrency?: number;
  /**
   * False: schedules are registered (status lists them) but never enqueued by time, so jobs run
   * only when asked (runNow). The demo uses it: its clock stands still. Default true.
   */
  readonly scheduled?: boolean;
  /** Finished runs older than this are deleted; 30 days. */
  readonly retainMs?: number;
  readonly onFinished?: (e: JobFinished) => void;
  /** Defaults to a cancellable `setTimeout`. */
  readonly sleep?: Sleep;
}

/** One scheduled job as the API and dashboard show it. Times are ISO 8601 UTC. */
export interface JobStatus {
  readonly name: string;
  readonly everyMs: number;
  /** Null until the schedule is first registered in the database. */
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  readonly lastStatus: 'succeeded' | 'failed' | 'retrying' | null;
  /** The last failure's message; cleared by the next success. */
  readonly lastError: string | null;
  /** What the last success did, or why it did nothing, in words; null after a failure. */
  readonly lastOutcome: string | null;
  readonly lastDurationMs: number | null;
  /** A run of this job holds a live lease in some process. */
  readonly running: boolean;
}

/** One row of run history, newest first. */
export interface JobRunInfo {
  readonly id: number;
  readonly name: string;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly attempt: number;
  readonly owner: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  /** What the run did, in words, when it succeeded and its handler said. */
  readonly outcome: string | null;
  readonly createdAt: string;
}
