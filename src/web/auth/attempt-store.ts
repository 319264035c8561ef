import type { Db } from '../../platform/db/db.js';
import {
  afterFailure,
  lockRemainingMs,
  refunded,
  type FailureState,
  type ThrottlePolicy,
} from './throttle.js';

/** Compare-and-set rounds before giving up on a key that many requests fight over. */
const MAX_ROUNDS = 50;

/** Counters untouched this long are forgotten (a lock outlives them: the cap is 15 minutes). */
export const ATTEMPT_RETENTION_MS = 24 * 3_600_000;

/**
 * The login throttle's SQL. Every change is a compare-and-set on the row as read (an insert that
 * yields on conflict, an update guarded by the old values), the way a job is claimed once: with
 * any number of requests and `patchbay serve` replicas, a key's free attempts are handed out
 * exactly once, with no dialect-specific locking.
 */
export class LoginAttemptStore {
  constructor(private readonly db: Db) {}

  async state(key: string): Promise<FailureState | null> {
    const row = await this.db.kysely
      .selectFrom('web_login_attempts')
      .select(['failures', 'locked_until'])
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { failures: Number(row.failures), lockedUntil: row.locked_until } : null;
  }

  /**
   * Reserve one attempt under `key` before the secret is checked: 0 when reserved (it counts as a
   * failure until released), otherwise the milliseconds to wait.
   */
  async reserve(key: string, policy: ThrottlePolicy, now: Date): Promise<number> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const state = await this.state(key);
      const waitMs = lockRemainingMs(state, now);
      if (waitMs > 0) return waitMs;
      if (await this.swap(key, state, afterFailure(state, now, policy), now)) return 0;
    }
    // Only under a storm of attempts on this very key: refuse rather than spin.
    return 1000;
  }

  /** Give back one reserved attempt (it succeeded on a shared key, or was never checked). */
  async refund(key: string, policy: ThrottlePolicy, now: Date): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const state = await this.state(key);
      if (!state) return;
      if (await this.swap(key, state, refunded(state, policy), now)) return;
    }
  }

  async clear(key: string): Promise<void> {
    await this.db.kysely.deleteFrom('web_login_attempts').where('key', '=', key).execute();
  }

  /** Forget counters idle for a day and no longer locking anyone out. */
  async sweep(now: Date): Promise<void> {
    const before = new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString();
    await this.db.kysely
      .deleteFrom('web_login_attempts')
      .where('last_attempt_at', '<', before)
      .where((eb) =>
        eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]),
      )
      .execute();
  }

  /** Write `next` only if the row is still `prev` (absent when null); true when it was. */
  private async swap(
    key: string,
    prev: FailureState | null,
    next: FailureState,
    now: Date,
  ): Promise<boolean> {
    const values = {
      failures: next.failures,
      locked_until: next.lockedUntil,
      last_attempt_at: now.toISOString(),
    };
    if (prev === null) {
      const res = await this.db.kysely
        .insertInto('web_login_attempts')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const res = await this.db.kysely
      .updateTable('web_login_attempts')
      .set(values)
      .where('key', '=', key)
      .where('failures', '=', prev.failures)
      .where((eb) =>
        prev.lockedUntil === null
          ? eb('locked_until', 'is', null)
          : eb('locked_until', '=', prev.lockedUntil),
      )
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
