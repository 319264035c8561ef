import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { JobRunner } from './runner.js';
import type { JobFinished, JobRunnerOptions } from './types.js';

const T0 = Date.parse('2026-09-01T10:00:00.000Z');
const HOUR = 3_600_000;
const iso = (t: number): string => new Date(t).toISOString();

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(DIALECTS)('JobRunner lifecycle on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function setup(opts: Partial<JobRunnerOptions>) {
    t = await open();
    const clock = { t: T0 };
    const finished: JobFinished[] = [];
    const make = (more: Partial<JobRunnerOptions> = {}): JobRunner =>
      new JobRunner({
        db: (t as TestDb).db,
        log: pino({ level: 'silent' }),
        now: () => new Date(clock.t),
        owner: 'p1',
        handlers: {},
        schedules: [],
        onFinished: (e) => finished.push(e),
        ...opts,
        ...more,
      });
    return { clock, finished, runner: make(), make };
  }

  it('retries a throwing job with backoff, then marks it failed with its last error', async () => {
    let calls = 0;
    const { clock, finished, runner } = await setup({
      maxAttempts: 3,
      backoffMs: (attempt) => 1000 * 2 ** (attempt - 1),
      schedules: [{ name: 'sync', everyMs: 24 * HOUR }],
      handlers: { sync: () => Promise.reject(new Error(`feed down (${++calls})`)) },
    });
    // [advance the clock by, runs expected in that tick]
    const steps: [number, number][] = [
      [0, 1], // first attempt at once
      [0, 0],
      [999, 0], // backoff after attempt 1: 1 s
      [1, 1],
      [1999, 0], // after attempt 2: 2 s
      [1, 1],
      [60_000, 0], // attempts used up
    ];
    for (const [advance, expected] of steps) {
      clock.t += advance;
      expect(await runner.tick()).toBe(expected);
    }
    expect(finished.map((e) => `${e.status}: ${e.error}`)).toEqual([
      'retrying: feed down (1)',
      'retrying: feed down (2)',
      'failed: feed down (3)',
    ]);
    const [status] = await runner.status();
    expect(status).toMatchObject({
      lastStatus: 'failed',
      lastError: 'feed down (3)',
      nextRunAt: iso(T0 + 24 * HOUR),
      running: false,
    });
    expect((await runner.recentRuns())[0]).toMatchObject({ status: 'failed', attempt: 3 });
  });

  it('clears the last error when a retry succeeds', async () => {
    let calls = 0;
    const { clock, runner } = await setup({
      backoffMs: () => 1000,
      schedules: [{ name: 'sync', everyMs: HOUR }],
      handlers: {
        sync: () => (++calls === 1 ? Promise.reject(new Error('flaky')) : Promise.resolve()),
      },
    });
    await runner.tick();
    expect((await runner.status())[0]).toMatchObject({
      lastStatus: 'retrying',
      lastError: 'flaky',
    });
    clock.t += 1000;
    expect(await runner.tick()).toBe(1);
    expect((await runner.status())[0]).toMatchObject({
      lastStatus: 'succeeded',
      lastError: null,
      lastRunAt: iso(T0 + 1000),
    });
  });

  it('shows next run, last run and running in status()', async () => {
    const gate = deferred();
    const started = deferred();
    let call = 0;
    const { clock, runner } = await setup({
      schedules: [
        { name: 'sync', everyMs: HOUR },
        { name: 'idle', everyMs: 24 * HOUR },
      ],
      handlers: {
        sync: async () => {
          if (++call === 2) {
            started.resolve();
            await gate.promise;
          }
          clock.t += 1500; // the job takes 1.5 s of fake time
        },
        idle: () => Promise.resolve(),
      },
    });
    expect((await runner.status()).map((s) => [s.name, s.nextRunAt, s.lastRunAt])).toEqual([
      ['sync', iso(T0), null],
      ['idle', iso(T0), null],
    ]);
    expect(await runner.tick()).toBe(2);
    const sync = (await runner.status())[0];
    expect(sync).toEqual({
      name: 'sync',
      everyMs: HOUR,
      nextRunAt: iso(T0 + HOUR),
      lastRunAt: iso(T0),
      lastStatus: 'succeeded',
      lastError: null,
      lastOutcome: null,
      lastDurationMs: 1500,
      running: false,
    });
    clock.t = T0 + HOUR;
    const second = runner.tick();
    await started.promise;
    expect((await runner.status()).map((s) => [s.name, s.running])).toEqual([
      ['sync', true],
      ['idle', false],
    ]);
    gate.resolve();
    expect(await second).toBe(1);
  });

  it('survives a restart: a new runner on the same database does not rerun what is not due', async () => {
    let calls = 0;
    const opts = {
      schedules: [{ name: 'sync', everyMs: HOUR }],
      handlers: { sync: () => (calls++, Promise.resolve()) },
    };
    const { clock, runner, make } = await setup(opts);
    expect(await runner.tick()).toBe(1);
    await runner.stop(0);
    const restarted = make({ owner: 'p2' });
    clock.t += HOUR - 1;
    expect(await restarted.tick()).toBe(0);
    clock.t += 1;
    expect(await restarted.tick()).toBe(1);
    expect(calls).toBe(2);
  });

  it('runNow queues an immediate run once, leaves the schedule alone, and rejects unknown jobs', async () => {
    let calls = 0;
    const { clock, runner } = await setup({
      schedules: [{ name: 'sync', everyMs: HOUR }],
      handlers: { sync: () => (calls++, Promise.resolve()), adhoc: () => Promise.resolve() },
    });
    await runner.tick();
    clock.t += 60_000;
    await runner.runNow('sync');
    await runner.runNow('sync'); // a double click
    expect(await runner.tick()).toBe(1);
    expect(await runner.tick()).toBe(0);
    expect(calls).toBe(2);
    expect((await runner.status())[0]).toMatchObject({
      nextRunAt: iso(T0 + HOUR),
      lastRunAt: iso(T0 + 60_000),
    });
    await runner.runNow('adhoc'); // a handler without a schedule
    expect(await runner.tick()).toBe(1);
    await expect(runner.runNow('nope')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('runNow brings a retry waiting out its backoff forward', async () => {
    let calls = 0;
    const { runner } = await setup({
      backoffMs: () => HOUR,
      handlers: {
        sync: () => (++calls === 1 ? Promise.reject(new Error('x')) : Promise.resolve()),
      },
    });
    await runner.runNow('sync');
    expect(await runner.tick()).toBe(1);
    expect(await runner.tick()).toBe(0);
    await runner.runNow('sync');
    expect(await runner.tick()).toBe(1);
    expect(calls).toBe(2);
    expect(await runner.recentRuns()).toHaveLength(1);
  });

  it('deletes finished runs older than retainMs', async () => {
    const { clock, runner } = await setup({
      retainMs: HOUR,
      schedules: [{ name: 'sync', everyMs: 2 * HOUR }],
      handlers: { sync: () => Promise.resolve() },
    });
    await runner.tick();
    clock.t += 2 * HOUR;
    await runner.tick(); // prunes the first run (finished 2 h ago), then runs the second
    const runs = await runner.recentRuns();
    expect(runs.map((r) => r.createdAt)).toEqual([iso(T0 + 2 * HOUR)]);
  });
});
