/**
 * A small, hand-checked fleet for reminder tests: a catalog, hosts with owners, a snooze, and the
 * digest each person must get. Dates: NOW is Tuesday 2026-08-25 12:00 UTC; grace 14 days, 3 days
 * for a fix of an actively exploited CVE.
 */
import { CatalogStore } from '../src/catalog/store.js';
import type { Release } from '../src/catalog/model.js';
import { compileAppMap } from '../src/inventory/app-map.js';
import type { HostRecord } from '../src/inventory/model.js';
import { InventoryStore } from '../src/inventory/store.js';
import type { Db } from '../src/platform/db/db.js';
import { ReminderStore } from '../src/reminders/store.js';
import type { SeedUser } from '../sandbox/slack/workspace.js';

export const NOW = new Date('2026-08-25T12:00:00Z');

const rel = (
  product: string,
  track: string,
  version: string,
  releasedAt: string,
  over: Partial<Release> = {},
): Release => ({
  product,
  track,
  version,
  build: null,
  releasedAt,
  cves: [],
  exploitedCves: [],
  url: null,
  ...over,
});

function host(
  sourceId: string,
  owner: string,
  osVersion: string,
  apps: Record<string, string>,
): HostRecord {
  return {
    source: 'file',
    sourceId,
    serial: `SER-${sourceId}`,
    name: `mac-${sourceId}`,
    platform: 'macos',
    osVersion,
    osBuild: null,
    lastSeenAt: '2026-08-25T08:00:00.000Z',
    owner: { email: owner, name: null },
    apps: Object.entries(apps).map(([key, version]) => ({
      kind: 'bundle-id' as const,
      key,
      name: null,
      version,
    })),
  };
}

const CHROME = 'com.google.Chrome';
const FIREFOX = 'org.mozilla.firefox';

/** Expected digest items per person, as `hostSourceId:product`. People absent get no digest. */
export const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'alice@example.com': ['A1:macos', 'A2:chrome', 'A2:macos'],
  'bob@example.com': ['B2:macos'],
};

/** erin has an overdue Mac but Slack does not know her: no DM, reported as failed. */
export const UNKNOWN_TO_SLACK = 'erin@example.com';

export const SLACK_USERS: readonly SeedUser[] = [
  { id: 'U0ALICE', email: 'alice@example.com', name: 'alice', tz: 'Europe/Paris' },
  { id: 'U0BOB', email: 'bob@example.com', name: 'bob', tz: 'America/New_York' },
  { id: 'U0CAROL', email: 'carol@example.com', name: 'carol', tz: 'Europe/London' },
  { id: 'U0DAVE', email: 'dave@example.com', name: 'dave', tz: 'Asia/Tokyo' },
];

/** Extra people with one overdue Mac each, for volume (rate limits, crashes). */
export function extraPeople(n: number): {
  users: SeedUser[];
  hosts: HostRecord[];
  emails: string[];
} {
  const users: SeedUser[] = [];
  const hosts: HostRecord[] = [];
  for (let i = 0; i < n; i++) {
    const email = `person${i}@example.com`;
    users.push({ id: `U1${String(i).padStart(5, '0')}`, email, name: `person${i}`, tz: 'UTC' });
    hosts.push(host(`X${i}`, email, '15.7.8', {}));
  }
  return { users, hosts, emails: users.map((u) => u.email as string) };
}

