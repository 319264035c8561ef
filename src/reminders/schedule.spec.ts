import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTROL_GROUP_SALT } from './control-group.js';
import {
  cycleId,
  isDueNow,
  remindersSchema,
  scheduleDecision,
  shouldMentionAdmins,
  type ScheduleInput,
} from './schedule.js';

const base: ScheduleInput = {
  cadence: 'weekly',
  day: 'tuesday',
  hours: '10:00-16:00',
  tz: 'Europe/Paris',
  defaultTz: 'UTC',
  lastSentAt: null,
  hasOverdue: false,
};

describe('remindersSchema', () => {
  it('fills the documented defaults', () => {
    expect(remindersSchema.parse({})).toEqual({
      cadence: 'weekly',
      day: 'tuesday',
      hours: '10:00-16:00',
      snoozeDays: [1, 3, 7],
      escalateAfterDays: 7,
      controlGroup: 0,
      controlGroupSalt: DEFAULT_CONTROL_GROUP_SALT,
    });
  });

  it.each([[-0.01], [0.51], ['lots']])('refuses controlGroup %s', (share) => {
    expect(remindersSchema.safeParse({ controlGroup: share }).success).toBe(false);
  });

  it('reads controlGroup from environment text', () => {
    expect(remindersSchema.parse({ controlGroup: '0.05' }).controlGroup).toBe(0.05);
  });

  it.each([
    ['10-16', 'hours'],
    ['16:00-10:00', 'hours'],
    ['10:00-24:30', 'hours'],
  ])('rejects hours %j', (hours, key) => {
    const r = remindersSchema.safeParse({ hours });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([key]);
  });

  it('accepts a window that ends at midnight', () => {
    expect(remindersSchema.parse({ hours: '08:30-24:00' }).hours).toBe('08:30-24:00');
  });
});

