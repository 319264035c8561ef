import type { FeedSource } from '../../catalog/sources/types.js';
import { z } from 'zod';
import { policiesSchema } from '../../compliance/policy.js';
import { DEFAULT_CONTROL_GROUP_SALT } from '../../reminders/control-group.js';
import { remindersSchema, WEEKDAYS } from '../../reminders/schedule.js';
import type { OptionSpec } from './options.js';
import { trustProxySchema } from '../server/trust-proxy.js';

/**
 * Options specific to one feed source, beyond the url/maxAge/enabled every feed has. Their values
 * reach the source as `ctx.options`.
 */
const FEED_EXTRAS: readonly OptionSpec[] = [
  {
    key: 'feeds.homebrew.casks',
    type: 'list',
    default: ['google-chrome', 'firefox', 'zoom', 'slack', 'microsoft-edge', '1password'],
    description: 'Homebrew cask tokens to watch, one product each.',
  },
  {
    key: 'feeds.chrome.platform',
    type: 'string',
    default: 'mac,win64',
    description:
      'VersionHistory platforms to read, comma-separated (mac, win64, linux, ...): each judges the computers of its own OS.',
  },
  {
    key: 'feeds.chrome.channels',
    type: 'list',
    default: ['stable', 'extended'],
    description: 'Chrome channels to read, one track each.',
  },
  {
    key: 'feeds.firefox.releaseDates',
    type: 'boolean',
    default: true,
    description: 'Also read firefox.json (beside the versions file) for release dates.',
  },
  {
    key: 'feeds.edge.platform',
    type: 'string',
    default: 'MacOS,Windows,Linux',
    description:
      'Edge products API platforms to read, comma-separated (MacOS, Windows, Linux): each judges the computers of its own OS.',
  },
];

/** Inventory connectors: a connector with no `url` (or no files) is off. */
const INVENTORY_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'inventory.fleet.url',
    type: 'url',
    default: null,
    description: 'Fleet server URL, e.g. https://fleet.example.com.',
  },
  {
    key: 'inventory.fleet.token',
    type: 'string',
    default: null,
    secret: true,
    envAliases: ['FLEET_API_TOKEN'],
    description: 'Fleet API token (an API-only user with the observer role is enough).',
  },
  {
    key: 'inventory.fleet.queryId',
    type: 'integer',
    default: null,
    description:
      'Saved query whose report gives hardware_serial, os_version and app columns (optional).',
  },
  {
    key: 'inventory.fleet.pageSize',
    type: 'integer',
    default: 500,
    description: 'Hosts per page of GET /api/v1/fleet/hosts.',
  },
  {
    key: 'inventory.jamf.url',
    type: 'url',
    default: null,
    description: 'Jamf Pro URL, e.g. https://example.jamfcloud.com.',
  },
  {
    key: 'inventory.jamf.clientId',
    type: 'string',
    default: null,
    description: 'Jamf Pro API client id (preferred over username/password).',
  },
  {
    key: 'inventory.jamf.clientSecret',
    type: 'string',
    default: null,
    secret: true,
    envAliases: ['JAMF_CLIENT_SECRET'],
    description: 'Jamf Pro API client secret.',
  },
  {
    key: 'inventory.jamf.username',
    type: 'string',
    default: null,
    description: 'Jamf Pro user, when no API client is set.',
  },
  {
    key: 'inventory.jamf.password',
    type: 'string',
    default: null,
    secret: true,
    description: 'Jamf Pro password.',
  },
  {
    key: 'inventory.jamf.pageSize',
    type: 'integer',
    default: 200,
    description: 'Computers per page of the computers-inventory endpoint (Jamf allows up to 2000).',
  },
  {
    key: 'inventory.jamf.concurrency',
    type: 'integer',
    default: 4,
    description: 'Parallel requests to Jamf Pro.',
  },
  {
    key: 'inventory.osquery.enrollSecret',
    type: 'string',
    default: null,
    secret: true,
    description: "Enroll secret osqueryd presents to Patchbay's TLS API; unset turns the API off.",
  },
  {
    key: 'inventory.osquery.liveFor',
    type: 'duration',
    default: 2 * 3_600_000,
    description:
      'How long a node key holds its host identifier after its last use: an enrollment for a host identifier whose node reported within this time is refused (0: never refused).',
  },
  {
    key: 'inventory.osquery.maxLogBytes',
    type: 'integer',
    default: 8 * 1024 * 1024,
    shape: z.coerce.number().int('expected a whole number').min(1024, 'expected at least 1024'),
    description:
      'Largest osquery log body, in bytes once gzip is inflated; reading stops past it and the answer is 413.',
  },
  {
    key: 'inventory.osquery.maxConcurrentLogs',
    type: 'integer',
    default: 4,
    shape: z.coerce.number().int('expected a whole number').min(1, 'expected at least 1'),
    description:
      'osquery log bodies read and stored at once; more answer 503 and osqueryd resends later.',
  },
  {
    key: 'inventory.files',
    type: 'list',
    default: [],
    description: 'CSV or JSON host exports to read (docs/inventory.md).',
  },
  {
    key: 'inventory.ownerPrecedence',
    type: 'list',
    default: ['jamf', 'fleet', 'osquery', 'file'],
    description: "Which source's owner wins when sources disagree.",
  },
  {
    key: 'inventory.inactiveAfter',
    type: 'duration',
    default: 30 * 86_400_000,
    description: 'Hosts not seen by any source for this long are marked inactive (never deleted).',
  },
  {
    key: 'inventory.appMap',
    type: 'json',
    default: {},
    shape: z.record(
      z
        .string()
        .regex(
          /^(bundle-id|program|package):.+$/,
          'keys look like bundle-id:com.acme.vpn, program:Acme VPN or package:acme-vpn',
        ),
      z.string(),
    ),
    description:
      'Extra app-to-product mappings: {"bundle-id:com.acme.vpn": "acme-vpn", "program:Acme VPN": "acme-vpn"}.',
  },
];

