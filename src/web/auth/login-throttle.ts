import type { LoginAttemptStore } from './attempt-store.js';
import type { ThrottleKey } from './throttle.js';

/** How a throttled check ended: passed, failed, or refused before checking (wait in seconds). */
export type ThrottleResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'locked'; readonly retryAfterS: number };

/**
 * Reserve an attempt under every key, then run `check` (the password hash) only if all granted
 * one. A key that refuses gives back what the others reserved, so an attempt never checked is
 * never charged. After the check a success clears or refunds each key; a failure stays counted.
 */
export async function throttled(
  store: LoginAttemptStore,
  keys: readonly ThrottleKey[],
  now: Date,
  check: () => Promise<boolean>,
): Promise<ThrottleResult> {
  const reserved: ThrottleKey[] = [];
  for (const k of keys) {
    const waitMs = await store.reserve(k.key, k.policy, now);
    if (waitMs > 0) {
      for (const r of reserved) await store.refund(r.key, r.policy, now);
      return { kind: 'locked', retryAfterS: Math.ceil(waitMs / 1000) };
    }
    reserved.push(k);
  }
  let ok: boolean;
  try {
    ok = await check();
  } catch (err) {
    // The check broke (the database, say) and proved nothing: give the attempt back, so an
    // outage is not charged to whoever was signing in. The original error is the one reported.
    for (const k of keys) await store.refund(k.key, k.policy, now).catch(() => undefined);
    throw err;
  }
  if (ok) {
    for (const k of keys) {
      if (k.onSuccess === 'clear') await store.clear(k.key);
      else await store.refund(k.key, k.policy, now);
    }
  }
  // Only attempts that got this far sweep, so a flood of refused ones adds no writes.
  await store.sweep(now);
  return ok ? { kind: 'ok' } : { kind: 'failed' };
}
