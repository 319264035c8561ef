/**
 * The process that crash tests kill: one reminder cycle against the Slack stand-in, on the
 * SQLite file and clock the test gives (PATCHBAY_DATABASE__URL, SLACK_API_URL, TEST_NOW).
 * The limiter's clock advances without waiting, so restarts are quick and nothing sleeps.
 */
import { pino } from 'pino';
import { reminderFindings } from '../src/compliance/service.js';
import { createContext } from '../src/context.js';
import { SlackClient } from '../src/integrations/slack/slack-client.js';
import { loadConfig } from '../src/platform/config/load.js';
import { optionTable } from '../src/platform/config/load-from-disk.js';
import { runReminderCycle } from '../src/reminders/cycle.js';
import { ReminderStore } from '../src/reminders/store.js';

const now = new Date(process.env.TEST_NOW ?? '');
const loaded = loadConfig(optionTable(), {
  text: null,
  path: null,
  env: process.env,
  readFile: () => '',
});
const log = pino({ level: 'silent' });
const ctx = await createContext(loaded, { now: () => now, log });
let t = now.getTime();
const slack = new SlackClient({
  token: loaded.config.slack.token ?? '',
  apiUrl: loaded.config.slack.apiUrl,
  logger: log,
  clock: { now: () => t, sleep: (ms) => ((t += ms), Promise.resolve()) },
});
const summary = await runReminderCycle(
  {
    store: new ReminderStore(ctx.db),
    slack,
    log,
    now: () => now,
    config: loaded.config,
    findings: () =>
      reminderFindings({ db: ctx.db, catalog: ctx.catalog, policies: loaded.config.policies }, now),
  },
  { ignoreSchedule: true },
);
await ctx.close();
process.stdout.write(JSON.stringify(summary.people.map((p) => [p.email, p.outcome])) + '\n');
