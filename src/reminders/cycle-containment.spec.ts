import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../sandbox/slack/simulated-clock.js';
import { SlackStandIn } from '../../sandbox/slack/server.js';
import type { SeedUser } from '../../sandbox/slack/workspace.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { Finding } from '../compliance/model.js';
import type { HostForEvaluation } from '../compliance/inputs.js';
import { SlackClient } from '../integrations/slack/slack-client.js';
import { finding } from './__fixtures__/findings.js';
import { runReminderCycle, type CycleDeps } from './cycle.js';
import { composeDigest } from './digest.js';
import type { DigestInput, DigestMessage } from './model.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const log = pino({ level: 'silent' });
const reminders = {
  cadence: 'weekly' as const,
  day: 'tuesday' as const,
  hours: '10:00-16:00',
  snoozeDays: [1, 3, 7],
  escalateAfterDays: 7,
  defaultTz: 'UTC',
  howToUpdate: {},
};

const PEOPLE = Array.from({ length: 6 }, (_, i) => `p${i}@example.com`);
const USERS: SeedUser[] = PEOPLE.map((email, i) => ({
  id: `U0P${i}`,
  email,
  name: `p${i}`,
  tz: 'UTC',
}));
/** p2's Mac has 80 pending products: its snooze button's JSON value was 2,465 characters. */
const HEAVY = 'p2@example.com';
const HEAVY_PRODUCTS = Array.from({ length: 80 }, (_, i) => `homebrew-cask-product-${i}-xx`);

function fleet(): { findings: Finding[]; hosts: Map<string, HostForEvaluation> } {
  const hosts = new Map<string, HostForEvaluation>();
  const findings: Finding[] = [];
  PEOPLE.forEach((email, i) => {
    const id = `h-${i}`;
    hosts.set(id, {
      id,
      name: `Mac ${i}`,
      serial: `C02X${i}`,
      platform: 'macos',
      ownerEmail: email,
      ownerName: null,
      active: true,
      products: {},
    });
    findings.push(
      finding({
        hostId: id,
        status: 'overdue',
        deadline: new Date(NOW.getTime() - 2 * DAY).toISOString(),
        daysOverdue: 2,
      }),
    );
    if (email === HEAVY) {
      for (const product of HEAVY_PRODUCTS) {
        findings.push(
          finding({
            hostId: id,
            product,
            productName: product,
            deadline: new Date(NOW.getTime() + 20 * DAY).toISOString(),
          }),
        );
      }
    }
  });
  return { findings, hosts };
}

describe.each(DIALECTS)('one person never stops a reminder cycle, on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(compose?: (input: DigestInput) => DigestMessage) {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    const clock = new SimulatedClock(NOW.getTime());
    const standIn = new SlackStandIn({ users: USERS, channels: ['C0ADMIN'], now: clock.now });
    const apiUrl = await standIn.listen();
    cleanups.push(() => standIn.close());
    const slack = new SlackClient({
      token: standIn.token,
      apiUrl,
      logger: log,
      clock: clock.asLimiterClock(),
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
      findings: () => Promise.resolve(fleet()),
      ...(compose ? { compose } : {}),
    };
    const emailOf = new Map(USERS.map((u) => [u.id, u.email]));
    const receivers = () =>
      standIn
        .inbox()
        .filter((m) => m.channel !== 'C0ADMIN')
        .map((m) => emailOf.get(m.recipient ?? ''))
        .sort();
    return { t, standIn, deps, receivers };
  }

  it('sends the owner of a host with 80 pending products a digest whose buttons fit Slack', async () => {
    const { standIn, deps, receivers, t } = await setup();
    const summary = await runReminderCycle(deps, { ignoreSchedule: true, concurrency: 1 });
    expect(summary.people.find((p) => p.email === HEAVY)).toMatchObject({ outcome: 'sent' });
    expect(receivers()).toEqual(PEOPLE);
    const heavy = standIn.inbox({ user: 'U0P2' }).at(-1);
    const values = (heavy?.blocks ?? [])
      .flatMap((b) => (b as { elements?: { value?: string }[] }).elements ?? [])
      .flatMap((e) => (e.value === undefined ? [] : [e.value]));
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(2000);
    // Every button's action was stored before the digest left, so a click finds it.
    const store = new ReminderStore(t.db);
    for (const v of values) expect((await store.actionByRef(v, NOW)).status).toBe('ok');
  });

  it('still delivers to everyone after a person whose digest cannot be composed', async () => {
    const { deps, receivers, t } = await setup((input) => {
      if (input.person.email === 'p0@example.com') throw new Error('compose exploded');
      return composeDigest(input);
    });
    const summary = await runReminderCycle(deps, { ignoreSchedule: true, concurrency: 1 });
    expect(summary.people.find((p) => p.email === 'p0@example.com')).toMatchObject({
      outcome: 'failed',
      reason: 'compose exploded',
    });
    expect(receivers()).toEqual(PEOPLE.slice(1));
    const rows = await t.db.kysely.selectFrom('digests').select('email').orderBy('email').execute();
    expect(rows.map((r) => r.email)).toEqual(PEOPLE.slice(1));
  });

  it('refuses a digest past a Block Kit limit for that person alone, saying which limit', async () => {
    const { deps, receivers, t } = await setup((input) => {
      const msg = composeDigest(input);
      if (input.person.email !== 'p1@example.com') return msg;
      return {
        ...msg,
        blocks: msg.blocks.map((b) =>
          b.type === 'header' ? { ...b, text: { type: 'plain_text', text: 'x'.repeat(151) } } : b,
        ),
      };
    });
    const summary = await runReminderCycle(deps, { ignoreSchedule: true, concurrency: 1 });
    const p1 = summary.people.find((p) => p.email === 'p1@example.com');
    expect(p1?.outcome).toBe('failed');
    expect(p1?.reason).toContain('blocks[0].text: 151 characters, Slack allows 150');
    expect(receivers()).toEqual(PEOPLE.filter((e) => e !== 'p1@example.com'));
    const rows = await t.db.kysely
      .selectFrom('digests')
      .select('email')
      .where('email', '=', 'p1@example.com')
      .execute();
    expect(rows).toEqual([]);
  });
});
