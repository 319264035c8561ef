import { describe, expect, it } from 'vitest';
import { formatTick, linearScale, niceTicks, ticksWithin } from './scale.js';

describe('niceTicks', () => {
  it.each([
    // lo, hi, maxTicks, integer, expected ticks
    [0, 100, 6, false, [0, 20, 40, 60, 80, 100]],
    [0, 7, 6, false, [0, 2, 4, 6, 8]],
    [0, 0.07, 6, false, [0, 0.02, 0.04, 0.06, 0.08]],
    [-3, 17, 6, false, [-5, 0, 5, 10, 15, 20]],
    [0, 12000, 7, false, [0, 2000, 4000, 6000, 8000, 10000, 12000]],
    [0, 2, 8, true, [0, 1, 2]],
    [0, 2, 8, false, [0, 0.5, 1, 1.5, 2]],
    [0, 0.3, 4, true, [0, 1]],
    [0, 0, 6, false, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [5, 5, 6, true, [0, 1, 2, 3, 4, 5]],
    [-4, -4, 3, true, [-4, -2, 0]],
    [0.1, 0.3, 3, false, [0.1, 0.2, 0.3]],
    [1e6, 3.4e6, 5, false, [1e6, 2e6, 3e6, 4e6]],
    [0, 1, 2, false, [0, 1]],
  ])('(%s, %s, max %s, integer %s) gives %j', (lo, hi, maxTicks, integer, expected) => {
    const result = niceTicks(lo, hi, { maxTicks, integer });
    expect(result.ticks).toEqual(expected);
    expect(result.ticks.length).toBeLessThanOrEqual(maxTicks);
    expect(result.min).toBeLessThanOrEqual(Math.min(lo, hi));
    expect(result.max).toBeGreaterThanOrEqual(Math.max(lo, hi));
  });

  it('never returns floating-point noise', () => {
    for (const hi of [0.3, 0.7, 1.1, 3.3, 0.0009])
      for (const t of niceTicks(0, hi, { maxTicks: 8 }).ticks)
        expect(String(t)).not.toMatch(/0000|9999/);
  });

  it('rejects non-finite input', () => {
    expect(() => niceTicks(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('ticksWithin', () => {
  it.each([
    [0, 100, [0, 20, 40, 60, 80, 100]],
    [3, 97, [20, 40, 60, 80]],
    [50, 100, [50, 60, 70, 80, 90, 100]],
  ])('[%s, %s] keeps the domain and round ticks inside it', (lo, hi, expected) => {
    const result = ticksWithin(lo, hi, { maxTicks: 6 });
    expect([result.min, result.max]).toEqual([lo, hi]);
    expect(result.ticks).toEqual(expected);
  });
});

describe('linearScale', () => {
  it.each([
    [[0, 100], [300, 0], 50, 150],
    [[0, 100], [300, 0], 0, 300],
    [[-10, 10], [0, 200], 0, 100],
    [[5, 5], [10, 20], 7, 10],
  ] as const)('%j -> %j maps %s to %s', (domain, range, value, expected) => {
    expect(linearScale(domain, range)(value)).toBeCloseTo(expected);
  });
});

describe('formatTick', () => {
  it.each([
    [12000, 2000, '12,000'],
    [0.5, 0.5, '0.5'],
    [1, 0.5, '1.0'],
    [0.04, 0.02, '0.04'],
    [-5, 5, '-5'],
    [3, 1, '3'],
  ])('%s with step %s is %s', (value, step, expected) => {
    expect(formatTick(value, step)).toBe(expected);
  });
});
