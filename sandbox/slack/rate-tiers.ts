import { seededRandom } from '../../src/platform/random/seeded-random.js';
export { seededRandom };
/** The limits key of chat.postMessage's workspace-wide budget, shared by every channel. */
export const WORKSPACE_POSTS = 'chat.postMessage:workspace';

/** A token bucket: `burst` calls at once, refilled at `perMinute`. */
export interface StandInLimit {
  readonly perMinute: number;
  readonly burst: number;
}

/**
 * What the stand-in enforces, from Slack's rate-limit docs: Tier 2 20+/min, Tier 3 50+/min,
 * Tier 4 100+/min, chat.postMessage about 1/s per channel and "several hundred messages per
 * minute" across the workspace with "generous burst behavior"
 * (https://docs.slack.dev/reference/methods/chat.postMessage#rate_limiting; Slack gives no
 * number, 600/min with a burst of 100 is assumed). Kept apart from the client's table on
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
  [WORKSPACE_POSTS]: { perMinute: 600, burst: 100 },
};

/** Answers "wait N seconds" or null, per method (per method and channel for chat.postMessage). */
export class TierEnforcer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly limits: Readonly<Record<string, StandInLimit>>,
  ) {}

  /**
   * Takes a token, or returns the Retry-After (whole seconds, at least 1) to send with a 429.
   * `channel` is the conversation posted to (a DM's id, not the user id it was addressed by).
   * A post needs a token from its channel and from the workspace; a refused one spends neither.
   */
  take(method: string, channel: string | undefined): number | null {
    const perChannel = method === 'chat.postMessage' && channel !== undefined;
    const wanted: (readonly [string, StandInLimit | undefined])[] = [
      [perChannel ? `${method}#${channel}` : method, this.limits[method]],
      ...(perChannel ? [[WORKSPACE_POSTS, this.limits[WORKSPACE_POSTS]] as const] : []),
    ];
    const now = this.now();
    const held = wanted.flatMap(([key, limit]) => (limit ? [this.refill(key, limit, now)] : []));
    const waitMs = Math.max(
      0,
      ...held.map(({ bucket, limit }) => ((1 - bucket.tokens) * 60_000) / limit.perMinute),
    );
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const { bucket } of held) bucket.tokens -= 1;
    return null;
  }

  private refill(
    key: string,
    limit: StandInLimit,
    now: number,
  ): { bucket: { tokens: number; at: number }; limit: StandInLimit } {
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    const earned = (Math.max(0, now - bucket.at) * limit.perMinute) / 60_000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + earned);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return { bucket, limit };
  }
}
