import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './simulated-clock.js';

describe('SimulatedClock', () => {
  it('overlaps concurrent sleeps instead of adding them up', async () => {
    const clock = new SimulatedClock(1000);
    await Promise.all([clock.sleep(500), clock.sleep(2000), clock.sleep(2000)]);
    expect(clock.now()).toBe(3000);
  });

  it('adds sequential sleeps', async () => {
    const clock = new SimulatedClock();
    await clock.sleep(100);
    await clock.sleep(250);
    expect(clock.now()).toBe(350);
  });

  it('wakes sleepers in the order they are due, each at its own time', async () => {
    const clock = new SimulatedClock();
    const woke: [string, number][] = [];
    const a = async (): Promise<void> => {
      await clock.sleep(100);
      woke.push(['a', clock.now()]);
      await clock.sleep(100);
      woke.push(['a', clock.now()]);
    };
    const b = async (): Promise<void> => {
      await clock.sleep(150);
      woke.push(['b', clock.now()]);
    };
    await Promise.all([a(), b(), clock.sleep(0)]);
    expect(woke).toEqual([
      ['a', 100],
      ['b', 150],
      ['a', 200],
    ]);
  });

  it('never moves backwards for a zero or negative sleep', async () => {
    const clock = new SimulatedClock(50);
    await clock.sleep(-10);
    await clock.sleep(0);
    expect(clock.now()).toBe(50);
  });
});