/** Policies and reminders: what "out of date" means, and when people hear about it. */
const REMINDER_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'policies',
    type: 'json',
    default: { default: {}, products: {} },
    shape: policiesSchema,
    description:
      'Compliance policies: {default: {target: latest-in-track|latest|minimum, minimum?, graceDays: 14, exploitedGraceDays: 3, platforms?, exclude?}, products: {chrome: {graceDays: 7}}, apple: {supportedMajors: 3}}. apple.supportedMajors: how many of the newest macOS and iOS/iPadOS majors get security fixes; a host on an older major is unsupported (see docs/policies.md).',
  },
  {
    key: 'reminders.cadence',
    type: 'string',
    default: 'weekly',
    choices: ['weekly', 'daily'],
    description:
      'How often a person with nothing overdue hears from Patchbay (overdue: every weekday).',
  },
  {
    key: 'reminders.day',
    type: 'string',
    default: 'tuesday',
    choices: [...WEEKDAYS],
    description: 'Weekday of the weekly digest.',
  },
  {
    key: 'reminders.hours',
    type: 'string',
    default: '10:00-16:00',
    shape: remindersSchema.shape.hours.unwrap(),
    description: "Working hours in each person's own time zone (from Slack).",
  },
  {
    key: 'reminders.snoozeDays',
    type: 'json',
    default: [1, 3, 7],
    shape: z.array(z.number().int().min(1).max(90)).min(1),
    description: 'Snooze choices in days (never past an item’s deadline).',
  },
  {
    key: 'reminders.escalateAfterDays',
    type: 'integer',
    default: 7,
    description: 'Days overdue after which the admin channel hears about the person.',
  },
  {
    key: 'reminders.defaultTz',
    type: 'string',
    default: 'UTC',
    description: 'Time zone for people whose Slack zone is unknown.',
  },
  {
    key: 'reminders.howToUpdate',
    type: 'json',
    default: {},
    shape: z.record(z.string(), z.url()),
    description:
      'Per-product "how to update" links: {"macos": "https://intranet.example.com/update-macos"}.',
  },
  {
    key: 'reminders.notes',
    type: 'json',
    default: {},
    shape: z.record(z.string(), z.string().min(1).max(200)),
    description:
      'Per-product notes shown in digests: {"macos": "restart needed, about 30 min"}; "chrome.windows" for one platform.',
  },
  {
    key: 'reminders.controlGroup',
    type: 'json',
    default: 0,
    shape: remindersSchema.shape.controlGroup.unwrap(),
    description:
      'Share of people (0 to 0.5, e.g. 0.05) who get no reminder DMs (except for actively exploited fixes), so TTI of reminded and control hosts can be compared (report --tti, product page). 0: off. Changing it changes who is held back (see docs/reminders.md).',
  },
  {
    key: 'reminders.controlGroupSalt',
    type: 'string',
    default: DEFAULT_CONTROL_GROUP_SALT,
    description:
      'Salt of the stable per-person control-group draw; a new salt draws a new control group.',
  },
  {
    key: 'teams.webhookUrl',
    type: 'url',
    default: null,
    secret: true,
    envAliases: ['TEAMS_WEBHOOK_URL'],
    description: 'Microsoft Teams Workflows webhook for the admin summary (Adaptive Card).',
  },
];

