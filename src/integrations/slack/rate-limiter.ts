/** A clock the limiter waits on; tests pass a fake whose `sleep` advances `now` at once. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A token bucket: `burst` calls at once, refilled at `perMinute`. */
export interface RateLimit {
  readonly perMinute: number;
  readonly burst: number;
}

/**
 * Slack's published Web API tiers ("Rate limits" docs): Tier 1 1+/min, Tier 2 20+/min, Tier 3
 * 50+/min, Tier 4 100+/min. The numbers are floors Slack promises; small bursts are tolerated.
 */
export const SLACK_TIERS = {
  tier1: { perMinute: 1, burst: 1 },
  tier2: { perMinute: 20, burst: 3 },
  tier3: { perMinute: 50, burst: 5 },
  tier4: { perMinute: 100, burst: 10 },
  /** chat.postMessage's special tier: about one message per second per channel. */
  postMessage: { perMinute: 60, burst: 1 },
  /**
   * chat.postMessage across the whole workspace: "several hundred messages per minute" with
   * "generous burst behavior" (docs.slack.dev/reference/methods/chat.postMessage#rate_limiting).
   * Slack publishes no number; 600/min is our assumption, and a 429 still pauses us if it is less.
   */
  postMessageWorkspace: { perMinute: 600, burst: 50 },
} as const satisfies Record<string, RateLimit>;

export type SlackTier = keyof typeof SLACK_TIERS;

/** The tier of each method we call, from each method's reference page. */
export const METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'auth.test': 'tier4',
  'users.lookupByEmail': 'tier3',
  'users.info': 'tier4',
  'users.list': 'tier2',
  'conversations.open': 'tier3',
  'conversations.history': 'tier3',
  'chat.postMessage': 'postMessage',
};

/** Methods limited per channel, each with the workspace-wide tier every channel's calls also share. */
const PER_CHANNEL: Readonly<Record<string, SlackTier>> = {
  'chat.postMessage': 'postMessageWorkspace',
};

interface Bucket {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
}

export interface SlackRateLimiterOptions {
  readonly clock?: LimiterClock;
  /**
   * Overrides by tier name or by method name (a method entry wins); `chat.postMessage:workspace`
   * overrides the workspace-wide budget of chat.postMessage.
   */
  readonly limits?: Readonly<Record<string, RateLimit>>;
}

const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Keeps our calls inside Slack's tiers: one token bucket per method (per method and channel for
 * chat.postMessage, plus one workspace-wide bucket its channels share). A 429 pauses the bucket
 * it came from for Retry-After, so every waiting call on that method holds back too, not only
 * the one that was refused. Safe to share between concurrent callers: a bucket is checked and
 * taken without an await in between.
 */
export class SlackRateLimiter {
  private readonly clock: LimiterClock;
  private readonly overrides: Readonly<Record<string, RateLimit>>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: SlackRateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.overrides = options.limits ?? {};
  }

  /** The limit a method runs under (unknown methods get Tier 2, "most methods" per Slack). */
  limitFor(method: string): RateLimit {
    const tier = METHOD_TIERS[method] ?? 'tier2';
    return this.overrides[method] ?? this.overrides[tier] ?? SLACK_TIERS[tier];
  }

  /** Waits (on the injected clock) until a call to `method` is allowed, then takes its token. */
  async acquire(method: string, channel?: string): Promise<void> {
    await this.take(this.keyOf(method, channel), this.limitFor(method));
    const shared = PER_CHANNEL[method];
    // A per-channel call also spends from the workspace's budget for the method.
    if (shared && channel)
      await this.take(`${method}:workspace`, this.limitForTier(method, shared));
  }

  private limitForTier(method: string, tier: SlackTier): RateLimit {
    return this.overrides[`${method}:workspace`] ?? this.overrides[tier] ?? SLACK_TIERS[tier];
  }

  private async take(key: string, limit: RateLimit): Promise<void> {
    const bucket = this.bucket(key, limit);
    for (;;) {
      const now = this.clock.now();
      this.refill(bucket, limit, now);
      if (bucket.pausedUntil > now) {
        await this.clock.sleep(bucket.pausedUntil - now);
        continue;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - bucket.tokens) * 60_000) / limit.perMinute));
    }
  }

  /** Slack answered 429: hold this method (or this channel's posts) for `retryAfterSeconds`. */
  pause(method: string, retryAfterSeconds: number, channel?: string): void {
    const bucket = this.bucket(this.keyOf(method, channel), this.limitFor(method));
    const until = this.clock.now() + Math.max(0, retryAfterSeconds) * 1000;
    bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    // After the pause one call may go at once, then steady pacing: no burst that would be refused again.
    bucket.tokens = 1;
    bucket.updatedAt = Math.max(bucket.updatedAt, until);
  }

  private keyOf(method: string, channel: string | undefined): string {
    return PER_CHANNEL[method] && channel ? `${method}#${channel}` : method;
  }

  private bucket(key: string, limit: RateLimit): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: this.clock.now(), pausedUntil: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private refill(bucket: Bucket, limit: RateLimit, now: number): void {
    if (now <= bucket.updatedAt) return;
    const earned = ((now - bucket.updatedAt) * limit.perMinute) / 60_000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + earned);
    bucket.updatedAt = now;
  }
}
