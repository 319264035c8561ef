import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { outcomeText } from './execution.js';
import { JobRunner } from './runner.js';
import type { JobFinished, JobRunnerOptions } from './types.js';

const T0 = Date.parse('2026-09-01T10:00:00.000Z');
const HOUR = 3_600_000;

describe('outcomeText', () => {
  it.each([
    ['3 feeds synced', '3 feeds synced'],
    ['  0 DMs:\n nobody due  ', '0 DMs: nobody due'],
    ['', null],
    ['   ', null],
    [undefined, null],
    [42, null],
    ['x'.repeat(600), `${'x'.repeat(499)}…`],
  ])('%j is stored as %j', (said, stored) => {
    expect(outcomeText(said)).toBe(stored);
  });
});

describe.each(DIALECTS)('Job outcomes on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function setup(opts: Partial<JobRunnerOptions>) {
    t = await open();
    const clock = { t: T0 };
    const finished: JobFinished[] = [];
    const runner = new JobRunner({
      db: t.db,
      log: pino({ level: 'silent' }),
      now: () => new Date(clock.t),
      owner: 'p1',
      handlers: {},
      schedules: [],
      maxAttempts: 1,
      onFinished: (e) => finished.push(e),
      ...opts,
    });
    return { clock, finished, runner };
  }

  it("stores a handler's outcome on the run and as the job's last outcome", async () => {
    const { finished, runner } = await setup({
      schedules: [{ name: 'reminders', everyMs: HOUR }],
      handlers: { reminders: () => Promise.resolve('0 DMs: nobody due until Tuesday 10:00') },
    });
    expect(await runner.tick()).toBe(1);
    const [run] = await runner.recentRuns(1);
    expect(run).toMatchObject({
      status: 'succeeded',
      outcome: '0 DMs: nobody due until Tuesday 10:00',
    });
    const [status] = await runner.status();
    expect(status?.lastOutcome).toBe('0 DMs: nobody due until Tuesday 10:00');
    expect(finished[0]?.outcome).toBe('0 DMs: nobody due until Tuesday 10:00');
  });

  it('keeps handlers that resolve to nothing valid: their run has no outcome', async () => {
    const { runner } = await setup({
      schedules: [{ name: 'snapshot', everyMs: HOUR }],
      handlers: { snapshot: () => Promise.resolve() },
    });
    expect(await runner.tick()).toBe(1);
    expect((await runner.recentRuns(1))[0]).toMatchObject({ status: 'succeeded', outcome: null });
    expect((await runner.status())[0]?.lastOutcome).toBeNull();
  });

  it("clears the last outcome when the next run fails: an old success must not read as today's", async () => {
    let fail = false;
    const { clock, runner } = await setup({
      schedules: [{ name: 'feeds', everyMs: HOUR }],
      handlers: {
        feeds: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve('3 synced')),
      },
    });
    await runner.tick();
    expect((await runner.status())[0]?.lastOutcome).toBe('3 synced');
    fail = true;
    clock.t += HOUR;
    await runner.tick();
    const [status] = await runner.status();
    expect(status).toMatchObject({
      lastStatus: 'failed',
      lastOutcome: null,
      lastError: 'disk full',
    });
    const runs = await runner.recentRuns(2);
    expect(runs.map((r) => [r.status, r.outcome])).toEqual([
      ['failed', null],
      ['succeeded', '3 synced'],
    ]);
  });

  it('runs nothing by time when not scheduled, yet lists the job and runs it on request', async () => {
    let calls = 0;
    const { clock, runner } = await setup({
      scheduled: false,
      schedules: [{ name: 'feeds', everyMs: HOUR }],
      handlers: { feeds: () => (calls++, Promise.resolve('1 feed synced')) },
    });
    expect(await runner.tick()).toBe(0);
    clock.t += 5 * HOUR;
    expect(await runner.tick()).toBe(0);
    const [before] = await runner.status();
    expect(before).toMatchObject({ name: 'feeds', nextRunAt: null, lastStatus: null });
    await runner.runNow('feeds');
    expect(await runner.tick()).toBe(1);
    expect(calls).toBe(1);
    expect((await runner.status())[0]?.lastOutcome).toBe('1 feed synced');
  });

  it('settled() waits for a run the background loop claimed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    const { runner } = await setup({
      scheduled: false,
      schedules: [{ name: 'feeds', everyMs: HOUR }],
      handlers: { feeds: async () => (started(), await gate, '2 feeds synced') },
      // One pass, then the loop waits until stop(): only the loop can have claimed the run.
      sleep: (_ms, signal) => new Promise((r) => signal.addEventListener('abort', () => r())),
    });
    await runner.runNow('feeds');
    runner.start(1000);
    await running;
    let done = false;
    const waiting = runner.settled().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    await waiting;
    expect((await runner.recentRuns(1))[0]).toMatchObject({
      status: 'succeeded',
      outcome: '2 feeds synced',
    });
    await runner.stop(1000);
  });

  it('runNow starts the run at once while the loop waits for its next poll', async () => {
    const { runner } = await setup({
      scheduled: false,
      schedules: [{ name: 'feeds', everyMs: HOUR }],
      handlers: { feeds: () => Promise.resolve('1 feed synced') },
      // The loop's poll never comes (until stop): only runNow can start the run.
      sleep: (_ms, signal) => new Promise((r) => signal.addEventListener('abort', () => r())),
    });
    runner.start(1000);
    await runner.settled();
    await runner.runNow('feeds');
    await runner.settled();
    expect((await runner.recentRuns(1))[0]).toMatchObject({
      status: 'succeeded',
      outcome: '1 feed synced',
    });
    await runner.stop(1000);
  });
});
