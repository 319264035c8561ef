import { seededRandom } from '../seeded-random.js';
export { seededRandom };
/** A token bucket: `burst` calls at once, refilled at `perMinute`. */
export interface StandInLimit {
  readonly perMinute: number;
  readonly burst: number;
}

/**
 * What the stand-in enforces, from Slack's rate-limit docs: Tier 2 20+/min, Tier 3 50+/min,
 * Tier 4 100+/min, chat.postMessage about 1/s per channel. Kept apart from the client's table on
 * purpose: the stand-in checks the client, it must not share the client's beliefs.
 */
export const STAND_IN_LIMITS: Readonly<Record<string, StandInLimit>> = {
  'auth.test': { perMinute: 100, burst: 10 },
  'users.lookupByEmail': { perMinute: 50, burst: 5 },
  'users.info': { perMinute: 100, burst: 10 },
  'users.list': { perMinute: 20, burst: 3 },
  'conversations.open': { perMinute: 50, burst: 5 },
  'conversations.history': { perMinute: 50, burst: 5 },
  'chat.postMessage': { perMinute: 60, burst: 1 },
};

/** Answers "wait N seconds" or null, per method (per method and channel for chat.postMessage). */
export class TierEnforcer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly limits: Readonly<Record<string, StandInLimit>>,
  ) {}

  /** Takes a token, or returns the Retry-After (whole seconds, at least 1) to send with a 429. */
  take(method: string, channel: string | undefined): number | null {
    const limit = this.limits[method];
    if (!limit) return null;
    const key = method === 'chat.postMessage' && channel ? `${method}#${channel}` : method;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    const earned = (Math.max(0, now - bucket.at) * limit.perMinute) / 60_000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + earned);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    const waitMs = ((1 - bucket.tokens) * 60_000) / limit.perMinute;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }
}
