import type { Finding } from '../compliance/model.js';

/** A person asked not to hear about one product on one host until `until` (ISO 8601 UTC). */
export interface Snooze {
  readonly hostId: string;
  readonly product: string;
  readonly until: string;
}

const DAY_MS = 86_400_000;

/**
 * How close a pending deadline must be to trigger a digest. It must be at least the longest gap
 * between two digests (a week with the weekly cadence): with less, an item could turn overdue
 * between two digests without ever having been announced as pending.
 */
export const NEAR_DAYS = 7;

function isSnoozed(f: Finding, snoozes: readonly Snooze[], now: Date): boolean {
  return snoozes.some(
    (s) => s.hostId === f.hostId && s.product === f.product && Date.parse(s.until) > now.getTime(),
  );
}

function isNear(f: Finding, now: Date, nearDays: number): boolean {
  if (f.deadline === null) return false;
  return Date.parse(f.deadline) - now.getTime() <= nearDays * DAY_MS;
}

/**
 * The findings that go in one person's digest, in input order.
 *
 * - current and unknown never (unknown means a feed failed or went stale: no false alarms);
 * - overdue always, even when snoozed: a snooze never reaches past a deadline, so an overdue item
 *   under a live snooze means its deadline moved earlier (say a newer release fixes an actively
 *   exploited CVE), which is exactly when the person must hear;
 * - unsupported ("upgrade required": the feed no longer supports the host's major) always, like
 *   overdue: the host gets no security fixes at all, the most urgent case there is;
 * - pending unless snoozed until after `now`.
 *
 * A digest is only worth sending when something is urgent: when nothing is overdue, unsupported
 * or pending within `nearDays` of its deadline, the result is empty. When something is, every
 * pending item rides along, so one message per cycle covers the whole picture.
 */
export function selectDigestItems(
  findings: readonly Finding[],
  snoozes: readonly Snooze[],
  now: Date,
  nearDays: number = NEAR_DAYS,
): Finding[] {
  const picked = findings.filter((f) => {
    switch (f.status) {
      case 'overdue':
      case 'unsupported':
        return true;
      case 'pending':
        return !isSnoozed(f, snoozes, now);
      case 'current':
      case 'unknown':
        return false;
    }
  });
  const urgent = picked.some((f) => f.status !== 'pending' || isNear(f, now, nearDays));
  return urgent ? picked : [];
}
