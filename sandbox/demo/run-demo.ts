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
import { feedStaleness } from '../../src/catalog/staleness.js';
import { configuredFeeds } from '../../src/catalog/feeds-config.js';
import { CUSTOM_SOURCE_ID, feedSources } from '../../src/catalog/sources/api.js';
import { feedsByReadTime } from '../../src/serve/job-handlers.js';
import { capturedAt } from '../feeds/captures.js';
import { loadDemoCatalog } from './demo-catalog.js';
import { startDemoWorld, type DemoWorld } from './demo-world.js';
import { generateDemoFleet, type DemoCatalog, type DemoHost } from './fleet-model.js';
import { replayHistory } from './history.js';

/**
 * The demo runs on a simulated clock hours after the newest capture (Chrome's, 2026-09-18), and
 * each feed is recorded as read when its capture was taken (sandbox/feeds/captures.ts). So what
 * the demo shows is true: Chrome is fresh; SOFA (a month older) and the 2021-2024 Firefox, Edge
 * and Homebrew samples are stale, and their products show as unknown with that reason instead of
 * as current against releases years out of date.
 */
export const DEMO_NOW = new Date('2026-09-18T18:00:00Z');
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
  /** The generated fleet and the releases it moves through, as the stand-ins served them. */
  readonly hosts: readonly DemoHost[];
  readonly catalog: DemoCatalog;
}

export interface DemoSummary {
  readonly hosts: number;
  readonly people: number;
  readonly findings: Readonly<Record<string, number>>;
  readonly digestsSent: number;
  readonly digestsFailed: number;
  readonly historyChanges: number;
  /** Why each read feed is stale on the demo clock: its products are judged unknown. */
  readonly staleFeeds: readonly string[];
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
    // The clock moves only while the feeds are read, each at its capture time, then stands still.
    let clock = DEMO_NOW;
    const ctx = await createContext(loaded, { now: () => clock });
    io.err(`\n1/4 Version feeds (stand-in at ${world.urls.feeds}), each read as of its capture\n`);
    const feeds = configuredFeeds(loaded.config, feedSources, CUSTOM_SOURCE_ID);
    for (const [readAt, group] of feedsByReadTime(feeds, () => DEMO_NOW, capturedAt)) {
      clock = readAt();
      await runFeedSync(ctx, quiet(io), { feed: group.map((f) => f.name) });
    }
    clock = DEMO_NOW;
    await ctx.refreshFindings();
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
      staleFeeds: (await ctx.catalog.loadCatalogInput()).feeds
        .filter((f) => f.lastSuccessAt !== null)
        .flatMap((f) => feedStaleness(f, DEMO_NOW).reason ?? []),
    };
    const names = new Map(
      people.flatMap((p) => (p.slackId ? [[p.slackId, `${p.name} <${p.email}>`] as const] : [])),
    );
    return { ctx, world, summary, people: names, hosts, catalog };
  } catch (err) {
    await world.close();
    throw err;
  }
}

/** The steps' own tables would drown the demo's story: keep their errors, drop their output. */
function quiet(io: Io): Io {
  return { ...io, out: () => undefined, err: () => undefined };
}
