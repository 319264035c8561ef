import { rmSync } from 'node:fs';
import { runFeedSync } from '../../src/cli/commands/sync-feeds.js';
import { runInventorySync } from '../../src/cli/commands/sync-inventory.js';
import { runRemind } from '../../src/cli/commands/remind.js';
import type { Io } from '../../src/cli/output.js';
import { recordSnapshot } from '../../src/compliance/snapshots.js';
import { createContext, type AppContext } from '../../src/context.js';
import { SlackClient } from '../../src/integrations/slack/slack-client.js';
import { loadConfig } from '../../src/platform/config/load.js';
import { optionTable } from '../../src/platform/config/load-from-disk.js';
import { loadDemoCatalog } from './demo-catalog.js';
import { startDemoWorld, type DemoWorld } from './demo-world.js';
import { generateDemoFleet } from './fleet-model.js';
import { replayHistory } from './history.js';

/**
 * The demo runs on a simulated clock a few days after the real feed samples were captured, so
 * the samples look current: a Chrome release from five days ago, macOS releases from last month.
 */
export const DEMO_NOW = new Date('2026-09-22T14:00:00Z');
const HISTORY_DAYS = 120;

export interface DemoOptions {
  readonly dbPath: string;
  readonly hosts: number;
  readonly people: number;
  readonly seed: number;
}

export interface DemoRun {
  readonly ctx: AppContext;
  readonly world: DemoWorld;
  /** Slack user id -> the person's name, for the inbox page. */
  readonly people: ReadonlyMap<string, string>;
  readonly summary: DemoSummary;
}

export interface DemoSummary {
  readonly hosts: number;
  readonly people: number;
  readonly findings: Readonly<Record<string, number>>;
  readonly digestsSent: number;
  readonly digestsFailed: number;
  readonly historyChanges: number;
}

/** One full cycle on generated data: feeds, months of inventory history, a sync, reminders. */
export async function runDemo(io: Io, opts: DemoOptions): Promise<DemoRun> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.dbPath}${suffix}`, { force: true });
  const catalog = loadDemoCatalog();
  const start = new Date(DEMO_NOW.getTime() - HISTORY_DAYS * 86_400_000);
  const { people, hosts } = generateDemoFleet({
    hosts: opts.hosts,
    people: opts.people,
    seed: opts.seed,
    start,
    catalog,
  });
  const world = await startDemoWorld(people, hosts, `sqlite:${opts.dbPath}`);
  try {
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: world.env,
      readFile: () => '',
    });
    const ctx = await createContext(loaded, { now: () => DEMO_NOW });
    io.err(`\n1/4 Version feeds (stand-in at ${world.urls.feeds})\n`);
    await runFeedSync(ctx, quiet(io), {});
    io.err(`2/4 Replaying ${HISTORY_DAYS} days of inventory for ${hosts.length} computers\n`);
    const replay = await replayHistory({
      db: ctx.db,
      hosts,
      catalog,
      catalogInput: await ctx.catalog.loadCatalogInput(),
      policies: loaded.config.policies,
      fleetIdOf: world.fleetIdOf,
      from: start,
      to: new Date(DEMO_NOW.getTime() - 86_400_000),
      snapshotEveryDays: 3,
    });
    io.err('3/4 Inventory sync from the Jamf Pro and Fleet stand-ins\n');
    world.load(hosts, catalog, DEMO_NOW);
    await runInventorySync(ctx, quiet(io), {});
    // The inventory sync refreshed the stored findings; today's trend point comes from them.
    const counts = await recordSnapshot(ctx.db, DEMO_NOW);
    io.err('4/4 Reminders: one Slack DM per person (Slack stand-in)\n');
    // Slack's rate tiers are honoured on simulated time: the demo shows the pacing, not the wait.
    let simulated = DEMO_NOW.getTime();
    const slack = new SlackClient({
      token: loaded.config.slack.token ?? '',
      apiUrl: loaded.config.slack.apiUrl,
      logger: ctx.log,
      clock: { now: () => simulated, sleep: (ms) => ((simulated += ms), Promise.resolve()) },
    });
    const cycle = await runRemind(ctx, quiet(io), { now: true, slack });
    const byStatus: Record<string, number> = {};
    for (const m of counts.values())
      for (const [status, n] of m) byStatus[status] = (byStatus[status] ?? 0) + n;
    const summary: DemoSummary = {
      hosts: hosts.length,
      people: people.length,
      findings: byStatus,
      digestsSent: cycle.people.filter((p) => p.outcome === 'sent').length,
      digestsFailed: cycle.people.filter(
        (p) => p.outcome === 'failed' || p.outcome === 'no-slack-user',
      ).length,
      historyChanges: replay.changes,
    };
    const names = new Map(
      people.flatMap((p) => (p.slackId ? [[p.slackId, `${p.name} <${p.email}>`] as const] : [])),
    );
    return { ctx, world, summary, people: names };
  } catch (err) {
    await world.close();
    throw err;
  }
}

/** The steps' own tables would drown the demo's story: keep their errors, drop their output. */
function quiet(io: Io): Io {
  return { ...io, out: () => undefined, err: () => undefined };
}
