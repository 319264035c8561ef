import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../sandbox/slack/server.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { HostForEvaluation } from '../compliance/inputs.js';
import type { Finding } from '../compliance/model.js';
import { SlackClient } from '../integrations/slack/slack-client.js';
import { finding } from './__fixtures__/findings.js';
import { DEFAULT_CONTROL_GROUP_SALT, inControlGroup } from './control-group.js';
import { CONTROL_GROUP_REASON, runReminderCycle, type CycleDeps } from './cycle.js';
import { ReminderStore } from './store.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const log = pino({ level: 'silent' });
const SHARE = 0.5;
const candidates = Array.from({ length: 40 }, (_, i) => `p${i}@example.com`);
const inGroup = (e: string): boolean => inControlGroup(e, SHARE, DEFAULT_CONTROL_GROUP_SALT);
// Two people the draw holds back and two it does not (picked by the real draw, not by hand).
const [held1 = '', held2 = ''] = candidates.filter(inGroup);
const [told1 = '', told2 = ''] = candidates.filter((e) => !inGroup(e));
const PEOPLE = [held1, held2, told1, told2];
const users = PEOPLE.map((email, i) => ({ id: `U0P${i}`, email, name: `p${i}`, tz: 'UTC' }));

/** One overdue Mac each; held2's also lacks a fix for an actively exploited CVE. */
function fleet(): { findings: Finding[]; hosts: Map<string, HostForEvaluation> } {
  const hosts = new Map<string, HostForEvaluation>();
  const findings: Finding[] = [];
  PEOPLE.forEach((email, i) => {
    const id = `h${i}`;
    hosts.set(id, {
      ...{ id, name: `mac-${i}`, serial: null, platform: 'macos', ownerEmail: email },
      ...{ ownerName: null, active: true, products: {} },
    });
    findings.push(
      finding({ hostId: id, status: 'overdue', deadline: '2026-11-10T12:00:00Z', daysOverdue: 14 }),
    );
  });
  findings.push(
    finding({
      hostId: 'h1',
      product: 'macos',
      productName: 'macOS',
      status: 'overdue',
      deadline: '2026-11-20T12:00:00Z',
      daysOverdue: 4,
      exploitedCves: ['CVE-2026-0001'],
    }),
  );
  return { findings, hosts };
}

describe.each(DIALECTS)('reminder cycle with a control group on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(controlGroup: number) {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    const standIn = new SlackStandIn({ users, channels: ['C0ADMIN'], limits: false });
    const apiUrl = await standIn.listen();
    cleanups.push(() => standIn.close());
    const deps: CycleDeps = {
      store: new ReminderStore(t.db),
      slack: new SlackClient({ token: standIn.token, apiUrl, logger: log }),
      log,
      now: () => NOW,
      config: {
        reminders: {
          ...{ cadence: 'weekly', day: 'tuesday', hours: '10:00-16:00', snoozeDays: [1, 3, 7] },
          ...{ escalateAfterDays: 7, defaultTz: 'UTC', howToUpdate: {}, controlGroup },
        },
        slack: { token: standIn.token, signingSecret: null, apiUrl, adminChannel: 'C0ADMIN' },
      },
      findings: () => Promise.resolve(fleet()),
    };
    return { standIn, deps };
  }

  it('sends no DM to the control group, counts them, and still expedites exploited fixes', async () => {
    const { standIn, deps } = await setup(SHARE);
    const summary = await runReminderCycle(deps, { ignoreSchedule: true });
    const outcome = new Map(summary.people.map((p) => [p.email, p]));
    expect(outcome.get(held1)).toMatchObject({
      outcome: 'control-group',
      reason: CONTROL_GROUP_REASON,
      items: 1,
    });
    // held2 hears about the exploited macOS fix alone, not about Chrome.
    expect(outcome.get(held2)?.outcome).toBe('sent');
    expect(outcome.get(held2)?.items).toBe(1);
    expect(outcome.get(told1)?.outcome).toBe('sent');
    expect(outcome.get(told2)?.outcome).toBe('sent');
    expect(summary.heldBack).toBe(1);
    const dmTo = standIn
      .inbox()
      .filter((m) => m.channel !== 'C0ADMIN')
      .map((m) => m.recipient);
    expect(dmTo.sort()).toEqual(['U0P1', 'U0P2', 'U0P3']);
    const held2Dm = standIn.inbox({ user: 'U0P1' })[0]?.text ?? '';
    expect(held2Dm).toContain('macOS');
    expect(held2Dm).not.toContain('Chrome');
    // Nobody looked held1 up: the control group costs no Slack call.
    expect(standIn.count('users.lookupByEmail')).toBe(3);
    const admin = standIn.inbox({ channel: 'C0ADMIN' })[0]?.text ?? '';
    expect(admin).toContain('1 held back (control group)');
    // Escalation (14 days overdue >= 7) names the reminded, never the held-back person.
    expect(JSON.stringify(standIn.inbox({ channel: 'C0ADMIN' }))).not.toContain(held1);
  });

  it('holds nobody back when the share is 0', async () => {
    const { standIn, deps } = await setup(0);
    const summary = await runReminderCycle(deps, { ignoreSchedule: true });
    expect(summary.heldBack).toBe(0);
    expect(summary.people.every((p) => p.outcome === 'sent')).toBe(true);
    expect(standIn.inbox().filter((m) => m.channel !== 'C0ADMIN')).toHaveLength(4);
  });

  it('says so in a dry run and composes nothing for the held-back person', async () => {
    const { standIn, deps } = await setup(SHARE);
    const summary = await runReminderCycle(deps, { dryRun: true });
    const held = summary.people.find((p) => p.email === held1);
    expect(held).toMatchObject({ outcome: 'control-group', reason: CONTROL_GROUP_REASON });
    expect(held?.message).toBeUndefined();
    expect(standIn.inbox()).toHaveLength(0);
  });
});
