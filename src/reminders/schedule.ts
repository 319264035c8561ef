import { z } from 'zod';
import { DEFAULT_CONTROL_GROUP_SALT } from './control-group.js';
import { isoWeek, localDateString, resolveTimeZone, zonedParts } from './zoned-time.js';

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Cadence = 'daily' | 'weekly';

const HOURS = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `reminders:` in patchbay.yaml. Working hours are local to each person, start inclusive, end exclusive. */
export const remindersSchema = z.object({
  cadence: z.enum(['daily', 'weekly']).default('weekly'),
  day: z.enum(WEEKDAYS).default('tuesday'),
  hours: z
    .string()
    .regex(HOURS, 'expected "HH:MM-HH:MM", e.g. "10:00-16:00"')
    .refine((h) => {
      const [start = '', end = ''] = h.split('-');
      return minutesOf(start) < minutesOf(end);
    }, 'the window must start before it ends (no overnight windows)')
    .default('10:00-16:00'),
  snoozeDays: z.array(z.number().int().min(1).max(90)).min(1).default([1, 3, 7]),
  escalateAfterDays: z.number().int().min(0).default(7),
  /** Share of people held back from DMs (control-group.ts); text from the environment is a number too. */
  controlGroup: z.coerce
    .number('expected a share between 0 and 0.5, e.g. 0.05')
    .min(0, 'expected a share between 0 and 0.5, e.g. 0.05')
    .max(0.5, 'at most 0.5: a control group larger than the reminded group measures little more')
    .default(0),
  controlGroupSalt: z.string().min(1).default(DEFAULT_CONTROL_GROUP_SALT),
});
export type RemindersConfig = z.infer<typeof remindersSchema>;

/** What a cycle id looks like: an ISO week (weekly) or a local date (daily). */
export const CYCLE_PATTERN = /^\d{4}-(W\d{2}|\d{2}-\d{2})$/;

/**
 * Once anything is overdue the person hears about it every weekday until it is fixed; the
 * configured cadence only governs people whose items are all still inside their grace period.
 */
export function effectiveCadence(cadence: Cadence, hasOverdue: boolean): Cadence {
  return hasOverdue ? 'daily' : cadence;
}

/**
 * A stable id for the cycle `now` falls in: ISO week `2026-W48` (weekly) or date `2026-11-26`
 * (daily), in `tz`. Pass the person's zone when the id goes into an idempotency key: a local
 * working day then never spans two ids, so a digest retried after a crash keeps its key.
 */
export function cycleId(cadence: Cadence, now: Date, tz = 'UTC'): string {
  const parts = zonedParts(now, resolveTimeZone(tz, 'UTC'));
  if (cadence === 'daily') return localDateString(parts);
  const { year, week } = isoWeek(parts);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface ScheduleInput {
  readonly cadence: Cadence;
  readonly day: Weekday;
  readonly hours: string;
  /** The person's IANA zone (Slack users.info `tz`); null or unknown falls back to defaultTz. */
  readonly tz: string | null;
  readonly defaultTz: string;
  /** When this person's last digest went out, whatever its cycle. */
  readonly lastSentAt: Date | null;
  readonly hasOverdue: boolean;
}

export interface ScheduleDecision {
  readonly due: boolean;
  readonly reason: 'due' | 'outside-hours' | 'not-cadence-day' | 'already-sent';
  readonly cadence: Cadence;
  /** The cycle id in the person's zone: the one for the idempotency key. */
  readonly cycle: string;
  readonly tz: string;
}

/**
 * Whether a person gets a digest now, and why not. Weekly: inside working hours on the cadence
 * day, or a later weekday of the same ISO week when that day was missed (Patchbay was down, the
 * person's zone only became known). Daily: inside working hours on any weekday. Never twice in a
 * cycle of the effective cadence.
 */
export function scheduleDecision(input: ScheduleInput, now: Date): ScheduleDecision {
  const tz = resolveTimeZone(input.tz, input.defaultTz);
  const cadence = effectiveCadence(input.cadence, input.hasOverdue);
  const cycle = cycleId(cadence, now, tz);
  const decide = (reason: ScheduleDecision['reason']): ScheduleDecision => ({
    due: reason === 'due',
    reason,
    cadence,
    cycle,
    tz,
  });
  const local = zonedParts(now, tz);
  const isWeekday = local.isoWeekday <= 5;
  if (cadence === 'daily' && !isWeekday) return decide('not-cadence-day');
  if (cadence === 'weekly') {
    const target = WEEKDAYS.indexOf(input.day) + 1;
    const onDay = local.isoWeekday === target;
    if (!onDay && !(isWeekday && local.isoWeekday > target)) return decide('not-cadence-day');
  }
  const [start = '', end = ''] = input.hours.split('-');
  const minute = local.hour * 60 + local.minute;
  if (minute < minutesOf(start) || minute >= minutesOf(end)) return decide('outside-hours');
  if (input.lastSentAt && cycleId(cadence, input.lastSentAt, tz) === cycle) {
    return decide('already-sent');
  }
  return decide('due');
}

/** Whether this person should get a digest now (see scheduleDecision). */
export function isDueNow(input: ScheduleInput, now: Date): boolean {
  return scheduleDecision(input, now).due;
}

/**
 * Whether the admin channel should hear about this person: their oldest overdue item is at least
 * `escalateAfterDays` past its deadline. 0 escalates every overdue item.
 */
export function shouldMentionAdmins(maxDaysOverdue: number, escalateAfterDays: number): boolean {
  return maxDaysOverdue > 0 && maxDaysOverdue >= escalateAfterDays;
}