export async function seedScenario(db: Db, extra: readonly HostRecord[] = []): Promise<void> {
  const catalog = new CatalogStore(db);
  const seen = new Date(NOW.getTime() - 3_600_000);
  for (const [feed, maxAgeMs] of [
    ['sofa-macos', 2 * 86_400_000],
    ['chrome', 86_400_000],
    ['firefox', 2 * 86_400_000],
  ] as const) {
    await catalog.registerFeed({
      name: feed,
      source: feed,
      url: `http://feeds.invalid/${feed}`,
      maxAgeMs,
    });
  }
  await catalog.recordRead(
    'sofa-macos',
    {
      products: [{ id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' }],
      tracks: [
        { product: 'macos', id: '26', name: 'Tahoe 26' },
        { product: 'macos', id: '15', name: 'Sequoia 15' },
      ],
      releases: [
        rel('macos', '26', '26.6.1', '2026-08-06T00:00:00.000Z'),
        rel('macos', '26', '26.6.2', '2026-08-17T00:00:00.000Z', { cves: ['CVE-2026-43794'] }),
        rel('macos', '15', '15.7.8', '2026-07-27T00:00:00.000Z'),
        rel('macos', '15', '15.7.9', '2026-08-06T00:00:00.000Z', {
          cves: ['CVE-2026-65400'],
          exploitedCves: ['CVE-2026-65400'],
        }),
      ],
      issues: [],
      cache: [],
    },
    seen,
  );
  await catalog.recordRead(
    'chrome',
    {
      products: [{ id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' }],
      tracks: [{ product: 'chrome', id: 'stable', name: 'Stable' }],
      releases: [
        rel('chrome', 'stable', '139.0.7258.128', '2026-08-12T00:00:00.000Z'),
        rel('chrome', 'stable', '139.0.7258.139', '2026-08-19T00:00:00.000Z'),
      ],
      issues: [],
      cache: [],
    },
    seen,
  );
  await catalog.recordRead(
    'firefox',
    {
      products: [{ id: 'firefox', name: 'Mozilla Firefox', platform: 'cross', scheme: 'dotted' }],
      tracks: [{ product: 'firefox', id: 'release', name: 'Release' }],
      releases: [rel('firefox', 'release', '142.0', '2026-08-19T00:00:00.000Z')],
      issues: [],
      cache: [],
    },
    seen,
  );
  // Firefox's feed then fails: its findings are unknown and must never remind anyone.
  await catalog.recordFailure(
    'firefox',
    'E_HTTP_STATUS',
    'GET http://feeds.invalid/firefox answered 500',
    seen,
  );

  const hosts: HostRecord[] = [
    host('A1', 'alice@example.com', '26.6.1', { [CHROME]: '139.0.7258.139', [FIREFOX]: '141.0' }),
    host('A2', 'alice@example.com', '15.7.8', { [CHROME]: '139.0.7258.128' }),
    host('B1', 'bob@example.com', '26.6.2', { [CHROME]: '139.0.7258.128' }),
    host('B2', 'bob@example.com', '15.7.8', {}),
    host('C1', 'carol@example.com', '26.6.2', { [CHROME]: '139.0.7258.139' }),
    host('D1', 'dave@example.com', '26.6.2', { [FIREFOX]: '140.0' }),
    host('E1', UNKNOWN_TO_SLACK, '15.7.8', {}),
    ...extra,
  ];
  await new InventoryStore(db).applyPage('file', hosts, NOW, {
    appMap: compileAppMap(),
    ownerPrecedence: ['file'],
  });
  // bob snoozed Chrome on B1 (pending) for 3 days: it must not appear.
  const b1 = await db.kysely
    .selectFrom('host_sources')
    .select('host_id')
    .where('source_id', '=', 'B1')
    .executeTakeFirstOrThrow();
  await new ReminderStore(db).snooze({
    email: 'bob@example.com',
    hostId: b1.host_id,
    products: ['chrome'],
    until: new Date(NOW.getTime() + 3 * 86_400_000),
    now: NOW,
  });
}

/**
 * `hostSourceId:product` of every item in a posted digest, read from its update lines: a line
 * names its computers ("on 2 computers: mac-A1, mac-A2") unless the person has only one, named
 * in the section's head.
 */
export function itemsOfDigest(blocks: readonly unknown[]): string[] {
  const names: [string, string][] = [
    ['macOS', 'macos'],
    ['Google Chrome', 'chrome'],
    ['Mozilla Firefox', 'firefox'],
  ];
  const out: string[] = [];
  let only: string | undefined;
  for (const b of blocks as { block_id?: string; text?: { text?: string } }[]) {
    if (!b.block_id?.startsWith('patchbay_updates_')) continue;
    for (const line of (b.text?.text ?? '').split('\n')) {
      if (!line.startsWith('• ')) {
        only = /mac-([A-Z0-9]+)/.exec(line)?.[1] ?? only;
        continue;
      }
      const product = names.find(([name]) => line.includes(name))?.[1];
      const named = [...line.matchAll(/mac-([A-Z0-9]+)/g)].map((m) => m[1] ?? '');
      for (const hostId of named.length > 0 ? named : only ? [only] : []) {
        if (product) out.push(`${hostId}:${product}`);
      }
    }
  }
  return out.sort();
}

/**
 * The scenario's SOFA read again with the models it lists (as SOFA's Models does): Mac14,10
 * runs a supported major, MacBookAir8,1 runs none of them (it needs new hardware).
 */
export async function recordScenarioModels(db: Db, at: Date = NOW): Promise<void> {
  await new CatalogStore(db).recordRead(
    'sofa-macos',
    {
      products: [{ id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' }],
      tracks: [
        { product: 'macos', id: '26', name: 'Tahoe 26' },
        { product: 'macos', id: '15', name: 'Sequoia 15' },
      ],
      releases: [],
      issues: [],
      cache: [],
      models: [
        { product: 'macos', model: 'Mac14,10', marketingName: null, majors: [26, 15, 14] },
        { product: 'macos', model: 'MacBookAir8,1', marketingName: null, majors: [14, 13] },
      ],
    },
    at,
  );
}
