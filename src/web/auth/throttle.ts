/** Failed attempts for one username, as stored. */
export interface FailureState {
  readonly failures: number;
  readonly lockedUntil: string | null;
}

/** Failures allowed before a lock; each further batch doubles the lock, up to the cap. */
export const THROTTLE = { freeFailures: 5, baseLockMs: 60_000, maxLockMs: 15 * 60_000 } as const;

/** Pure: milliseconds the username must still wait at `now` (0 when it may try). */
export function lockRemainingMs(state: FailureState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now.getTime());
}

/** Pure: the state after one more failure at `now`. */
export function afterFailure(state: FailureState | null, now: Date): FailureState {
  const failures = (state?.failures ?? 0) + 1;
  if (failures < THROTTLE.freeFailures) return { failures, lockedUntil: null };
  // 5 failures -> 1 min, 6 -> 2 min, 7 -> 4 min ... capped, so guessing stays slow forever.
  const lockMs = Math.min(
    THROTTLE.maxLockMs,
    THROTTLE.baseLockMs * 2 ** (failures - THROTTLE.freeFailures),
  );
  return { failures, lockedUntil: new Date(now.getTime() + lockMs).toISOString() };
}
