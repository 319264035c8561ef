import { describe, expect, it } from 'vitest';
import { runPool } from './run-pool.js';

/** Work that yields once, recording how many calls were running at the same time. */
function tracked(): { work: (x: number) => Promise<number>; max: () => number } {
  let running = 0;
  let max = 0;
  return {
    work: async (x) => {
      running++;
      max = Math.max(max, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return x * 10;
    },
    max: () => max,
  };
}

describe('runPool', () => {
  it.each([
    [10, 3, 3],
    [2, 8, 2],
    [5, 1, 1],
    [0, 4, 0],
  ])('%i items at concurrency %i run at most %i at once, results by index', async (n, c, peak) => {
    const t = tracked();
    const items = Array.from({ length: n }, (_, i) => i);
    expect(await runPool(items, c, t.work)).toEqual(items.map((i) => i * 10));
    expect(t.max()).toBe(peak);
  });

  it('finishes the other items before rethrowing the first failure', async () => {
    const done: number[] = [];
    const run = runPool([0, 1, 2, 3, 4, 5], 2, async (x) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (x === 1) throw new Error('boom');
      done.push(x);
      return x;
    });
    await expect(run).rejects.toThrow('boom');
    expect(done.sort()).toEqual([0, 2, 3, 4, 5]);
  });
});
