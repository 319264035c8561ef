import { setTimeout as delay } from 'node:timers/promises';
import { describeError, PatchbayError } from '../errors/errors.js';
import { Execution, type ExecutionDeps } from './execution.js';
import { RunStore, type Candidate } from './run-store.js';
import { ScheduleStore } from './schedule-store.js';
import { checkSchedules, defaultBackoffMs, isoAfter, nextDueAfter } from './timing.js';
import type { JobRunInfo, JobRunnerOptions, JobStatus, Sleep } from './types.js';

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/** Pruning is housekeeping; once an hour per process is plenty. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The durable scheduler. Schedules and runs live in the database, so they survive restarts and
 * are shared by every process on it: a due time is enqueued once (unique dedupe key plus a
 * conditional UPDATE of `next_run_at`), a run is claimed once (conditional UPDATE on its state),
 * and a claim is a lease that a live process renews and a dead one lets expire.
 */
export class JobRunner {
  private readonly runs: RunStore;
  private readonly schedules: ScheduleStore;
  private readonly deps: ExecutionDeps;
  private readonly concurrency: number;
  private readonly retainMs: number;
  private readonly sleep: Sleep;
  private readonly scheduled: boolean;
  private readonly inflight = new Map<number, Execution>();
  private readonly passes = new Set<Promise<unknown>>();
  private readonly wake = new AbortController();
  private ready: Promise<void> | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: JobRunnerOptions) {
    checkSchedules(opts.schedules, Object.keys(opts.handlers));
    this.runs = new RunStore(opts.db);
    this.schedules = new ScheduleStore(opts.db);
    this.deps = {
      runs: this.runs,
      schedules: this.schedules,
      log: opts.log,
      now: opts.now,
      leaseMs: opts.leaseMs ?? 300_000,
      maxAttempts: Math.max(1, opts.maxAttempts ?? 3),
      backoffMs: opts.backoffMs ?? defaultBackoffMs,
      ...(opts.onFinished ? { onFinished: opts.onFinished } : {}),
    };
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.retainMs = opts.retainMs ?? 30 * 86_400_000;
    this.sleep = opts.sleep ?? defaultSleep;
    this.scheduled = opts.scheduled ?? true;
  }

  /** One pass (renew leases, enqueue due schedules, claim), then wait for what it claimed. Returns how many ran. */
  async tick(): Promise<number> {
    const started = await this.track(this.pass());
    const ran = await Promise.all(started.map((e) => e.done));
    return ran.filter(Boolean).length;
  }

  /**
   * Poll every `pollMs` until stop(). Jobs run in the background, so a long feed sync neither
   * delays other jobs nor its own lease renewals. `pollMs` must be under half the lease.
   */
  start(pollMs: number): void {
    if (pollMs * 2 >= this.deps.leaseMs)
      throw new PatchbayError(
        'E_CONFIG_INVALID',
        'Job poll interval must be under half the lease',
        {
          pollMs,
          leaseMs: this.deps.leaseMs,
        },
      );
    if (this.loop || this.stopping) return;
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          await this.track(this.pass());
        } catch (err) {
          this.opts.log.error({ err: describeError(err) }, 'Job scheduler pass failed');
        }
        if (!this.stopping) await this.sleep(pollMs, this.wake.signal);
      }
    })();
  }

  /**
   * Stop claiming, wait up to `deadlineMs` for running jobs, then abort the rest and queue them
   * again so another process (or the next start) runs them. Resolves when all that is done.
   */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    await this.loop;
    await Promise.allSettled([...this.passes]);
    const running = [...this.inflight.values()];
    if (running.length === 0) return;
    const timer = new AbortController();
    const allDone = Promise.all(running.map((e) => e.done)).then(() => undefined);
    await Promise.race([allDone, this.sleep(deadlineMs, timer.signal)]);
    timer.abort();
    for (const e of running) {
      try {
        await e.handBack();
      } catch (err) {
        // Not released, but not lost either: its lease expires and another process takes it.
        this.opts.log.warn({ job: e.claim.name, err: describeError(err) }, 'Job not handed back');
      }
    }
  }

  /**
   * Resolves once the passes in progress and every run this process holds have finished: after
   * tick(), a caller can wait for a run the background loop claimed first (the demo's test).
   */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.passes]);
    await Promise.all([...this.inflight.values()].map((e) => e.done));
  }

  /** Every configured schedule with its last outcome and next due time. */
  async status(): Promise<JobStatus[]> {
    await this.ensureReady();
    const names = this.opts.schedules.map((s) => s.name);
    const rows = await this.schedules.byName(names);
    const live = await this.runs.liveNames(this.opts.now().toISOString());
    return this.opts.schedules.map((s) => {
      const r = rows.get(s.name);
      return {
        name: s.name,
        everyMs: s.everyMs,
        // Not scheduled (the demo): it runs only when asked, so it has no next run to show.
        nextRunAt: this.scheduled ? (r?.next_run_at ?? null) : null,
        lastRunAt: r?.last_run_at ?? null,
        lastStatus: r?.last_status ?? null,
        lastError: r?.last_error ?? null,
        lastOutcome: r?.last_outcome ?? null,
        lastDurationMs: r?.last_duration_ms ?? null,
        running: live.has(s.name),
      };
    });
  }

  /**
   * Run a job now (the admin's button). A queued run (a retry waiting out its backoff, say) is
   * brought forward instead of adding another; a running one is left alone. When this process
   * is polling, a pass starts at once rather than at the next poll, so the page that follows the
   * button already shows the job running; settled() waits for it.
   */
  async runNow(name: string): Promise<void> {
    if (!Object.hasOwn(this.opts.handlers, name))
      throw new PatchbayError('E_NOT_FOUND', `No job named "${name}"`, { job: name });
    const nowIso = this.opts.now().toISOString();
    if (!(await this.runs.expedite(name, nowIso)) && !(await this.runs.live(name, nowIso)))
      await this.runs.enqueue(name, nowIso);
    if (this.loop && !this.stopping)
      this.track(this.pass()).catch((err: unknown) =>
        this.opts.log.error({ err: describeError(err) }, 'Job scheduler pass failed'),
      );
  }

  /** The latest runs of every job, newest first, for the dashboard's history. */
  recentRuns(limit = 50): Promise<JobRunInfo[]> {
    return this.runs.recent(limit);
  }

  private async pass(): Promise<Execution[]> {
    if (this.stopping) return [];
    await this.ensureReady();
    const now = this.opts.now();
    const nowIso = now.toISOString();
    for (const e of this.inflight.values()) await e.renewIfDue(now);
    if (this.scheduled) await this.enqueueDue(now);
    if (now.getTime() - this.lastPruneMs >= PRUNE_EVERY_MS) {
      this.lastPruneMs = now.getTime();
      await this.runs.prune(isoAfter(now, -this.retainMs));
    }
    const busy = new Set([...this.inflight.values()].map((e) => e.claim.name));
    const names = Object.keys(this.opts.handlers).filter((n) => !busy.has(n));
    const slots = this.concurrency - this.inflight.size;
    const started: Execution[] = [];
    if (slots <= 0) return started;
    for (const c of await this.runs.candidates(names, nowIso, slots * 4)) {
      if (this.stopping || started.length >= slots || busy.has(c.name)) continue;
      if (c.status === 'running' && c.attempt >= this.deps.maxAttempts) {
        await this.failAbandoned(c, nowIso);
        continue;
      }
      const handler = this.opts.handlers[c.name];
      if (!handler) continue; // unreachable: candidates are limited to our handlers
      const leaseUntil = now.getTime() + this.deps.leaseMs;
      const leaseIso = new Date(leaseUntil).toISOString();
      if (!(await this.runs.claim(c, this.opts.owner, nowIso, leaseIso))) continue;
      busy.add(c.name);
      const claim = { id: c.id, name: c.name, attempt: c.attempt + 1, owner: this.opts.owner };
      const e = new Execution(claim, handler, leaseUntil, this.deps);
      this.inflight.set(c.id, e);
      void e.done.then(() => this.inflight.delete(c.id));
      started.push(e);
    }
    return started;
  }

  /** Every process tries each due schedule; the unique dedupe key lets one insert the run. */
  private async enqueueDue(now: Date): Promise<void> {
    const nowIso = now.toISOString();
    const names = this.opts.schedules.map((s) => s.name);
    for (const s of await this.schedules.due(names, nowIso)) {
      // A job slower than its interval would grow an endless backlog; one waiting run is enough.
      if (!(await this.runs.hasQueued(s.name)))
        await this.runs.enqueueDue(s.name, s.next_run_at, nowIso);
      // Insert first, then move on: a crash in between leaves a due time the next pass re-tries
      // harmlessly (the key already exists), where the other order could lose it.
      await this.schedules.advance(
        s.name,
        s.next_run_at,
        nextDueAfter(s.next_run_at, s.interval_ms, now),
      );
    }
  }

  /** A run whose process died on its last attempt: fail it rather than risk a crash loop. */
  private async failAbandoned(c: Candidate, nowIso: string): Promise<void> {
    const error = 'lease expired on the last attempt (its process died or stalled)';
    if (!(await this.runs.failAbandoned(c, nowIso, error))) return;
    this.opts.log.error({ job: c.name, runId: c.id }, 'Job abandoned; no attempts left');
    await this.schedules.recordLastRun(c.name, {
      at: nowIso,
      status: 'failed',
      error,
      outcome: null,
      durationMs: 0,
    });
    try {
      this.deps.onFinished?.({ name: c.name, status: 'failed', durationMs: 0, error });
    } catch (err) {
      this.opts.log.warn({ job: c.name, err: describeError(err) }, 'onFinished threw');
    }
  }

  private ensureReady(): Promise<void> {
    this.ready ??= this.schedules.ensure(this.opts.schedules, this.opts.now()).catch((err) => {
      this.ready = null; // let the next pass try again (database briefly down at start)
      throw err;
    });
    return this.ready;
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.passes.add(p);
    try {
      return await p;
    } finally {
      this.passes.delete(p);
    }
  }
}
