import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight.js';

/** A promise the test settles by hand, so no test waits on time. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs once for ten concurrent calls with one key, and all get the result', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    let runs = 0;
    const work = (): Promise<number> => {
      runs++;
      return gate.promise;
    };
    const calls = Array.from({ length: 10 }, () => flight.run('k', work));
    expect(flight.size).toBe(1);
    gate.resolve(42);
    expect(await Promise.all(calls)).toEqual(Array(10).fill(42));
    expect(runs).toBe(1);
    expect(flight.size).toBe(0);
  });

  it('runs different keys separately', async () => {
    const flight = new SingleFlight<string>();
    const [a, b] = await Promise.all([
      flight.run('a', () => Promise.resolve('A')),
      flight.run('b', () => Promise.resolve('B')),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('starts afresh once a run has settled', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    const work = (): Promise<number> => Promise.resolve(++runs);
    expect(await flight.run('k', work)).toBe(1);
    expect(await flight.run('k', work)).toBe(2);
  });

  it('shares a failure with every waiting caller, then forgets it', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    const calls = [flight.run('k', () => gate.promise), flight.run('k', () => gate.promise)];
    gate.reject(new Error('boom'));
    for (const c of calls) await expect(c).rejects.toThrow('boom');
    expect(flight.size).toBe(0);
    expect(await flight.run('k', () => Promise.resolve(1))).toBe(1);
  });

  it('turns a synchronous throw into a rejection and forgets the key', async () => {
    const flight = new SingleFlight<number>();
    await expect(
      flight.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(flight.size).toBe(0);
  });
});
