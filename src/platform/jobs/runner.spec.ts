import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, POSTGRES_URL } from '../../../test/dialects.js';
import { openDatabase, type Db, type DialectName } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { JobRunner } from './runner.js';
import type { JobFinished, JobRunnerOptions } from './types.js';

const T0 = Date.parse('2026-09-01T10:00:00.000Z');
const log = pino({ level: 'silent' });

/** Two connections (two pools on PostgreSQL) to one database: two processes, as far as SQL can tell. */
async function openTwin(
  name: DialectName,
): Promise<{ dbs: [Db, Db]; cleanup: () => Promise<void> }> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-jobs-'));
    const url = `sqlite:${join(dir, 'jobs.db')}`;
    const dbs: [Db, Db] = [openDatabase(url), openDatabase(url)];
    await migrate(dbs[0]);
    return {
      dbs,
      async cleanup() {
        await Promise.all(dbs.map((d) => d.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = POSTGRES_URL ?? '';
  const schema = `pb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const dbs: [Db, Db] = [
    openDatabase(url, { pgSchema: schema }),
    openDatabase(url, { pgSchema: schema }),
  ];
  await migrate(dbs[0]);
  return {
    dbs,
    async cleanup() {
      await Promise.all(dbs.map((d) => d.close()));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(DIALECTS)('JobRunner across processes on $name', ({ name }) => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });

  /** Two "processes" on one database sharing one fake clock. */
  async function world(): Promise<{
    clock: { t: number };
    runner(process: 0 | 1, opts: Partial<JobRunnerOptions>): JobRunner;
  }> {
    const twin = await openTwin(name);
    cleanup = twin.cleanup;
    const clock = { t: T0 };
    return {
      clock,
      runner: (process, opts) =>
        new JobRunner({
          db: twin.dbs[process],
          log,
          now: () => new Date(clock.t),
          owner: `process-${process}`,
          handlers: {},
          schedules: [],
          ...opts,
        }),
    };
  }

  it('runs each scheduled job once per due time while two runners tick concurrently', async () => {
    const calls = { sync: 0, snapshot: 0 };
    let overlap = 0;
    const active = new Set<string>();
    const handler = (job: keyof typeof calls) => async () => {
      if (active.has(job)) overlap++;
      active.add(job);
      calls[job]++;
      await Promise.resolve();
      active.delete(job);
    };
    const w = await world();
    const opts = {
      handlers: { sync: handler('sync'), snapshot: handler('snapshot') },
      schedules: [
        { name: 'sync', everyMs: 60_000 },
        { name: 'snapshot', everyMs: 150_000 },
      ],
    };
    const [a, b] = [w.runner(0, opts), w.runner(1, opts)];
    let ran = 0;
    for (let step = 0; step <= 30; step++) {
      const counts = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      ran += counts.reduce((x, y) => x + y, 0);
      w.clock.t += 20_000;
    }
    w.clock.t -= 20_000; // settle at the last due time: anything enqueued but not yet claimed runs now
    ran += (await Promise.all([a.tick(), b.tick()])).reduce((x, y) => x + y, 0);
    // Due times over 0..600 s: sync at every 60 s (11), snapshot at every 150 s (5).
    expect(calls).toEqual({ sync: 11, snapshot: 5 });
    expect(ran).toBe(16);
    expect(overlap).toBe(0);
    const runs = await a.recentRuns(100);
    expect(runs).toHaveLength(16);
    expect(runs.every((r) => r.status === 'succeeded' && r.attempt === 1)).toBe(true);
  });

  it("takes over a run whose process died once its lease expires, and drops the dead one's late result", async () => {
    const started = deferred();
    const gate = deferred();
    let taken = 0;
    const w = await world();
    const dying = w.runner(0, {
      leaseMs: 60_000,
      handlers: {
        sync: async () => {
          started.resolve();
          await gate.promise;
          throw new Error('written by a process that lost its lease');
        },
      },
    });
    const taker = w.runner(1, {
      leaseMs: 60_000,
      handlers: { sync: () => (taken++, Promise.resolve()) },
    });
    await dying.runNow('sync');
    const dyingTick = dying.tick();
    await started.promise;
    w.clock.t += 60_000;
    expect(await taker.tick()).toBe(0); // the lease is live up to its last millisecond
    w.clock.t += 1;
    expect(await taker.tick()).toBe(1);
    expect(taken).toBe(1);
    gate.resolve();
    await dyingTick;
    const runs = await taker.recentRuns(10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 2, error: null });
  });

  it("keeps a live process's run: renewing on each pass holds the lease past its first term", async () => {
    const gate = deferred();
    const started = deferred();
    let taken = 0;
    const w = await world();
    const alive = w.runner(0, {
      leaseMs: 60_000,
      handlers: { sync: () => (started.resolve(), gate.promise) },
    });
    const other = w.runner(1, {
      leaseMs: 60_000,
      handlers: { sync: () => (taken++, Promise.resolve()) },
    });
    await alive.runNow('sync');
    const first = alive.tick();
    await started.promise;
    for (let i = 0; i < 5; i++) {
      w.clock.t += 40_000;
      expect(await alive.tick()).toBe(0); // renews: 20 s were left of 60
      expect(await other.tick()).toBe(0);
    }
    gate.resolve();
    expect(await first).toBe(1);
    expect(taken).toBe(0);
    expect((await other.recentRuns(1))[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
  });

  it('fails an abandoned run that was on its last attempt instead of running it again', async () => {
    const started = deferred();
    const finished: JobFinished[] = [];
    const w = await world();
    const dying = w.runner(0, {
      leaseMs: 60_000,
      maxAttempts: 1,
      schedules: [{ name: 'sync', everyMs: 3_600_000 }],
      handlers: { sync: () => (started.resolve(), new Promise<void>(() => undefined)) },
    });
    const taker = w.runner(1, {
      leaseMs: 60_000,
      maxAttempts: 1,
      schedules: [{ name: 'sync', everyMs: 3_600_000 }],
      handlers: { sync: () => Promise.reject(new Error('must not run')) },
      onFinished: (e) => finished.push(e),
    });
    void dying.tick();
    await started.promise;
    w.clock.t += 60_001;
    expect(await taker.tick()).toBe(0);
    expect(finished.map((e) => [e.name, e.status, e.durationMs])).toEqual([['sync', 'failed', 0]]);
    expect(finished[0]?.error).toMatch(/lease expired/);
    const [status] = await taker.status();
    expect(status).toMatchObject({ lastStatus: 'failed', running: false });
    expect(status?.lastError).toMatch(/lease expired/);
  });
});
