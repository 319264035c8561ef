import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { asOfTime } from './as-of.js';

describe('asOfTime', () => {
  it.each([
    ['2026-09-18', '2026-09-18T00:00:00.000Z'],
    ['2026-09-18T18:00:00Z', '2026-09-18T18:00:00.000Z'],
    ['2026-09-18T18:00Z', '2026-09-18T18:00:00.000Z'],
    ['2026-09-18T20:00:00+02:00', '2026-09-18T18:00:00.000Z'],
    [' 2026-09-18T18:00:00.250Z ', '2026-09-18T18:00:00.250Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(asOfTime(text).toISOString()).toBe(iso);
  });

  it.each([
    // No zone: the machine's zone would decide, so the answer would differ between machines.
    '2026-09-18T18:00:00',
    'yesterday',
    '2026-13-01',
    '2026-02-30T00:00:00Z',
    '',
    '1726682400',
  ])('refuses %j as a usage error', (text) => {
    expect(() => asOfTime(text)).toThrow(InvalidArgumentError);
  });
});