describe('cycleId', () => {
  it.each([
    ['weekly', '2026-11-26T12:00:00Z', 'UTC', '2026-W48'],
    ['daily', '2026-11-26T12:00:00Z', 'UTC', '2026-11-26'],
    ['weekly', '2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['weekly', '2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['weekly', '2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    // Sunday 21:00 UTC is already Monday morning in Auckland: the local week counts.
    ['weekly', '2026-11-29T21:00:00Z', 'Pacific/Auckland', '2026-W49'],
    ['weekly', '2026-11-29T21:00:00Z', 'UTC', '2026-W48'],
    ['daily', '2026-11-26T23:30:00Z', 'Asia/Kolkata', '2026-11-27'],
    ['daily', '2026-11-26T12:00:00Z', 'Not/AZone', '2026-11-26'],
  ] as const)('%s at %s in %s is %s', (cadence, now, tz, expected) => {
    expect(cycleId(cadence, new Date(now), tz)).toBe(expected);
  });
});

describe('scheduleDecision', () => {
  it.each<[string, Partial<ScheduleInput>, string, string]>([
    // 2026-12-01 is a Tuesday. Paris is UTC+1 in winter.
    ['inside hours on the day', {}, '2026-12-01T09:30:00Z', 'due'],
    ['before the window (09:59 local)', {}, '2026-12-01T08:59:00Z', 'outside-hours'],
    ['at the end of the window (exclusive)', {}, '2026-12-01T15:00:00Z', 'outside-hours'],
    ['on the Monday before', {}, '2026-11-30T10:00:00Z', 'not-cadence-day'],
    ['catching up on the Thursday after a missed Tuesday', {}, '2026-12-03T10:00:00Z', 'due'],
    ['not catching up on the weekend', {}, '2026-12-05T10:00:00Z', 'not-cadence-day'],
    [
      'already sent this ISO week',
      { lastSentAt: new Date('2026-12-01T09:00:00Z') },
      '2026-12-03T10:00:00Z',
      'already-sent',
    ],
    [
      'sent last week',
      { lastSentAt: new Date('2026-11-24T09:00:00Z') },
      '2026-12-01T10:00:00Z',
      'due',
    ],
    ['weekly on a weekend day as configured', { day: 'saturday' }, '2026-12-05T10:00:00Z', 'due'],
    // Escalation: overdue turns the cadence daily, weekdays only, once per local day.
    ['overdue on a Wednesday', { hasOverdue: true }, '2026-12-02T10:00:00Z', 'due'],
    ['overdue on a Sunday', { hasOverdue: true }, '2026-12-06T10:00:00Z', 'not-cadence-day'],
    [
      'overdue, already sent today',
      { hasOverdue: true, lastSentAt: new Date('2026-12-02T09:05:00Z') },
      '2026-12-02T13:00:00Z',
      'already-sent',
    ],
    [
      'overdue, sent yesterday',
      { hasOverdue: true, lastSentAt: new Date('2026-12-01T09:05:00Z') },
      '2026-12-02T13:00:00Z',
      'due',
    ],
    ['daily cadence on a Friday', { cadence: 'daily' }, '2026-12-04T10:00:00Z', 'due'],
    // US DST starts Sunday 2026-03-08: 14:30 UTC is 09:30 EST the Monday before, 10:30 EDT after.
    [
      'New York, Monday before DST',
      { tz: 'America/New_York', day: 'monday' },
      '2026-03-02T14:30:00Z',
      'outside-hours',
    ],
    [
      'New York, Monday after DST',
      { tz: 'America/New_York', day: 'monday' },
      '2026-03-09T14:30:00Z',
      'due',
    ],
    // EU DST ends Sunday 2026-10-25: 15:30 UTC is 17:30 CEST before, 16:30 CET after.
    ['Paris, Tuesday before DST ends', {}, '2026-10-20T14:30:00Z', 'outside-hours'],
    ['Paris, Tuesday after DST ends', {}, '2026-10-27T14:30:00Z', 'due'],
    ['Kolkata (+05:30) at 10:00 local', { tz: 'Asia/Kolkata' }, '2026-12-01T04:30:00Z', 'due'],
    [
      'Kolkata (+05:30) at 09:59 local',
      { tz: 'Asia/Kolkata' },
      '2026-12-01T04:29:00Z',
      'outside-hours',
    ],
    [
      'Auckland Tuesday while UTC is Monday',
      { tz: 'Pacific/Auckland' },
      '2026-11-30T22:00:00Z',
      'due',
    ],
    [
      'unknown zone falls back to defaultTz',
      { tz: 'Mars/Olympus', defaultTz: 'Asia/Tokyo' },
      '2026-12-01T01:00:00Z',
      'due',
    ],
    [
      'null zone falls back to defaultTz',
      { tz: null, defaultTz: 'America/Los_Angeles' },
      '2026-12-01T09:30:00Z',
      'outside-hours',
    ],
  ])('%s', (_name, over, now, reason) => {
    const d = scheduleDecision({ ...base, ...over }, new Date(now));
    expect(d.reason).toBe(reason);
    expect(isDueNow({ ...base, ...over }, new Date(now))).toBe(reason === 'due');
  });

  it('reports the effective cadence, the zone used and the local cycle', () => {
    const d = scheduleDecision(
      { ...base, hasOverdue: true, tz: 'Bad/Zone', defaultTz: 'Asia/Tokyo' },
      new Date('2026-12-01T16:00:00Z'),
    );
    expect(d).toMatchObject({ cadence: 'daily', tz: 'Asia/Tokyo', cycle: '2026-12-02' });
  });
});

describe('shouldMentionAdmins', () => {
  it.each([
    [0, 7, false],
    [6, 7, false],
    [7, 7, true],
    [30, 7, true],
    [1, 0, true],
    [0, 0, false],
  ])('%d days overdue with threshold %d -> %s', (days, after, expected) => {
    expect(shouldMentionAdmins(days, after)).toBe(expected);
  });
});
