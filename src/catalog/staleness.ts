/** A feed's health as stored, enough to judge whether its data can be trusted now. */
export interface FeedHealth {
  readonly name: string;
  readonly maxAgeMs: number;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
}

export interface Staleness {
  readonly stale: boolean;
  readonly reason: string | null;
}

/**
 * A feed is stale when it never synced, its last attempt failed, or its last good read is older
 * than its max age. Stale data is reported as unknown downstream, never as out of date.
 */
export function feedStaleness(feed: FeedHealth, now: Date): Staleness {
  if (feed.lastError) return { stale: true, reason: `feed ${feed.name} failed: ${feed.lastError}` };
  if (!feed.lastSuccessAt) return { stale: true, reason: `feed ${feed.name} has never synced` };
  const age = now.getTime() - Date.parse(feed.lastSuccessAt);
  if (age > feed.maxAgeMs) {
    const hours = Math.round(age / 3_600_000);
    return {
      stale: true,
      reason: `feed ${feed.name} last synced ${hours}h ago (max age ${Math.round(feed.maxAgeMs / 3_600_000)}h)`,
    };
  }
  return { stale: false, reason: null };
}
