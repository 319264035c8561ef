/**
 * The login throttle's decisions, pure. Every attempt is counted under several keys at once, each
 * with its own policy, so that guessing stays slow for an attacker without letting one lock the
 * admin out:
 *
 * - `pair` (client address + username): the classic 5 tries, then a doubling lock. A stranger's
 *   wrong guesses lock only the stranger's own address out of that account.
 * - `address`: 20 failures across all usernames, so one address cannot spray many usernames.
 * - `user` (every address together): a high budget against guessing spread over many addresses.
 *   It only applies to browsers that never signed in as that user: the admin's own browser
 *   (a `device`, below) keeps working while strangers exhaust it.
 * - `device` (a browser that has signed in as that user before, proven by a cookie we issued):
 *   counted alone, so neither a shared address (NAT, a proxy without trustProxy) nor a flood of
 *   strangers can lock it out.
 * - `setup` (client address): the one-time setup code has 80 bits; an address gets 5 wrong codes.
 */

/** Failed (or in-flight) attempts under one key, as stored. */
export interface FailureState {
  readonly failures: number;
  readonly lockedUntil: string | null;
}

/** Failures allowed before a lock; each further failure doubles the lock, up to the cap. */
export interface ThrottlePolicy {
  readonly freeFailures: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
}

const MINUTE = 60_000;

export const POLICIES = {
  pair: { freeFailures: 5, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE },
  address: { freeFailures: 20, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE },
  user: { freeFailures: 100, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE },
  device: { freeFailures: 5, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE },
  setup: { freeFailures: 5, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottlePolicy>;

/** One key an attempt is counted under, and whether a success clears it or only refunds itself. */
export interface ThrottleKey {
  readonly key: string;
  readonly policy: ThrottlePolicy;
  /**
   * Keys owned by the one who just proved the password (their pair, their device) start over on
   * success; shared keys (an address, a username) only give back that attempt, so a correct
   * login never wipes out failures others piled up.
   */
  readonly onSuccess: 'clear' | 'refund';
}

/** Usernames are compared without case and cut short, so a key stays small. */
function userPart(username: string): string {
  return username.toLowerCase().slice(0, 90);
}

/** Pure: the keys of a login attempt. `deviceId` is set only for a valid cookie of this user. */
export function loginKeys(
  address: string,
  username: string,
  deviceId: string | null,
): ThrottleKey[] {
  if (deviceId !== null) {
    return [{ key: `device:${deviceId}`, policy: POLICIES.device, onSuccess: 'clear' }];
  }
  const user = userPart(username);
  return [
    { key: `pair:${address}|${user}`, policy: POLICIES.pair, onSuccess: 'clear' },
    { key: `address:${address}`, policy: POLICIES.address, onSuccess: 'refund' },
    { key: `user:${user}`, policy: POLICIES.user, onSuccess: 'refund' },
  ];
}

/** Pure: the keys of a setup attempt. */
export function setupKeys(address: string): ThrottleKey[] {
  return [{ key: `setup:${address}`, policy: POLICIES.setup, onSuccess: 'clear' }];
}

/** Pure: milliseconds the key must still wait at `now` (0 when it may try). */
export function lockRemainingMs(state: FailureState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now.getTime());
}

/**
 * Pure: the state after one more attempt is reserved at `now`. The attempt counts as a failure
 * until it proves otherwise, so the lock is in place before the password is checked: of many
 * parallel attempts, only the free ones get through.
 */
export function afterFailure(
  state: FailureState | null,
  now: Date,
  policy: ThrottlePolicy,
): FailureState {
  const failures = (state?.failures ?? 0) + 1;
  if (failures < policy.freeFailures) return { failures, lockedUntil: null };
  // 5 failures -> 1 min, 6 -> 2 min, 7 -> 4 min ... capped, so guessing stays slow forever.
  const lockMs = Math.min(
    policy.maxLockMs,
    policy.baseLockMs * 2 ** Math.min(30, failures - policy.freeFailures),
  );
  return { failures, lockedUntil: new Date(now.getTime() + lockMs).toISOString() };
}

/** Pure: the state once a reserved attempt is given back (it succeeded, or was never checked). */
export function refunded(state: FailureState, policy: ThrottlePolicy): FailureState {
  const failures = Math.max(0, state.failures - 1);
  return { failures, lockedUntil: failures < policy.freeFailures ? null : state.lockedUntil };
}
