import { seededRandom } from '../../platform/random/seeded-random.js';
/**
 * Seeded random version histories for time-to-install tests: several products and tracks,
 * versions that do not parse, a major no feed lists, releases without a date or dated after
 * `now`, two spellings of one version, observations after `now`, several observations of one
 * host at the same instant (in two spellings of the time) and observations exactly at a
 * release's date, where "at or before" and "after" part.
 */
import type { StoredRelease } from '../../catalog/catalog.js';
import type { VersionSchemeId } from '../../catalog/versions/types.js';
import type { TtiHistoryEntry } from '../tti.js';

export interface RandomProduct {
  readonly id: string;
  readonly scheme: VersionSchemeId;
  readonly releases: readonly StoredRelease[];
  /** Versions hosts run besides the releases: older ones, unreadable ones, unlisted majors. */
  readonly others: readonly string[];
}

export const TTI_NOW = new Date('2026-09-01T00:00:00.000Z');

function release(
  product: string,
  track: string,
  version: string,
  day: string | null,
  firstSeen = '2026-06-15',
): StoredRelease {
  return {
    product,
    track,
    version,
    build: null,
    releasedAt: day && `${day}T00:00:00.000Z`,
    cves: [],
    exploitedCves: [],
    url: null,
    feed: product,
    firstSeenAt: `${firstSeen}T00:00:00.000Z`,
  };
}

export const RANDOM_PRODUCTS: readonly RandomProduct[] = [
  {
    id: 'macos',
    scheme: 'apple-os',
    releases: [
      release('macos', '14', '14.8.7', '2026-06-20'),
      release('macos', '14', '14.8.8', '2026-07-27'),
      release('macos', '15', '15.7.7', '2026-06-20'),
      release('macos', '15', '15.7.8', '2026-07-27'),
      release('macos', '15', '15.7.8 (a)', '2026-08-01'),
      release('macos', '15', '15.7.9', '2026-08-06'),
      release('macos', '15', '15.7.10', '2026-09-10'), // after now
      release('macos', '26', '26.6', null, '2026-07-01'), // no date: first seen counts
      release('macos', '26', '26.6.0', '2026-07-01'), // the same release spelt twice
      release('macos', '26', '26.6.1', '2026-08-06'),
      release('macos', '26', '26.6.2', '2026-08-17'),
      release('macos', '26', '26.x', '2026-08-20'), // does not parse
    ],
    others: ['14.8.5', '15.7.5', '15.7.6', '26.5', '13.7.8', '15.7.x', 'unknown', '27.0'],
  },
  {
    id: 'chrome',
    scheme: 'chrome',
    releases: [
      release('chrome', 'stable', '139.0.7258.66', '2026-07-29'),
      release('chrome', 'stable', '139.0.7258.127', '2026-08-12'),
      release('chrome', 'stable', '140.0.7339.80', '2026-08-26'),
      release('chrome', 'extended', '138.0.7204.200', '2026-07-29'),
      release('chrome', 'extended', '138.0.7204.235', '2026-08-19'),
    ],
    others: ['137.0.7151.119', '138.0.7204.100', '139.0.7258.5', '139', 'beta'],
  },
  {
    id: 'firefox',
    scheme: 'dotted',
    releases: [
      release('firefox', 'release', '144.0.2', '2026-07-10'),
      release('firefox', 'release', '145.0', '2026-08-05'),
      release('firefox', 'release', '145.0.1', '2026-08-05'), // same day
      release('firefox', 'esr128', '128.13.0', '2026-07-10'),
      release('firefox', 'esr128', '128.14.0', '2026-08-05'),
    ],
    others: ['143.0', '128.12.0', '115.20.0', 'nightly', '145.0b3'],
  },
];

const START = Date.parse('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;

/**
 * Every product's history for `hosts` hosts, interleaved in time as inventory syncs write it.
 * A host's entries are mostly of one product, some of another.
 */
export function randomHistory(seed: number, hosts: number): TtiHistoryEntry[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const entries: TtiHistoryEntry[] = [];
  for (let h = 0; h < hosts; h++) {
    const hostId = `host-${String(h).padStart(5, '0')}`;
    const count = 1 + Math.floor(random() * 8);
    let at = START + Math.floor(random() * 60) * DAY;
    for (let e = 0; e < count; e++) {
      const product = pick(RANDOM_PRODUCTS);
      const version = random() < 0.6 ? pick(product.releases).version : pick(product.others);
      // Mostly forward in time, sometimes the same instant, now and then back (a late sync).
      const step = random();
      if (step < 0.15) at -= Math.floor(random() * 5) * DAY;
      else if (step > 0.3) at += Math.floor(random() * 12) * DAY + pick([0, 0, 6, 12]) * 3_600_000;
      const iso = new Date(at).toISOString();
      entries.push({
        hostId,
        product: product.id,
        version,
        firstObservedAt: random() < 0.1 ? iso.replace('.000Z', 'Z') : iso,
      });
    }
  }
  return entries.sort((a, b) => Date.parse(a.firstObservedAt) - Date.parse(b.firstObservedAt));
}

/**
 * About a quarter of the `hosts` hosts left the fleet (went inactive): when each left, from the
 * start of the history to a week after TTI_NOW (those have not left yet as of TTI_NOW), some in
 * the `+00:00` spelling. A random stream of its own, so randomHistory stays as it was.
 */
export function randomDepartures(seed: number, hosts: number): Map<string, string> {
  const random = seededRandom(seed * 7919 + 1);
  const left = new Map<string, string>();
  const span = TTI_NOW.getTime() + 7 * DAY - START;
  for (let h = 0; h < hosts; h++) {
    if (random() >= 0.25) continue;
    const iso = new Date(START + Math.floor(random() * span)).toISOString();
    left.set(`host-${String(h).padStart(5, '0')}`, random() < 0.1 ? iso.replace('Z', '+00:00') : iso);
  }
  return left;
}