/** Build the full option table; feed keys come from the feed source registry. */
export function buildOptionTable(
  sources: ReadonlyMap<string, FeedSource>,
  customId: string,
): OptionSpec[] {
  const feedOptions = [...sources.values()]
    .filter((s) => s.id !== customId)
    .flatMap((s): OptionSpec[] => [
      {
        key: `feeds.${s.id}.enabled`,
        type: 'boolean',
        default: true,
        description: `Read the ${s.id} feed.`,
      },
      {
        key: `feeds.${s.id}.url`,
        type: 'url',
        default: s.defaultUrl,
        description: `URL of the ${s.id} feed.`,
      },
      {
        key: `feeds.${s.id}.maxAge`,
        type: 'duration',
        default: s.defaultMaxAgeMs,
        description: `After this long without a good read, ${s.id}'s products are stale.`,
      },
    ]);
  return [
    {
      key: 'database.url',
      type: 'string',
      default: 'sqlite:./var/patchbay.db',
      secret: true,
      envAliases: ['PATCHBAY_DATABASE_URL'],
      description: 'sqlite:<path> (default, WAL) or postgres://user:pass@host:5432/db.',
    },
    {
      key: 'log.level',
      type: 'string',
      default: 'info',
      choices: ['trace', 'debug', 'info', 'warn', 'error', 'silent'],
      description: 'Lowest log level written.',
    },
    {
      key: 'log.format',
      type: 'string',
      default: 'auto',
      choices: ['auto', 'json', 'pretty'],
      description: 'auto: pretty on a terminal, JSON lines otherwise.',
    },
    {
      key: 'http.timeout',
      type: 'duration',
      default: 30_000,
      description: 'Timeout of one outbound request.',
    },
    {
      key: 'http.retries',
      type: 'integer',
      default: 3,
      description: 'Retries of a request that failed with 429, 5xx or a network error.',
    },
    {
      key: 'http.userAgent',
      type: 'string',
      default: 'patchbay/0.1',
      description: 'User-Agent of outbound requests.',
    },
    ...feedOptions,
    ...FEED_EXTRAS.filter((o) => sources.has(o.key.split('.')[1] ?? '')),
    {
      key: `feeds.${customId}`,
      type: 'json',
      default: [],
      description:
        'Custom JSON feeds: a list of { name, url, maxAge?, enabled? } (docs/custom-feed.md).',
    },
    {
      key: 'slack.token',
      type: 'string',
      default: null,
      secret: true,
      envAliases: ['SLACK_BOT_TOKEN'],
      description: 'Slack bot token (xoxb-...).',
    },
    {
      key: 'slack.signingSecret',
      type: 'string',
      default: null,
      secret: true,
      envAliases: ['SLACK_SIGNING_SECRET'],
      description: 'Slack signing secret.',
    },
    {
      key: 'slack.apiUrl',
      type: 'url',
      default: 'https://slack.com/api/',
      description: 'Slack Web API base URL (the stand-in in tests and the demo).',
    },
    {
      key: 'slack.adminChannel',
      type: 'string',
      default: null,
      description: 'Channel id for admin summaries.',
    },
    ...INVENTORY_OPTIONS,
    ...REMINDER_OPTIONS,
    {
      key: 'server.publicUrl',
      type: 'url',
      default: null,
      description: 'Public URL of this server (Slack interactivity, secure cookies when https).',
    },
    {
      key: 'jobs.feeds.every',
      type: 'duration',
      default: 3_600_000,
      description: 'How often `patchbay serve` syncs the version feeds.',
    },
    {
      key: 'jobs.inventory.every',
      type: 'duration',
      default: 4 * 3_600_000,
      description: 'How often `patchbay serve` syncs inventory (when a source is configured).',
    },
    {
      key: 'jobs.reminders.every',
      type: 'duration',
      default: 15 * 60_000,
      description:
        "How often `patchbay serve` checks who is due a digest (each person's own schedule decides).",
    },
    {
      key: 'jobs.snapshot.every',
      type: 'duration',
      default: 6 * 3_600_000,
      description: 'How often the compliance trend and the findings metrics are refreshed.',
    },
    {
      key: 'server.listen',
      type: 'string',
      default: '127.0.0.1:8080',
      description: 'host:port the server listens on.',
    },
    {
      key: 'server.trustProxy',
      type: 'list',
      default: false,
      shape: trustProxySchema,
      description:
        "Whose X-Forwarded-For to believe for the client address: false (nobody), true (every hop: only when nothing but the proxy reaches Patchbay), or the proxies' addresses/CIDRs, e.g. 127.0.0.1, 10.0.0.0/8.",
    },
    {
      key: 'server.tls.cert',
      type: 'string',
      default: null,
      description:
        'PEM certificate file (with its chain) for serving HTTPS directly; set with server.tls.key, or neither for plain HTTP behind a TLS proxy.',
    },
    {
      key: 'server.tls.key',
      type: 'string',
      default: null,
      description:
        'PEM private key file of server.tls.cert (unencrypted; readable by the service only).',
    },
  ];
}
