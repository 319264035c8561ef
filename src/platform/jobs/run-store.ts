import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/db.js';
import type { Database } from '../db/schema.js';
import type { JobRunInfo } from './types.js';

/** A run this process holds. `attempt` and `owner` fence every later write to the row. */
export interface Claim {
  readonly id: number;
  readonly name: string;
  readonly attempt: number;
  readonly owner: string;
}

/** A run that may be claimed: queued and due, or running under a lease that has expired. */
export interface Candidate {
  readonly id: number;
  readonly name: string;
  readonly status: 'queued' | 'running';
  readonly attempt: number;
}

export type Outcome =
  | { readonly kind: 'succeeded'; readonly outcome: string | null }
  | { readonly kind: 'retry'; readonly error: string; readonly runAfter: string }
  | { readonly kind: 'failed'; readonly error: string };

/**
 * The queue's SQL. Every state change is one conditional UPDATE that names the state it expects,
 * so of two processes racing for a row exactly one changes it (on PostgreSQL the loser's UPDATE
 * waits for the winner's row lock, then re-checks its WHERE and matches nothing). Single
 * statements, no transactions: two SQLite connections in one process must never hold a write
 * lock across an await.
 */
export class RunStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** A manual run; null dedupe key, so it never collides with a scheduled one. */
  async enqueue(name: string, nowIso: string): Promise<void> {
    await this.k
      .insertInto('job_runs')
      .values(queued(name, nowIso, null))
      .execute();
  }

  /** Enqueue one due time of a schedule; false when someone already did. */
  async enqueueDue(name: string, dueIso: string, nowIso: string): Promise<boolean> {
    const res = await this.k
      .insertInto('job_runs')
      .values(queued(name, nowIso, `${name}@${dueIso}`))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async hasQueued(name: string): Promise<boolean> {
    const row = await this.k
      .selectFrom('job_runs')
      .select('id')
      .where('name', '=', name)
      .where('status', '=', 'queued')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Bring queued runs of `name` forward to now; true when there was one. */
  async expedite(name: string, nowIso: string): Promise<boolean> {
    if (!(await this.hasQueued(name))) return false;
    await this.k
      .updateTable('job_runs')
      .set({ run_after: nowIso })
      .where('name', '=', name)
      .where('status', '=', 'queued')
      .where('run_after', '>', nowIso)
      .execute();
    return true;
  }

  /** A run of `name` holds a live lease somewhere. */
  async live(name: string, nowIso: string): Promise<boolean> {
    const row = await this.k
      .selectFrom('job_runs')
      .select('id')
      .where('name', '=', name)
      .where('status', '=', 'running')
      .where('lease_until', '>=', nowIso)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async candidates(names: readonly string[], nowIso: string, limit: number): Promise<Candidate[]> {
    if (names.length === 0) return [];
    const rows = await this.k
      .selectFrom('job_runs')
      .select(['id', 'name', 'status', 'attempt'])
      .where('name', 'in', names)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', nowIso)]),
          eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowIso)]),
        ]),
      )
      .orderBy('run_after')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, status: r.status === 'running' ? 'running' : 'queued' }));
  }

  /**
   * Take a candidate if it is still in the state we saw and no other run of the same job holds
   * a live lease (a slow hourly sync must not overlap the next one). True when we got it.
   */
  async claim(c: Candidate, owner: string, nowIso: string, leaseUntil: string): Promise<boolean> {
    const res = await this.k
      .updateTable('job_runs')
      .set({
        status: 'running',
        lease_owner: owner,
        lease_until: leaseUntil,
        attempt: c.attempt + 1,
        started_at: nowIso,
      })
      .where('id', '=', c.id)
      .where('attempt', '=', c.attempt)
      .where((eb) =>
        c.status === 'queued'
          ? eb.and([eb('status', '=', 'queued'), eb('run_after', '<=', nowIso)])
          : eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowIso)]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('job_runs as other')
              .select(sql<number>`1`.as('one'))
              .where('other.name', '=', c.name)
              .where('other.id', '<>', c.id)
              .where('other.status', '=', 'running')
              .where('other.lease_until', '>=', nowIso),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** An abandoned run that has used up its attempts is failed instead of claimed. */
  async failAbandoned(c: Candidate, nowIso: string, error: string): Promise<boolean> {
    const res = await this.k
      .updateTable('job_runs')
      .set({ status: 'failed', finished_at: nowIso, error, lease_owner: null, lease_until: null })
      .where('id', '=', c.id)
      .where('attempt', '=', c.attempt)
      .where('status', '=', 'running')
      .where('lease_until', '<', nowIso)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Extend our lease; false when the run is no longer ours (it expired and was taken over). */
  async renew(claim: Claim, leaseUntil: string): Promise<boolean> {
    const res = await this.fenced(claim).set({ lease_until: leaseUntil }).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Record an attempt's outcome; false when the run is no longer ours (result dropped). */
  async finish(claim: Claim, outcome: Outcome, nowIso: string): Promise<boolean> {
    const cleared = { lease_owner: null, lease_until: null };
    const q = this.fenced(claim);
    const res = await (
      outcome.kind === 'succeeded'
        ? q.set({
            ...cleared,
            status: 'succeeded',
            finished_at: nowIso,
            error: null,
            outcome: outcome.outcome,
          })
        : outcome.kind === 'retry'
          ? q.set({
              ...cleared,
              status: 'queued',
              run_after: outcome.runAfter,
              error: outcome.error,
            })
          : q.set({ ...cleared, status: 'failed', finished_at: nowIso, error: outcome.error })
    ).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Hand a run back at shutdown: queued again, due now, and the interrupted claim not counted. */
  async release(claim: Claim, nowIso: string): Promise<boolean> {
    const res = await this.fenced(claim)
      .set({
        status: 'queued',
        attempt: claim.attempt - 1,
        run_after: nowIso,
        lease_owner: null,
        lease_until: null,
      })
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Names of jobs with a run holding a live lease, in any process. */
  async liveNames(nowIso: string): Promise<Set<string>> {
    const rows = await this.k
      .selectFrom('job_runs')
      .select('name')
      .distinct()
      .where('status', '=', 'running')
      .where('lease_until', '>=', nowIso)
      .execute();
    return new Set(rows.map((r) => r.name));
  }

  async recent(limit: number): Promise<JobRunInfo[]> {
    const rows = await this.k
      .selectFrom('job_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      attempt: r.attempt,
      owner: r.lease_owner,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      error: r.error,
      outcome: r.outcome,
      createdAt: r.created_at,
    }));
  }

  /** Keep history bounded: finished runs older than `beforeIso` go. */
  async prune(beforeIso: string): Promise<void> {
    await this.k
      .deleteFrom('job_runs')
      .where('status', 'in', ['succeeded', 'failed'])
      .where('finished_at', '<', beforeIso)
      .execute();
  }

  private fenced(claim: Claim) {
    return this.k
      .updateTable('job_runs')
      .where('id', '=', claim.id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', claim.owner)
      .where('attempt', '=', claim.attempt);
  }
}

function queued(name: string, nowIso: string, dedupeKey: string | null) {
  return {
    name,
    status: 'queued' as const,
    attempt: 0,
    run_after: nowIso,
    lease_owner: null,
    lease_until: null,
    dedupe_key: dedupeKey,
    started_at: null,
    finished_at: null,
    error: null,
    outcome: null,
    created_at: nowIso,
  };
}
