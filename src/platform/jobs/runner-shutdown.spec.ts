import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { JobRunner } from './runner.js';
import type { JobRunnerOptions, Sleep } from './types.js';

const T0 = Date.parse('2026-09-01T10:00:00.000Z');
const HOUR = 3_600_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A Sleep that ends when the test says so (or on abort), so no test waits on a real timer. */
function manualSleep() {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      asked.push(ms);
      pending.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
      for (const w of waiters.filter((x) => asked.length >= x.n)) w.resolve();
    });
  return {
    sleep,
    asked,
    /** Resolves once the n-th sleep has been asked for. */
    asks: (n: number) =>
      asked.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    wakeAll: () => pending.splice(0).forEach((r) => r()),
  };
}

describe.each(DIALECTS)('JobRunner start and stop on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function runner(opts: Partial<JobRunnerOptions>) {
    t ??= await open();
    const db = t.db;
    return new JobRunner({
      db,
      log: pino({ level: 'silent' }),
      now: () => new Date(T0),
      owner: 'p1',
      handlers: {},
      schedules: [],
      ...opts,
    });
  }

  it('stop() waits for an in-flight job to finish, then claims nothing more', async () => {
    const gate = deferred();
    const started = deferred();
    const clock = manualSleep();
    let signal: AbortSignal | null = null;
    let calls = 0;
    const r = await runner({
      sleep: clock.sleep,
      handlers: {
        sync: async (s) => {
          calls++;
          signal = s;
          started.resolve();
          await gate.promise;
        },
      },
    });
    await r.runNow('sync');
    const tick = r.tick();
    await started.promise;
    let stopped = false;
    const stopping = r.stop(30_000).then(() => (stopped = true));
    await clock.asks(1); // stop is now waiting on the job, with its deadline armed
    expect(clock.asked).toEqual([30_000]);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(await tick).toBe(1);
    expect(signal).toMatchObject({ aborted: false });
    expect((await r.recentRuns())[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
    await r.runNow('sync');
    expect(await r.tick()).toBe(0);
    expect(calls).toBe(1);
  });

  it('past the deadline, stop() aborts the job and hands its run back for another process', async () => {
    const gate = deferred();
    const started = deferred();
    const clock = manualSleep();
    let signal: AbortSignal | null = null;
    const first = await runner({
      sleep: clock.sleep,
      handlers: {
        sync: async (s) => {
          signal = s;
          started.resolve();
          await gate.promise; // ignores the abort: its late end must not be recorded
          throw new Error('late');
        },
      },
    });
    let taken = 0;
    const second = await runner({
      owner: 'p2',
      handlers: { sync: () => (taken++, Promise.resolve()) },
    });
    await first.runNow('sync');
    const tick = first.tick();
    await started.promise;
    const stopping = first.stop(10_000);
    await clock.asks(1);
    clock.wakeAll(); // the deadline passes
    await stopping;
    expect(signal).toMatchObject({ aborted: true });
    expect(await tick).toBe(0);
    expect((await second.recentRuns())[0]).toMatchObject({
      status: 'queued',
      attempt: 0,
      owner: null,
    });
    expect(await second.tick()).toBe(1); // at once: no lease to wait out
    gate.resolve();
    await Promise.resolve();
    expect(taken).toBe(1);
    expect((await second.recentRuns())[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
  });

  it('start() polls with the injected sleep and runs what is due until stopped', async () => {
    const sleep = manualSleep();
    const finished = [deferred(), deferred()];
    let calls = 0;
    let now = T0;
    const r = await runner({
      sleep: sleep.sleep,
      now: () => new Date(now),
      schedules: [{ name: 'sync', everyMs: HOUR }],
      handlers: { sync: () => (calls++, Promise.resolve()) },
      onFinished: () => finished[calls - 1]?.resolve(),
    });
    r.start(5_000);
    await finished[0]?.promise; // the first pass runs at once
    await sleep.asks(1);
    now += HOUR;
    sleep.wakeAll();
    await finished[1]?.promise;
    await sleep.asks(2);
    await r.stop(1_000);
    expect(calls).toBe(2);
    expect(sleep.asked.slice(0, 2)).toEqual([5_000, 5_000]);
    expect((await r.status())[0]).toMatchObject({
      lastStatus: 'succeeded',
      lastRunAt: new Date(T0 + HOUR).toISOString(),
      running: false,
    });
  });

  it('start() refuses a poll interval that would let its own leases lapse', async () => {
    const r = await runner({ leaseMs: 60_000 });
    expect(() => r.start(30_000)).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID' }));
  });
});
