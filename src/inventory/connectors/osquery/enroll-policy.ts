/**
 * Who may enroll under a host identifier that is already enrolled. Pure: the clock is passed in.
 *
 * Everyone with the shared enroll secret can claim any host identifier, so an enrollment must not
 * silently retire a key that is in use: that let one node knock another off and speak in its
 * name. The rule: a node is **live** while its key has been used (config or log request) within
 * `liveFor`; a second enrollment for a live node's identifier is refused and the live node keeps
 * its key. A key that was never used does not make its node live, so an osqueryd that lost the
 * answer to its enrollment and asks again gets a fresh key; a reinstalled Mac (new osquery
 * database, same hardware UUID) gets in once its old key has been quiet for `liveFor`.
 */

/**
 * Two hours. Patchbay's schedule runs hourly snapshot queries (osquery splays them by 10%), so a
 * running node uses its key at least every ~66 minutes; twice the interval rides out one late run.
 */
export const DEFAULT_LIVE_FOR_MS = 2 * 3_600_000;

/**
 * The oldest key use that still makes a node live at `now`, as ISO text (the store compares it
 * with `key_used_at`, ISO text too). `liveFor` 0 means no node is ever live: the old behaviour.
 */
export function liveSince(now: Date, liveForMs: number): string {
  return new Date(now.getTime() - liveForMs).toISOString();
}

/** Whether a node whose key was last used at `keyUsedAt` (null: never) is live at `now`. */
export function isLive(keyUsedAt: string | null, now: Date, liveForMs: number): boolean {
  return liveForMs > 0 && keyUsedAt !== null && keyUsedAt > liveSince(now, liveForMs);
}
