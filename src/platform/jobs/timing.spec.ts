import { describe, expect, it } from 'vitest';
import { checkSchedules, defaultBackoffMs, nextDueAfter } from './timing.js';

const HOUR = 3_600_000;

describe('nextDueAfter', () => {
  it.each([
    [
      'due exactly now',
      '2026-09-01T10:00:00.000Z',
      '2026-09-01T10:00:00.000Z',
      '2026-09-01T11:00:00.000Z',
    ],
    [
      'a little late',
      '2026-09-01T10:00:00.000Z',
      '2026-09-01T10:59:59.999Z',
      '2026-09-01T11:00:00.000Z',
    ],
    [
      'late by one interval',
      '2026-09-01T10:00:00.000Z',
      '2026-09-01T11:00:00.000Z',
      '2026-09-01T12:00:00.000Z',
    ],
    [
      'down all night',
      '2026-09-01T00:00:00.000Z',
      '2026-09-01T07:30:00.000Z',
      '2026-09-01T08:00:00.000Z',
    ],
    [
      'clock behind the due time',
      '2026-09-01T10:00:00.000Z',
      '2026-09-01T09:00:00.000Z',
      '2026-09-01T11:00:00.000Z',
    ],
  ])('%s', (_label, due, now, next) => {
    expect(nextDueAfter(due, HOUR, new Date(now))).toBe(next);
  });
});

describe('defaultBackoffMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [20, HOUR],
  ])('after attempt %i waits %i ms', (attempt, ms) => {
    expect(defaultBackoffMs(attempt)).toBe(ms);
  });
});

describe('checkSchedules', () => {
  it.each([
    ['no handler', [{ name: 'x', everyMs: 1000 }], [], /x: no handler/],
    [
      'twice',
      [
        { name: 'a', everyMs: 1000 },
        { name: 'a', everyMs: 5 },
      ],
      ['a'],
      /a: scheduled twice/,
    ],
    ['zero', [{ name: 'a', everyMs: 0 }], ['a'], /everyMs must be/],
    ['fraction', [{ name: 'a', everyMs: 1.5 }], ['a'], /everyMs must be/],
    [
      'too long for the column',
      [{ name: 'a', everyMs: 30 * 86_400_000 }],
      ['a'],
      /everyMs must be/,
    ],
  ])('rejects %s', (_label, schedules, handlers, message) => {
    expect(() => checkSchedules(schedules, handlers)).toThrow(message);
  });

  it('accepts a daily job with a handler', () => {
    expect(() => checkSchedules([{ name: 'a', everyMs: 86_400_000 }], ['a'])).not.toThrow();
  });
});
