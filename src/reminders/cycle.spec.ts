import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../sandbox/slack/server.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import {
  EXPECTED,
  extraPeople,
  itemsOfDigest,
  NOW,
  SLACK_USERS,
  seedScenario,
  UNKNOWN_TO_SLACK,
} from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { reminderFindings } from '../compliance/service.js';
import { policiesSchema } from '../compliance/policy.js';
import { SlackClient } from '../integrations/slack/slack-client.js';
import type { LimiterClock } from '../integrations/slack/rate-limiter.js';
import { runReminderCycle, type CycleDeps } from './cycle.js';
import { ReminderStore } from './store.js';

const log = pino({ level: 'silent' });
const reminders = {
  cadence: 'weekly' as const,
  day: 'tuesday' as const,
  hours: '10:00-16:00',
  snoozeDays: [1, 3, 7],
  escalateAfterDays: 7,
  defaultTz: 'UTC',
  howToUpdate: { macos: 'https://it.example.com/macos' },
};

/** A clock whose sleeps return at once but move time on, so the limiter and Retry-After never wait. */
function fakeClock(): LimiterClock & { slept: number[] } {
  let t = NOW.getTime();
  const slept: number[] = [];
  return { now: () => t, sleep: (ms) => ((t += ms), slept.push(ms), Promise.resolve()), slept };
}

describe.each(DIALECTS)('reminder cycle against the Slack stand-in on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(opts: { extra?: number; random429?: number } = {}) {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    const extra = extraPeople(opts.extra ?? 0);
    await seedScenario(t.db, extra.hosts);
    const clock = fakeClock();
    const standIn = new SlackStandIn({
      users: [...SLACK_USERS, ...extra.users],
      channels: ['C0ADMIN'],
      now: () => clock.now(),
      ...(opts.random429 ? { random429: { rate: opts.random429, seed: 42, retryAfter: 2 } } : {}),
    });
    const apiUrl = await standIn.listen();
    cleanups.push(() => standIn.close());
    const slack = new SlackClient({
      token: standIn.token,
      apiUrl,
      logger: log,
      clock,
      maxRateLimitRetries: 20,
    });
    const deps: CycleDeps = {
      store: new ReminderStore(t.db),
      slack,
      log,
      now: () => NOW,
      config: {
        reminders,
        slack: { token: standIn.token, signingSecret: null, apiUrl, adminChannel: 'C0ADMIN' },
      },
      findings: () =>
        reminderFindings(
          { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) },
          NOW,
        ),
    };
    return { t, standIn, deps, extra, clock };
  }

  it('sends each person exactly one digest listing exactly their overdue and pending items', async () => {
    const { t, standIn, deps } = await setup();
    const summary = await runReminderCycle(deps, { ignoreSchedule: true });
    const byUser = new Map(SLACK_USERS.map((u) => [u.id, u.email]));
    const dms = standIn.inbox().filter((m) => m.channel !== 'C0ADMIN');
    const received = dms.map((m) => byUser.get(m.recipient ?? '')).sort();
    expect(received).toEqual(Object.keys(EXPECTED).sort());
    for (const m of dms) {
      const email = byUser.get(m.recipient ?? '') as string;
      expect(itemsOfDigest(m.blocks ?? []), email).toEqual(EXPECTED[email]);
      expect(m.metadata?.event_payload).toMatchObject({
        key: expect.stringContaining(email) as string,
      });
      expect(m.text).toBeTruthy();
    }
    expect(summary.people.find((p) => p.email === UNKNOWN_TO_SLACK)).toMatchObject({
      outcome: 'no-slack-user',
      reason: 'users_not_found',
    });
    // The admin channel hears about the run, including who could not be reached.
    const admin = standIn.inbox({ channel: 'C0ADMIN' });
    expect(admin).toHaveLength(1);
    expect(JSON.stringify(admin[0]?.blocks)).toContain(UNKNOWN_TO_SLACK);
    // A second run in the same cycle sends nothing new.
    await runReminderCycle(deps, { ignoreSchedule: true });
    expect(standIn.inbox().filter((m) => m.channel !== 'C0ADMIN')).toHaveLength(dms.length);
    const rows = await t.db.kysely
      .selectFrom('digests')
      .select(['email', 'status'])
      .orderBy('email')
      .execute();
    expect(rows).toEqual(
      Object.keys(EXPECTED)
        .sort()
        .map((email) => ({ email, status: 'sent' })),
    );
  });

  it('delivers every digest exactly once when Slack answers 429 to 10% of calls', async () => {
    const { standIn, deps, extra, clock } = await setup({ extra: 40, random429: 0.1 });
    await runReminderCycle(deps, { ignoreSchedule: true });
    const expected = [...Object.keys(EXPECTED), ...extra.emails].sort();
    const emailOf = new Map([...SLACK_USERS, ...extra.users].map((u) => [u.id, u.email]));
    const got = standIn
      .inbox()
      .filter((m) => m.channel !== 'C0ADMIN')
      .map((m) => emailOf.get(m.recipient ?? ''))
      .sort();
    expect(got).toEqual(expected);
    expect(standIn.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(clock.slept.length).toBeGreaterThan(0);
  });

  it('previews digests with --dry-run without sending or storing anything', async () => {
    const { t, standIn, deps } = await setup();
    const summary = await runReminderCycle(deps, { ignoreSchedule: true, dryRun: true });
    expect(
      summary.people
        .filter((p) => p.outcome === 'dry-run')
        .map((p) => p.email)
        .sort(),
    ).toEqual([...Object.keys(EXPECTED), UNKNOWN_TO_SLACK].sort());
    expect(standIn.inbox()).toHaveLength(0);
    expect(await t.db.kysely.selectFrom('digests').selectAll().execute()).toHaveLength(0);
  });

  it('respects working hours in each person’s own time zone unless told to send now', async () => {
    const { standIn, deps } = await setup();
    // 05:00 UTC on Tuesday: 07:00 in Paris and 01:00 in New York: nobody is at work yet.
    const early = { ...deps, now: () => new Date('2026-08-25T05:00:00Z') };
    const summary = await runReminderCycle(early);
    expect(summary.people.filter((p) => p.outcome === 'not-due').map((p) => p.reason)).toContain(
      'outside-hours',
    );
    // The jobs page works out "next due" from this: the rule that made the cadence daily.
    expect(summary.people.filter((p) => p.outcome === 'not-due').map((p) => p.hasOverdue)).toEqual([
      true,
      true,
      true,
    ]);
    expect(standIn.inbox().filter((m) => m.channel !== 'C0ADMIN')).toHaveLength(0);
  });
});
