import type { Config } from '../platform/config/config.js';
import type { PersonOutcome } from '../reminders/cycle.js';
import { nextDueAt } from '../reminders/next-due.js';
import { cycleId, effectiveCadence } from '../reminders/schedule.js';
import { resolveTimeZone } from '../reminders/zoned-time.js';
import type { ReminderStore } from '../reminders/store.js';
import type { NextDue } from './job-outcome.js';

/**
 * When each person a reminder cycle found not due is next due, in their zone: the facts behind
 * "nobody due until Tuesday 10:00 in their zone". Reads the zones and last digests the cycle
 * itself read (two indexed look-ups by email); people with the same zone, overdue state and
 * last digest's cycle share one answer, so a thousand people in a few zones cost a few searches.
 */
export async function nextDueOfNotDue(
  store: Pick<ReminderStore, 'people' | 'lastSent'>,
  reminders: Config['reminders'],
  people: readonly PersonOutcome[],
  now: Date,
): Promise<NextDue[]> {
  const notDue = people.filter((p) => p.outcome === 'not-due');
  if (notDue.length === 0) return [];
  const emails = notDue.map((p) => p.email);
  const [known, lastSent] = await Promise.all([store.people(emails), store.lastSent(emails)]);
  const memo = new Map<string, NextDue | null>();
  const out: NextDue[] = [];
  for (const p of notDue) {
    const tz = resolveTimeZone(known.get(p.email)?.tz, reminders.defaultTz);
    const last = lastSent.get(p.email) ?? null;
    // The cycle's own rule ("anything overdue or unsupported"), as it recorded it; days
    // overdue is only a fallback: it is 0 for an item late by hours or unsupported before its
    // deadline, whose daily digest would otherwise read as next week's.
    const hasOverdue = p.hasOverdue ?? p.maxDaysOverdue > 0;
    // The schedule reads the last digest only as its cycle (scheduleDecision compares cycle
    // ids), so people of one zone whose last digests fall in the same cycle share one search:
    // keyed by the raw time, each of 20,000 people paid their own (~7 ms each, loop held).
    const lastCycle = last
      ? cycleId(effectiveCadence(reminders.cadence, hasOverdue), new Date(last), tz)
      : '';
    const key = `${tz}\u0000${hasOverdue}\u0000${lastCycle}`;
    if (!memo.has(key)) {
      const at = nextDueAt(
        { ...reminders, tz, lastSentAt: last ? new Date(last) : null, hasOverdue },
        now,
      );
      memo.set(key, at ? { at, tz } : null);
    }
    const next = memo.get(key);
    if (next) out.push(next);
  }
  return out;
}
