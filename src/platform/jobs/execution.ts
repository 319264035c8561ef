import { describeError } from '../errors/errors.js';
import type { Logger } from '../log/logger.js';
import type { Claim, Outcome, RunStore } from './run-store.js';
import type { ScheduleStore } from './schedule-store.js';
import { isoAfter } from './timing.js';
import type { JobFinished, JobHandler } from './types.js';

/** Long stack-free messages are enough for the dashboard; a page of text is not. */
const MAX_ERROR_CHARS = 2000;
/** An outcome is one line on the jobs page; a handler that says more is cut short. */
const MAX_OUTCOME_CHARS = 500;

export interface ExecutionDeps {
  readonly runs: RunStore;
  readonly schedules: ScheduleStore;
  readonly log: Logger;
  readonly now: () => Date;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly backoffMs: (attempt: number) => number;
  readonly onFinished?: (e: JobFinished) => void;
}

/**
 * One claimed run in this process, from its handler's start to its recorded outcome, or until
 * it is handed back (shutdown) or lost (lease taken over). Once handed back or lost, nothing
 * more is written for it: the row belongs to whoever claims it next.
 */
export class Execution {
  /** True when the handler finished and its outcome was dealt with; false when handed back or lost. */
  readonly done: Promise<boolean>;
  private readonly ctl = new AbortController();
  private leaseUntilMs: number;
  private finishing = false;
  private gone = false;
  private markGone: () => void = () => undefined;

  constructor(
    readonly claim: Claim,
    handler: JobHandler,
    leaseUntilMs: number,
    private readonly deps: ExecutionDeps,
  ) {
    this.leaseUntilMs = leaseUntilMs;
    const gone = new Promise<false>((resolve) => (this.markGone = () => resolve(false)));
    this.done = Promise.race([this.run(handler), gone]);
  }

  /** Extend the lease once half of it is used; abort the handler if the run is no longer ours. */
  async renewIfDue(now: Date): Promise<void> {
    if (this.gone || this.finishing) return;
    if (this.leaseUntilMs - now.getTime() > this.deps.leaseMs / 2) return;
    const until = now.getTime() + this.deps.leaseMs;
    if (await this.deps.runs.renew(this.claim, new Date(until).toISOString())) {
      this.leaseUntilMs = until;
    } else if (!this.finishing) {
      this.deps.log.warn({ job: this.claim.name, runId: this.claim.id }, 'Job lost its lease');
      this.abandon();
    }
  }

  /** Shutdown gave up waiting: abort the handler and queue the run again for any process. */
  async handBack(): Promise<void> {
    if (this.gone || this.finishing) return;
    this.abandon();
    const released = await this.deps.runs.release(this.claim, this.deps.now().toISOString());
    this.deps.log.info(
      { job: this.claim.name, runId: this.claim.id, released },
      'Job handed back at shutdown',
    );
  }

  private abandon(): void {
    this.gone = true;
    this.ctl.abort();
    this.markGone();
  }

  private async run(handler: JobHandler): Promise<boolean> {
    const started = this.deps.now();
    let error: string | undefined;
    // Stays undefined when the handler throws: a failed run has no outcome, only its error.
    let said: unknown;
    try {
      said = await handler(this.ctl.signal);
    } catch (err) {
      error = describeError(err).slice(0, MAX_ERROR_CHARS) || 'failed without a message';
    }
    if (this.gone) return false;
    this.finishing = true;
    try {
      await this.record(started, error, outcomeText(said));
    } catch (err) {
      // The lease will expire and another claim will run it again: at-least-once, never lost.
      this.deps.log.error(
        { job: this.claim.name, runId: this.claim.id, err: describeError(err) },
        'Job outcome not recorded',
      );
    }
    return true;
  }

  private async record(
    started: Date,
    error: string | undefined,
    said: string | null,
  ): Promise<void> {
    const { claim, deps } = this;
    const finished = deps.now();
    const durationMs = finished.getTime() - started.getTime();
    const outcome: Outcome =
      error === undefined
        ? { kind: 'succeeded', outcome: said }
        : claim.attempt < deps.maxAttempts
          ? { kind: 'retry', error, runAfter: isoAfter(finished, deps.backoffMs(claim.attempt)) }
          : { kind: 'failed', error };
    const status = outcome.kind === 'retry' ? 'retrying' : outcome.kind;
    if (!(await deps.runs.finish(claim, outcome, finished.toISOString()))) {
      deps.log.warn({ job: claim.name, runId: claim.id }, 'Job lost its lease; outcome dropped');
      return;
    }
    await deps.schedules.recordLastRun(claim.name, {
      at: started.toISOString(),
      status,
      error: error ?? null,
      outcome: said,
      durationMs,
    });
    const meta = {
      job: claim.name,
      runId: claim.id,
      attempt: claim.attempt,
      durationMs,
      error,
      ...(said ? { outcome: said } : {}),
    };
    if (status === 'succeeded') deps.log.info(meta, 'Job succeeded');
    else if (status === 'retrying') deps.log.warn(meta, 'Job failed; retry queued');
    else deps.log.error(meta, 'Job failed; no attempts left');
    try {
      deps.onFinished?.({
        name: claim.name,
        status,
        durationMs,
        ...(error ? { error } : {}),
        ...(said ? { outcome: said } : {}),
      });
    } catch (err) {
      deps.log.warn({ job: claim.name, err: describeError(err) }, 'onFinished threw');
    }
  }
}

/**
 * A handler's resolved value as a stored outcome: a non-blank string, trimmed and cut to one
 * line's length; anything else (nothing, or a value a loosely typed handler returned) is none.
 */
export function outcomeText(said: unknown): string | null {
  if (typeof said !== 'string') return null;
  const line = said.replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  return line.length > MAX_OUTCOME_CHARS ? `${line.slice(0, MAX_OUTCOME_CHARS - 1)}…` : line;
}
