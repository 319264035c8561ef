import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { HostForEvaluation } from '../compliance/inputs.js';
import { finding } from './__fixtures__/findings.js';
import { runReminderCycle, type CycleDeps } from './cycle.js';
import type { SlackPort } from './slack-port.js';
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
/** A dry run without Slack configured must not call it. */
const noSlack = new Proxy({} as SlackPort, {
  get: () => () => Promise.reject(new Error('Slack called in a dry run without Slack')),
});

/** Ada's two Macs need Chrome in 12 days: nothing is near, so no digest is due. */
function fleet() {
  const hosts = new Map<string, HostForEvaluation>();
  for (const id of ['m1', 'm2']) {
    hosts.set(id, {
      id,
      name: `ada-${id}`,
      serial: null,
      platform: 'macos',
      ownerEmail: 'ada@example.com',
      ownerName: null,
      active: true,
      products: {},
    });
  }
  const deadline = new Date(NOW.getTime() + 12 * DAY).toISOString();
  return {
    findings: ['m1', 'm2'].map((hostId) => finding({ hostId, deadline })),
    hosts,
  };
}

describe.each(DIALECTS)('remind --dry-run --person on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function deps(): Promise<CycleDeps> {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    return {
      store: new ReminderStore(t.db),
      slack: noSlack,
      log,
      now: () => NOW,
      config: {
        reminders,
        slack: {
          token: null,
          signingSecret: null,
          apiUrl: 'http://slack.invalid',
          adminChannel: null,
        },
      },
      findings: () => Promise.resolve(fleet()),
    };
  }

  it('shows a person’s digest before anything is near, saying it is not due yet', async () => {
    const d = await deps();
    const opts = { dryRun: true, slackUnavailable: true } as const;
    // The whole fleet: nothing is urgent, so nobody is listed.
    expect((await runReminderCycle(d, opts)).people).toEqual([]);
    const one = await runReminderCycle(d, { ...opts, person: 'Ada@Example.com' });
    expect(one.people.map((p) => [p.email, p.outcome, p.items, p.reason])).toEqual([
      ['ada@example.com', 'dry-run', 2, 'not due now: nothing overdue or due within 7 days yet'],
    ]);
    expect(JSON.stringify(one.people[0]?.message?.blocks)).toContain(
      'on 2 computers: ada-m1, ada-m2',
    );
  });

  it('never shows another person’s items', async () => {
    const d = await deps();
    const run = await runReminderCycle(d, {
      dryRun: true,
      slackUnavailable: true,
      person: 'bob@example.com',
    });
    expect(run.people).toEqual([]);
  });
});
