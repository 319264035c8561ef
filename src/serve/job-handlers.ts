import { configuredFeeds } from '../catalog/feeds-config.js';
import { CUSTOM_SOURCE_ID, feedSources } from '../catalog/sources/api.js';
import { syncFeeds, type FeedSyncResult } from '../catalog/sync.js';
import { actionableFindings } from '../compliance/service.js';
import { recordSnapshot } from '../compliance/snapshots.js';
import { cycleFindings, type AppContext } from '../context.js';
import { SlackClient } from '../integrations/slack/slack-client.js';
import { NEAR_DAYS } from '../reminders/digest-select.js';
import { compileAppMap } from '../inventory/app-map.js';
import { createInventoryConnectors } from '../inventory/connectors/api.js';
import { configuredConnectors } from '../inventory/connectors-config.js';
import { syncInventory } from '../inventory/sync.js';
import type { JobHandler, JobSchedule } from '../platform/jobs/index.js';
import { setFindings, type Metrics } from '../platform/metrics/metrics.js';
import type { TeamsCardMessage } from '../reminders/admin-summary.js';
import { followUpClaims } from '../reminders/claims.js';
import { runReminderCycle } from '../reminders/cycle.js';
import { TeamsNotifier } from '../reminders/notifiers/teams/index.js';
import { ReminderStore } from '../reminders/store.js';
import {
  feedsOutcome,
  inventoryOutcome,
  remindersOutcome,
  snapshotOutcome,
} from './job-outcome.js';
import { nextDueOfNotDue } from './reminder-next-due.js';

/**
 * The scheduled work of `patchbay serve`: each job is one domain's sync or cycle, with its
 * outcome counted in the metrics and said in one line on the jobs page (what it did, or why it
 * did nothing). Inventory is left out when no source is configured; reminders stay listed
 * without Slack, so the page says that is why no DM goes out.
 */
export interface BuildJobsOptions {
  /**
   * When each feed counts as read; default now. The demo passes its captures' times, so a
   * "Run now" of its feeds keeps an old sample as stale as the demo says it is.
   */
  readonly feedReadAt?: (feed: string) => Date;
}

export function buildJobs(
  ctx: AppContext,
  metrics: Metrics,
  opts: BuildJobsOptions = {},
): { handlers: Record<string, JobHandler>; schedules: JobSchedule[] } {
  const { config } = ctx.loaded;
  const handlers: Record<string, JobHandler> = {};
  const schedules: JobSchedule[] = [];

  /**
   * Bring the stored findings up to date (what changed only), then the trend and the gauges:
   * after every sync, and on schedule so a feed that went stale with time is seen as such.
   */
  const snapshot = async (): Promise<string> => {
    const refreshed = await ctx.refreshFindings();
    ctx.log.info(refreshed, 'Findings refreshed');
    setFindings(metrics, await recordSnapshot(ctx.db, ctx.now()));
    return snapshotOutcome(refreshed);
  };

  handlers.feeds = async () => {
    const results: FeedSyncResult[] = [];
    for (const [now, feeds] of feedsByReadTime(
      configuredFeeds(config, feedSources, CUSTOM_SOURCE_ID),
      ctx.now,
      opts.feedReadAt,
    ))
      results.push(
        ...(await syncFeeds(
          { store: ctx.catalog, http: ctx.http, sources: feedSources, now, log: ctx.log },
          feeds,
        )),
      );
    for (const r of results) metrics.feedSyncs.inc({ feed: r.feed, outcome: r.outcome });
    // New releases or a failed feed change verdicts of those products only.
    await snapshot();
    return feedsOutcome(results);
  };
  schedules.push({ name: 'feeds', everyMs: config.jobs.feeds.every });

  const token = config.slack.token;
  const slack = token
    ? new SlackClient({
        token,
        apiUrl: config.slack.apiUrl,
        logger: ctx.log,
        timeoutMs: config.http.timeout,
        onRateLimited: (method) => metrics.slackRateLimited.inc({ method }),
      })
    : null;

  const connectors = configuredConnectors(
    config.inventory,
    createInventoryConnectors({ db: ctx.db }),
  );
  if (connectors.length > 0) {
    handlers.inventory = async () => {
      const summary = await syncInventory(
        {
          store: ctx.inventory,
          http: ctx.http,
          log: ctx.log,
          now: ctx.now,
          appMap: compileAppMap(config.inventory.appMap),
          ownerPrecedence: config.inventory.ownerPrecedence,
          inactiveAfterMs: config.inventory.inactiveAfter,
        },
        connectors,
      );
      for (const s of summary.sources)
        metrics.inventorySyncs.inc({ source: s.source, outcome: s.outcome });
      // Fresh inventory changes compliance: refresh the trend and the gauges right away.
      await snapshot();
      // "I updated" is answered as soon as inventory shows it, not at the next reminder cycle.
      if (slack) {
        const store = new ReminderStore(ctx.db);
        const claims = await store.openClaims();
        if (claims.length > 0) {
          const view = await actionableFindings(
            ctx,
            ctx.now(),
            claims.map((c) => c.host_id),
          );
          await followUpClaims({ store, slack, log: ctx.log, now: ctx.now() }, view);
        }
      }
      return inventoryOutcome(summary);
    };
    schedules.push({ name: 'inventory', everyMs: config.jobs.inventory.every });
  }

  handlers.snapshot = snapshot;
  schedules.push({ name: 'snapshot', everyMs: config.jobs.snapshot.every });

  if (slack) {
    const teams = config.teams.webhookUrl
      ? new TeamsNotifier({ http: ctx.http, webhookUrl: config.teams.webhookUrl, log: ctx.log })
      : null;
    handlers.reminders = async () => {
      const store = new ReminderStore(ctx.db);
      const cycle = await runReminderCycle({
        store,
        slack,
        log: ctx.log,
        now: ctx.now,
        config,
        findings: cycleFindings(ctx),
        ...(teams
          ? {
              postTeams: async (card: unknown) => void (await teams.send(card as TeamsCardMessage)),
            }
          : {}),
      });
      for (const p of cycle.people)
        if (p.outcome !== 'not-due') metrics.digests.inc({ outcome: p.outcome });
      const now = ctx.now();
      const nextDue = await nextDueOfNotDue(store, config.reminders, cycle.people, now);
      return remindersOutcome({
        slackConfigured: true,
        people: cycle.people,
        nextDue,
        nearDays: NEAR_DAYS,
        now,
        hostsWithoutOwner: cycle.hostsWithoutOwner,
      });
    };
  } else {
    handlers.reminders = () =>
      Promise.resolve(
        remindersOutcome({ slackConfigured: false, people: [], nextDue: [], nearDays: NEAR_DAYS }),
      );
  }
  schedules.push({ name: 'reminders', everyMs: config.jobs.reminders.every });
  return { handlers, schedules };
}

/**
 * The configured feeds in groups read at one time, oldest first, each with its clock: one group
 * on the real clock, or (feedReadAt) one per read time. The demo's first cycle groups its
 * captures with it too.
 */
export function feedsByReadTime<F extends { readonly name: string }>(
  feeds: readonly F[],
  now: () => Date,
  readAt: ((feed: string) => Date) | undefined,
): [() => Date, F[]][] {
  if (!readAt) return [[now, [...feeds]]];
  const groups = new Map<number, F[]>();
  for (const f of feeds) {
    const at = readAt(f.name).getTime();
    groups.set(at, [...(groups.get(at) ?? []), f]);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([at, fs]) => [() => new Date(at), fs]);
}
