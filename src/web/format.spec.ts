import { describe, expect, it } from 'vitest';
import { dateTime, day, duration, percent, personHref } from './format.js';

describe('format', () => {
  it.each([
    [null, '–'],
    [500, '500 ms'],
    [45_000, '45 s'],
    [12 * 60_000, '12 min'],
    [3 * 3_600_000, '3 h'],
    [2 * 86_400_000, '2 d'],
  ])('duration(%j) = %s', (ms, expected) => {
    expect(duration(ms)).toBe(expected);
  });

  it.each([
    [1, 3, '33%'],
    [0, 0, '–'],
    [5, 5, '100%'],
  ])('percent(%i, %i) = %s', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('formats times and paths', () => {
    expect(day('2026-08-25T12:00:00.000Z')).toBe('2026-08-25');
    expect(dateTime('2026-08-25T12:34:00.000Z')).toBe('2026-08-25 12:34 UTC');
    expect(day(null)).toBe('–');
    expect(personHref('a b@x.com')).toBe('/people/a%20b%40x.com');
  });
});
