/**
 * Reminder cycle benchmark: one cycle for N people (one overdue Mac each, all new to Patchbay)
 * against the Slack stand-in with Slack's rate tiers enforced on a simulated clock, so hours of
 * Slack pacing run in seconds. The reminder store is an SQLite file.
 * Prints the simulated Slack time of the cycle, Patchbay's own wall time, and a baseline measured
 * in the same run: one plain sequential HTTP chat.postMessage per person to the same stand-in
 * (tiers off: the floor cost of the HTTP alone), with the ratio.
 *
 *   npm run bench:reminders -- --people 20000 [--concurrency 8] [--workspace-per-minute 600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { SimulatedClock } from '../sandbox/slack/simulated-clock.js';
import { STAND_IN_LIMITS, WORKSPACE_POSTS } from '../sandbox/slack/rate-tiers.js';
import { SlackStandIn, type SeedUser, type StoredMessage } from '../sandbox/slack/server.js';
import { SlackClient } from '../src/integrations/slack/slack-client.js';
import { openDatabase } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import { generatedView } from '../src/reminders/__fixtures__/generated-view.js';
import { DELIVERY_CONCURRENCY, runReminderCycle, type CycleDeps } from '../src/reminders/cycle.js';
import { ReminderStore } from '../src/reminders/store.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: String(DELIVERY_CONCURRENCY) },
    'workspace-per-minute': {
      type: 'string',
      default: String(STAND_IN_LIMITS[WORKSPACE_POSTS]?.perMinute ?? 600),
    },
  },
});
const PEOPLE = Number(values.people);
const CONCURRENCY = Number(values.concurrency);
const WORKSPACE_PER_MINUTE = Number(values['workspace-per-minute']);
const NOW = new Date('2026-08-25T12:00:00Z');
const ADMIN = 'C0ADMIN';
// Warnings (a lost answer, a refused post) go to stderr: a clean run prints none.
const log = pino({ level: 'warn' }, process.stderr);
const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const { view, people } = generatedView(PEOPLE);
const users: SeedUser[] = people.map((p) => ({
  id: p.slackUserId,
  email: p.email,
  name: p.email.split('@')[0] ?? p.email,
  tz: 'UTC',
}));

/** Tiers as the stand-in enforces them; the workspace-wide post budget as asked on the command line. */
function tiers(): typeof STAND_IN_LIMITS {
  const workspace = STAND_IN_LIMITS[WORKSPACE_POSTS];
  if (WORKSPACE_PER_MINUTE <= 0) {
    return Object.fromEntries(
      Object.entries(STAND_IN_LIMITS).filter(([k]) => k !== WORKSPACE_POSTS),
    );
  }
  return {
    ...STAND_IN_LIMITS,
    [WORKSPACE_POSTS]: { perMinute: WORKSPACE_PER_MINUTE, burst: workspace?.burst ?? 100 },
  };
}

async function cycle(
  dir: string,
): Promise<{ simMs: number; lookupMs: number; wallMs: number; sample: StoredMessage }> {
  const clock = new SimulatedClock(NOW.getTime());
  const standIn = new SlackStandIn({ users, channels: [ADMIN], now: clock.now, limits: tiers() });
  const apiUrl = await standIn.listen();
  const db = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  await migrate(db);
  try {
    const slack = new SlackClient({
      token: standIn.token,
      apiUrl,
      logger: log,
      clock: clock.asLimiterClock(),
      // The client's own table is its belief; the stand-in's refusals are what it must live with.
      ...(WORKSPACE_PER_MINUTE > 0
        ? {}
        : { limits: { 'chat.postMessage:workspace': { perMinute: 1e9, burst: 1e9 } } }),
      maxRateLimitRetries: 20,
    });
    const deps: CycleDeps = {
      store: new ReminderStore(db),
      slack,
      log,
      now: () => NOW,
      config: {
        reminders: {
          cadence: 'weekly',
          day: 'tuesday',
          hours: '10:00-16:00',
          snoozeDays: [1, 3, 7],
          escalateAfterDays: 7,
          defaultTz: 'UTC',
          howToUpdate: { macos: 'https://it.example.com/macos' },
        },
        slack: { token: standIn.token, signingSecret: null, apiUrl, adminChannel: ADMIN },
      },
      findings: () => Promise.resolve(view),
    };
    const start = clock.now();
    let deliveriesFrom = start;
    const started = performance.now();
    const summary = await runReminderCycle(deps, {
      ignoreSchedule: true,
      concurrency: CONCURRENCY,
      onProgress: (done) => {
        if (done === 0) deliveriesFrom = clock.now();
      },
    });
    const wallMs = performance.now() - started;
    const simMs = clock.now() - start;
    const outcomes = summary.people.map((p) => p.outcome);
    // A lost answer (e.g. a reset keep-alive socket) leaves its digest to the next run, which
    // looks in the DM before resending: run it as production would, and count it apart.
    const left = outcomes.filter((o) => o !== 'sent').length;
    let followUp = '';
    if (left > 0) {
      const again = performance.now();
      const second = await runReminderCycle(deps, {
        ignoreSchedule: true,
        concurrency: CONCURRENCY,
      });
      const redone = second.people.map((p) => p.outcome).filter((o) => o !== 'already-sent');
      followUp =
        `follow-up  ${left} left after the first run; the next run settled them in ` +
        `${seconds(performance.now() - again)}: ${JSON.stringify(outcomesOf(redone))}`;
    }
    check(standIn, outcomes);
    if (followUp) console.log(followUp);
    const sample = standIn.inbox().find((m) => m.channel !== ADMIN);
    if (!sample) throw new Error('nothing was posted');
    return { simMs, lookupMs: deliveriesFrom - start, wallMs, sample };
  } finally {
    await db.close();
    await standIn.close();
  }
}

