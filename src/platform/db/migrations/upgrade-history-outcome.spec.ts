import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../../../../test/dialects.js';
import { ReminderHistoryStore } from '../../../reminders/history-store.js';
import { ReminderStore } from '../../../reminders/store.js';
import { JobRunner } from '../../jobs/runner.js';
import { openDatabase, type Db } from '../db.js';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './list.js';

/**
 * Migrations 0017 (reminder history) and 0018 (job outcome) on a database that already has
 * rows: an "I updated" claim closed before claims kept how they ended, and a job that ran before
 * runs kept an outcome. Both must read as "not known" (null), and the new writes must work.
 */
const T0 = '2026-11-20T10:00:00.000Z';
const NOW = new Date('2026-11-30T10:00:00.000Z');

interface Opened {
  readonly db: Db;
  readonly cleanup: () => Promise<void>;
}

function openSqlite(): Promise<Opened> {
  const db = openDatabase('sqlite::memory:');
  return Promise.resolve({ db, cleanup: () => db.close() });
}

/** A fresh PostgreSQL schema with no migration applied (test/dialects.ts applies them all). */
async function openPostgres(url: string): Promise<Opened> {
  const schema = `pb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase(url, { pgSchema: schema });
  return {
    db,
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const CASES = [
  { name: 'sqlite', open: openSqlite },
  ...(POSTGRES_URL ? [{ name: 'postgres', open: () => openPostgres(POSTGRES_URL as string) }] : []),
];

describe.each(CASES)('migrations 0017 and 0018 over existing rows on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function upgraded(seed: (db: Db) => Promise<void>): Promise<Db> {
    const { db, cleanup } = await open();
    cleanups.push(cleanup);
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.id < '0017'),
    );
    await seed(db);
    const res = await migrate(db);
    expect(res.applied).toEqual(
      expect.arrayContaining(['0017-reminder-history', '0018-job-outcome']),
    );
    return db;
  }

  it('keeps claims closed before 0017 (outcome unknown) and records how new ones end', async () => {
    const db = await upgraded(async (d) => {
      await sql`INSERT INTO update_claims (email, host_id, cycle, claimed_at, resolved_at)
        VALUES ('ana@example.com', 'h1', '2026-W47', ${T0}, ${T0}),
               ('ana@example.com', 'h2', '2026-W47', ${T0}, NULL)`.execute(d.kysely);
    });
    const store = new ReminderStore(db);
    const open = await store.openClaims();
    expect(open.map((c) => c.host_id)).toEqual(['h2']);
    await store.resolveClaim(open[0]?.id as number, NOW, 'expired');
    const history = await new ReminderHistoryStore(db).personHistory('ana@example.com', NOW);
    const claims = history.filter((e) => e.kind === 'claim');
    expect(
      claims
        .map((c) => [c.hostId, c.resolvedAt, c.outcome])
        .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    ).toEqual([
      ['h1', T0, null],
      ['h2', NOW.toISOString(), 'expired'],
    ]);
  });

  it('keeps job runs from before 0018 (no outcome) and stores the next run’s outcome', async () => {
    const db = await upgraded(async (d) => {
      await sql`INSERT INTO job_schedules (name, interval_ms, next_run_at, last_run_at, last_status, last_error, last_duration_ms)
        VALUES ('feeds', 3600000, ${NOW.toISOString()}, ${T0}, 'succeeded', NULL, 12)`.execute(
        d.kysely,
      );
      await sql`INSERT INTO job_runs (name, status, attempt, run_after, lease_owner, lease_until, dedupe_key, started_at, finished_at, error, created_at)
        VALUES ('feeds', 'succeeded', 1, ${T0}, NULL, NULL, ${`feeds@${T0}`}, ${T0}, ${T0}, NULL, ${T0})`.execute(
        d.kysely,
      );
    });
    const runner = new JobRunner({
      db,
      log: pino({ level: 'silent' }),
      now: () => NOW,
      owner: 'p1',
      handlers: { feeds: () => Promise.resolve('3 feeds synced, 2 new releases') },
      schedules: [{ name: 'feeds', everyMs: 3_600_000 }],
      maxAttempts: 1,
    });
    const [before] = await runner.status();
    expect(before).toMatchObject({ name: 'feeds', lastStatus: 'succeeded', lastOutcome: null });
    expect(await runner.recentRuns(5)).toMatchObject([{ status: 'succeeded', outcome: null }]);
    expect(await runner.tick()).toBe(1);
    const [after] = await runner.status();
    expect(after?.lastOutcome).toBe('3 feeds synced, 2 new releases');
    const runs = await runner.recentRuns(5);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['3 feeds synced, 2 new releases', null]);
  });
});
