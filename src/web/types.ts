/** A scheduled job's state as the dashboard shows it (the scheduler's status, structurally). */
export interface JobStatusLike {
  readonly name: string;
  readonly everyMs: number;
  /** ISO 8601 UTC, or null when not scheduled. */
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  /** e.g. 'ok' | 'failed'; null before the first run. */
  readonly lastStatus: string | null;
  readonly lastError: string | null;
  readonly lastDurationMs: number | null;
  readonly running: boolean;
  /** What the last run did, or why it did nothing; absent where the scheduler keeps none. */
  readonly lastOutcome?: string | null;
}

/** What the dashboard needs from the rest of the server. */
export interface WebDeps {
  readonly jobs: {
    status(): Promise<JobStatusLike[]>;
    /** Queue the job now; resolves once it is queued (or done), rejects when it cannot run. */
    runNow(name: string): Promise<void>;
  };
}