function outcomesOf(outcomes: readonly string[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const o of outcomes) tally[o] = (tally[o] ?? 0) + 1;
  return tally;
}

/** The figures only count if, leftovers done, every person holds exactly one digest. */
function check(standIn: SlackStandIn, outcomes: readonly string[]): void {
  const perUser = new Map<string, number>();
  for (const m of standIn.inbox()) {
    if (m.channel !== ADMIN)
      perUser.set(m.recipient ?? '', (perUser.get(m.recipient ?? '') ?? 0) + 1);
  }
  const once = users.every((u) => perUser.get(u.id) === 1) && perUser.size === users.length;
  console.log(
    `checked    first run ${JSON.stringify(outcomesOf(outcomes))}; exactly one DM each in the end: ${once}; ` +
      `conversations.open calls: ${standIn.count('conversations.open')}; ` +
      `users.list calls: ${standIn.count('users.list')}; 429s answered: ${standIn.count('chat.postMessage', 429) + standIn.count('users.list', 429)}`,
  );
  if (!once) throw new Error('the cycle did not deliver exactly one digest per person');
}

/** One plain POST per person, one after another, with the same digest payload. */
async function baseline(sample: StoredMessage): Promise<number> {
  const standIn = new SlackStandIn({ users, limits: false });
  const apiUrl = await standIn.listen();
  try {
    const started = performance.now();
    for (const u of users) {
      const res = await fetch(`${apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${standIn.token}`,
          'content-type': 'application/json; charset=utf-8',
        },
        body: JSON.stringify({
          channel: u.id,
          text: sample.text,
          blocks: sample.blocks,
          metadata: sample.metadata,
        }),
      });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error('baseline post refused');
    }
    return performance.now() - started;
  } finally {
    await standIn.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-reminders-'));
try {
  const cap = WORKSPACE_PER_MINUTE > 0 ? `${WORKSPACE_PER_MINUTE}/min` : 'off';
  console.log(
    `reminders  ${PEOPLE} people, all new (users.list, no cached DM ids), concurrency ${CONCURRENCY}; ` +
      `tiers: Tier 2/3/4, chat.postMessage 1/s per DM and workspace-wide ${cap}; simulated clock`,
  );
  const run = await cycle(dir);
  const base = await baseline(run.sample);
  const floor = WORKSPACE_PER_MINUTE > 0 ? PEOPLE / WORKSPACE_PER_MINUTE : 0;
  console.log(
    `slack time ${minutes(run.simMs)} simulated (people lookup ${minutes(run.lookupMs)}, ` +
      `deliveries ${minutes(run.simMs - run.lookupMs)}; the workspace budget alone needs ≥ ${floor.toFixed(1)} min; ` +
      `Slack's response latency is not simulated)`,
  );
  console.log(
    `wall time  Patchbay ${seconds(run.wallMs)}; baseline ${PEOPLE} sequential plain postMessage calls ${seconds(base)}; ` +
      `Patchbay costs ${(run.wallMs / base).toFixed(2)}x the baseline`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
