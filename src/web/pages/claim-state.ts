import type { ClaimOutcome } from '../../reminders/tables.js';
import { dateTime } from '../format.js';

/**
 * How an "I updated" claim ended, in the words of both the host and the person page: an expired
 * claim must not read as confirmed, since the machine may still be behind.
 */
export function claimState(c: {
  readonly resolvedAt: string | null;
  readonly outcome: ClaimOutcome | null;
}): string {
  if (!c.resolvedAt) return 'waiting for the next inventory sync to confirm it';
  switch (c.outcome) {
    case 'confirmed':
      return `confirmed by inventory ${dateTime(c.resolvedAt)}`;
    case 'expired':
      return `never confirmed by inventory; dropped ${dateTime(c.resolvedAt)}`;
    case null:
      return `closed ${dateTime(c.resolvedAt)}`;
  }
}
