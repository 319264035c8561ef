import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../../sandbox/slack/server.js';
import {
  NOW,
  SLACK_USERS,
  seedScenario,
  UNKNOWN_TO_SLACK,
} from '../../../test/reminder-scenario.js';
import { createContext, type AppContext } from '../../context.js';
import { SlackClient } from '../../integrations/slack/slack-client.js';
import { loadConfig } from '../../platform/config/load.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { blockKitViolations } from '../../reminders/block-kit.js';
import type { CycleSummary } from '../../reminders/cycle.js';
import type { Io } from '../output.js';
import { runRemind } from './remind.js';

const log = pino({ level: 'silent' });

describe('patchbay remind --dry-run', () => {
  let dir: string;
  let url: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-remind-'));
    url = `sqlite:${join(dir, 'pb.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    await seedScenario(db);
    await db.close();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  async function context(at: Date, more: Record<string, string> = {}): Promise<AppContext> {
    const env = { PATCHBAY_DATABASE__URL: url, PATCHBAY_LOG__LEVEL: 'silent', ...more };
    const loaded = loadConfig(optionTable(), { text: null, path: null, env, readFile: () => '' });
    const ctx = await createContext(loaded, { now: () => at, log });
    cleanups.push(() => ctx.close());
    return ctx;
  }

  async function standIn(): Promise<{ s: SlackStandIn; slack: SlackClient }> {
    const s = new SlackStandIn({ users: SLACK_USERS, channels: [], now: () => NOW.getTime() });
    const apiUrl = await s.listen();
    cleanups.push(() => s.close());
    return { s, slack: new SlackClient({ token: s.token, apiUrl, logger: log }) };
  }

  function io(): Io & { text: () => string } {
    let out = '';
    return { out: (t) => (out += t), err: () => undefined, isTty: false, env: {}, text: () => out };
  }

  it('without Slack configured says so, and still shows each digest as Slack lays it out', async () => {
    const out = io();
    await runRemind(await context(NOW), out, { dryRun: true });
    const text = out.text();
    expect(text).toContain('Slack is not configured (slack.token)');
    expect(text).toContain('── to alice@example.com');
    expect(text).toContain('│ UPDATES NEEDED ON YOUR 2 COMPUTERS');
    // Buttons are shown, the primary one starred, each naming its computer.
    expect(text).toMatch(/│ .*\[\*I updated · mac-A2\*\]/);
    // Nobody was looked up: no one is reported unreachable on a guess.
    expect(text).not.toContain('cannot be reached');
    expect(text).toContain('Nothing was sent.');
  });

  it('tells a control-group person only about fixes for actively exploited CVEs', async () => {
    const out = io();
    // Draws with this salt: alice 0.16, bob 0.16, erin 0.86: at 0.3 alice and bob are in the
    // control group. Every one of them lacks macOS 15.7.9 (an exploited CVE), so all still hear
    // about that; alice's Chrome and her other Mac's macOS 26.6.2 are held back.
    const ctx = await context(NOW, {
      PATCHBAY_REMINDERS__CONTROL_GROUP: '0.3',
      PATCHBAY_REMINDERS__CONTROL_GROUP_SALT: 'test-salt-19',
    });
    const summary = await runRemind(ctx, out, { dryRun: true });
    const alice = summary.people.find((p) => p.email === 'alice@example.com');
    expect(alice?.items).toBe(1);
    expect(alice?.message?.text).toContain('macOS');
    expect(alice?.message?.text).not.toContain('Chrome');
    expect(summary.people.map((p) => p.outcome)).toEqual(['dry-run', 'dry-run', 'dry-run']);
    expect(summary.heldBack).toBe(0);
    expect(out.text()).not.toContain('held back');
  });

  it('names who cannot be reached and why, asking Slack without storing or sending anything', async () => {
    const { s, slack } = await standIn();
    const ctx = await context(NOW);
    const out = io();
    const summary = await runRemind(ctx, out, { dryRun: true, slack });
    expect(summary.people.find((p) => p.email === UNKNOWN_TO_SLACK)?.unreachable).toMatch(
      /^users_not_found: no Slack account has this email/,
    );
    expect(summary.people.filter((p) => p.unreachable).map((p) => p.email)).toEqual([
      UNKNOWN_TO_SLACK,
    ]);
    expect(out.text()).toMatch(new RegExp(`${UNKNOWN_TO_SLACK}.*users_not_found`));
    expect(s.inbox()).toHaveLength(0);
    expect(await ctx.db.kysely.selectFrom('people').selectAll().execute()).toEqual([]);
    expect(await ctx.db.kysely.selectFrom('digests').selectAll().execute()).toEqual([]);
  });

  it('shows the digest whatever the schedule, and says when it would really go out', async () => {
    // 05:00 UTC: before working hours for everyone; a real run sends nothing.
    const early = new Date('2026-08-25T05:00:00Z');
    const out = io();
    const summary = await runRemind(await context(early), out, {
      dryRun: true,
      person: 'ALICE@example.com',
    });
    expect(summary.people.map((p) => [p.email, p.outcome, p.reason])).toEqual([
      [
        'alice@example.com',
        'dry-run',
        "not due now: outside working hours in the person's time zone",
      ],
    ]);
    expect(out.text()).toContain('│ UPDATES NEEDED ON YOUR 2 COMPUTERS');
  });

  it('prints the Block Kit JSON with --json, inside every Slack limit', async () => {
    const out = io();
    await runRemind(await context(NOW), out, {
      dryRun: true,
      json: true,
      person: 'bob@example.com',
    });
    const summary = JSON.parse(out.text()) as CycleSummary;
    expect(summary.people.map((p) => p.email)).toEqual(['bob@example.com']);
    const message = summary.people[0]?.message;
    expect(message?.blocks[0]).toMatchObject({ type: 'header' });
    expect(message && blockKitViolations(message)).toEqual([]);
  });

  it('says when the person asked for has nothing to hear', async () => {
    const out = io();
    await runRemind(await context(NOW), out, { dryRun: true, person: 'carol@example.com' });
    expect(out.text()).toContain('Nothing to tell carol@example.com');
  });
});
