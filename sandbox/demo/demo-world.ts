import { randomBytes } from 'node:crypto';
import { FeedStandIn } from '../feeds/server.js';
import { standInFeedEnv } from '../feeds/stand-in-config.js';
import { FleetStandIn } from '../fleet/server.js';
import { JamfStandIn } from '../jamf/server.js';
import { SlackStandIn } from '../slack/server.js';
import type { DemoCatalog, DemoHost, DemoPerson } from './fleet-model.js';
import { toFleetHost, toJamfHost } from './stand-in-hosts.js';

/** The outside world of the demo: every stand-in, on free local ports, and the config pointing at them. */
export interface DemoWorld {
  readonly feeds: FeedStandIn;
  readonly jamf: JamfStandIn;
  readonly fleet: FleetStandIn;
  readonly slack: SlackStandIn;
  readonly env: Record<string, string>;
  readonly urls: Record<string, string>;
  /** Serve the fleet as it is at `at`: Macs from Jamf, the rest (and some Macs) from Fleet. */
  load(hosts: readonly DemoHost[], catalog: DemoCatalog, at: Date): void;
  fleetIdOf: Map<number, number>;
  close(): Promise<void>;
}

export const DEMO_ADMIN_CHANNEL = 'C0PATCHADM';

export async function startDemoWorld(
  people: readonly DemoPerson[],
  hosts: readonly DemoHost[],
  dbUrl: string,
): Promise<DemoWorld> {
  const jamfSecret = randomBytes(12).toString('hex');
  const fleetToken = randomBytes(12).toString('hex');
  const feeds = new FeedStandIn();
  const jamf = new JamfStandIn({ clientId: 'patchbay-demo', clientSecret: jamfSecret });
  const fleet = new FleetStandIn({ token: fleetToken });
  const slack = new SlackStandIn({
    users: people
      .filter((p) => p.slackId)
      .map((p) => ({ id: p.slackId as string, email: p.email, name: p.name, tz: p.tz })),
    channels: [DEMO_ADMIN_CHANNEL],
    // The demo sends hundreds of DMs at once; real tier limits would only make it wait.
    limits: false,
  });
  const [feedsUrl, jamfUrl, fleetUrl, slackUrl] = await Promise.all([
    feeds.listen(),
    jamf.listen(),
    fleet.listen(),
    slack.listen(),
  ]);
  // Fleet sees every non-Mac and one Mac in five (same serials as Jamf: the hosts merge).
  const fleetIdOf = new Map<number, number>();
  let next = 1001;
  for (const h of hosts) if (h.platform !== 'macos' || h.id % 5 === 0) fleetIdOf.set(h.id, next++);
  const env: Record<string, string> = {
    ...standInFeedEnv(feedsUrl),
    // The blog capture is two months older than the demo clock, and it reports into Chrome's
    // track: read, it would (truly) make Chrome stale too. Chrome's versions come from
    // VersionHistory, captured the day before the demo clock; only exploited-CVE flags are lost.
    PATCHBAY_FEEDS__CHROME_RELEASES__ENABLED: 'false',
    PATCHBAY_DATABASE__URL: dbUrl,
    PATCHBAY_LOG__LEVEL: 'warn',
    PATCHBAY_INVENTORY__JAMF__URL: jamfUrl,
    PATCHBAY_INVENTORY__JAMF__CLIENT_ID: 'patchbay-demo',
    JAMF_CLIENT_SECRET: jamfSecret,
    PATCHBAY_INVENTORY__FLEET__URL: fleetUrl,
    FLEET_API_TOKEN: fleetToken,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
    PATCHBAY_SLACK__API_URL: slackUrl,
    PATCHBAY_SLACK__ADMIN_CHANNEL: DEMO_ADMIN_CHANNEL,
    // As in the design's example config: browsers get a week, the OS two.
    PATCHBAY_POLICIES: JSON.stringify({ products: { chrome: { graceDays: 7 } } }),
    PATCHBAY_REMINDERS__HOW_TO_UPDATE: JSON.stringify({
      macos: 'https://support.apple.com/en-us/108382',
      chrome: 'https://support.google.com/chrome/answer/95414',
    }),
  };
  return {
    feeds,
    jamf,
    fleet,
    slack,
    env,
    fleetIdOf,
    urls: { feeds: feedsUrl, jamf: jamfUrl, fleet: fleetUrl, slack: slackUrl },
    load(all, catalog, at) {
      jamf.loadFleet(
        all.filter((h) => h.platform === 'macos').map((h) => toJamfHost(h, catalog, at)),
      );
      fleet.setHosts(
        all
          .filter((h) => fleetIdOf.has(h.id))
          .map((h) => toFleetHost(h, catalog, at, fleetIdOf.get(h.id) as number)),
      );
    },
    async close() {
      await Promise.all([feeds.close(), jamf.close(), fleet.close(), slack.close()]);
    },
  };
}
