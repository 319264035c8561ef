import { describe, expect, it } from 'vitest';
import { nextDueAt } from './next-due.js';
import type { ScheduleInput } from './schedule.js';

const base: ScheduleInput = {
  cadence: 'weekly',
  day: 'tuesday',
  hours: '10:00-16:00',
  tz: 'Europe/Paris',
  defaultTz: 'UTC',
  lastSentAt: null,
  hasOverdue: false,
};

// 2026-11-30 is a Monday; Paris is UTC+1 in winter.
describe('nextDueAt', () => {
  it.each<[string, Partial<ScheduleInput>, string, string | null]>([
    [
      'weekly, the day before: the day at the window start',
      {},
      '2026-11-30T12:00:00Z',
      '2026-12-01T09:00:00.000Z',
    ],
    ['weekly, inside the window: now', {}, '2026-12-01T10:30:12Z', '2026-12-01T10:30:12.000Z'],
    ['weekly, same day before hours', {}, '2026-12-01T06:00:00Z', '2026-12-01T09:00:00.000Z'],
    [
      'weekly, after hours on the day: the next weekday catches up',
      {},
      '2026-12-01T16:00:00Z',
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'weekly, sent this week: next week',
      { lastSentAt: new Date('2026-12-01T09:05:00Z') },
      '2026-12-01T10:00:00Z',
      '2026-12-08T09:00:00.000Z',
    ],
    ['weekly, Saturday: Tuesday', {}, '2026-12-05T12:00:00Z', '2026-12-08T09:00:00.000Z'],
    [
      'overdue is daily: the next working morning',
      { hasOverdue: true },
      '2026-11-30T16:00:00Z',
      '2026-12-01T09:00:00.000Z',
    ],
    [
      'daily on Friday evening: Monday',
      { cadence: 'daily' },
      '2026-12-04T18:00:00Z',
      '2026-12-07T09:00:00.000Z',
    ],
    [
      'a window on an odd minute',
      { hours: '09:37-12:00' },
      '2026-12-01T06:00:00Z',
      '2026-12-01T08:37:00.000Z',
    ],
    [
      'a zone 45 minutes off the hour',
      { tz: 'Asia/Kathmandu' },
      '2026-11-30T12:00:00Z',
      '2026-12-01T04:15:00.000Z',
    ],
    [
      'an unknown zone falls back to defaultTz',
      { tz: 'Mars/Olympus' },
      '2026-11-30T12:00:00Z',
      '2026-12-01T10:00:00.000Z',
    ],
  ])('%s', (_name, over, now, expected) => {
    const at = nextDueAt({ ...base, ...over }, new Date(now));
    expect(at?.toISOString() ?? null).toBe(expected);
  });
});
