import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './simulated-clock.js';

describe('SimulatedClock', () => {
  it('overlaps concurrent waits instead of adding them up', async () => {
    const clock = new SimulatedClock(1000);
    await Promise.all([clock.elapse(500), clock.elapse(2000), clock.elapse(2000)]);
    expect(clock.now()).toBe(3000);
  });

  it('adds sequential waits', async () => {
    const clock = new SimulatedClock();
    await clock.elapse(100);
    await clock.elapse(250);
    expect(clock.now()).toBe(350);
  });

  it('wakes waiters in the order they are due, each at its own time', async () => {
    const clock = new SimulatedClock();
    const woke: [string, number][] = [];
    const a = async (): Promise<void> => {
      await clock.elapse(100);
      woke.push(['a', clock.now()]);
      await clock.elapse(100);
      woke.push(['a', clock.now()]);
    };
    const b = async (): Promise<void> => {
      await clock.elapse(150);
      woke.push(['b', clock.now()]);
    };
    await Promise.all([a(), b(), clock.elapse(0)]);
    expect(woke).toEqual([
      ['a', 100],
      ['b', 150],
      ['a', 200],
    ]);
  });

  it('never moves backwards for a zero or negative wait', async () => {
    const clock = new SimulatedClock(50);
    await clock.elapse(-10);
    await clock.elapse(0);
    expect(clock.now()).toBe(50);
  });
});
