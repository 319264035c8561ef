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
    return {
      stale: true,
      reason: `feed ${feed.name} last synced ${ageText(age)} ago (max age ${ageText(feed.maxAgeMs)})`,
    };
  }
  return { stale: false, reason: null };
}

const HOUR_MS = 3_600_000;

/** Hours up to four days ("84h"), then days ("27 days"): "44442h" is hard to read as 5 years. */
export function ageText(ms: number): string {
  const hours = Math.round(ms / HOUR_MS);
  return hours <= 96 ? `${hours}h` : `${Math.round(ms / (24 * HOUR_MS))} days`;
}
