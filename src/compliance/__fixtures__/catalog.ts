/**
 * A catalog as the stores would hand it to evaluate(), after a sync on 2026-08-22: macOS from
 * SOFA (dates, builds and the actively exploited CVE-2026-65400 as in
 * sandbox/feeds/data/sofa/v1-macos_data_feed.json; CVE lists shortened), Chrome stable and
 * extended, Firefox whose feed is failing, and a single-track Homebrew cask.
 */
import type { CatalogInput, StoredRelease, StoredTrack } from '../../catalog/catalog.js';
import type { FeedHealth } from '../../catalog/staleness.js';
import { evaluate, type EvaluationHost } from '../evaluate.js';
import type { Finding } from '../model.js';
import type { Policies } from '../policy.js';
import { DEFAULT_POLICY } from '../policy.js';

export const NOW = new Date('2026-08-22T12:00:00Z');
const DAY = 86_400_000;

const FEED_OF: Record<string, string> = {
  macos: 'sofa-macos',
  chrome: 'chrome',
  firefox: 'firefox',
  slack: 'homebrew',
};

export function rel(
  product: string,
  track: string,
  version: string,
  releasedAt: string | null,
  over: Partial<StoredRelease> = {},
): StoredRelease {
  return {
    product,
    track,
    version,
    build: null,
    releasedAt: releasedAt && `${releasedAt}T00:00:00.000Z`,
    cves: [],
    exploitedCves: [],
    url: null,
    feed: FEED_OF[product] ?? product,
    firstSeenAt: '2026-08-20T06:00:00.000Z',
    ...over,
  };
}

const EXPLOITED = { cves: ['CVE-2026-65400'], exploitedCves: ['CVE-2026-65400'] };

export const RELEASES: readonly StoredRelease[] = [
  rel('macos', '26', '26.6', '2026-07-27', { cves: ['CVE-2026-61001', 'CVE-2026-61002'] }),
  rel('macos', '26', '26.6.1', '2026-08-06', EXPLOITED),
  rel('macos', '26', '26.6.2', '2026-08-17', { build: '25G83', cves: ['CVE-2026-62001'] }),
  rel('macos', '15', '15.7.7', '2026-05-11', { cves: ['CVE-2026-50001'] }),
  rel('macos', '15', '15.7.8', '2026-07-27', {
    cves: ['CVE-2026-60001', 'CVE-2026-60002', 'CVE-2026-60003'],
  }),
  rel('macos', '15', '15.7.9', '2026-08-06', { build: '24G830', ...EXPLOITED }),
  rel('macos', '14', '14.8.8', '2026-07-27', { cves: ['CVE-2026-60001'] }),
  rel('macos', '14', '14.8.9', '2026-08-06', { build: '23J631', ...EXPLOITED }),
  // SOFA still lists Ventura; in this catalog the feed has dropped it (the store keeps it, unsupported).
  rel('macos', '13', '13.7.8', '2025-08-20', { build: '22H730' }),
  rel('chrome', 'stable', '139.0.7258.127', '2026-08-12', { cves: ['CVE-2026-8801'] }),
  rel('chrome', 'stable', '139.0.7258.138', '2026-08-19', {
    cves: ['CVE-2026-8901', 'CVE-2026-8902'],
  }),
  rel('chrome', 'extended', '138.0.7204.235', '2026-08-19', { cves: ['CVE-2026-8901'] }),
  rel('firefox', 'release', '142.0.1', '2026-08-14'),
  rel('firefox', 'esr', '140.2.0', '2026-08-19'),
  // Homebrew gives no release date: the clock starts when we first saw it.
  rel('slack', 'stable', '4.46.99', null),
];

function track(product: string, id: string, name: string, supported = true): StoredTrack {
  return { product, id, name, supported, feed: FEED_OF[product] ?? product };
}

function fresh(name: string, over: Partial<FeedHealth> = {}): FeedHealth {
  return {
    name,
    maxAgeMs: 2 * DAY,
    lastSuccessAt: '2026-08-22T06:00:00.000Z',
    lastAttemptAt: '2026-08-22T06:00:00.000Z',
    lastError: null,
    ...over,
  };
}

export const FIREFOX_DOWN = 'HTTP 503 from product-details.mozilla.org';

/** The catalog; `feeds` replaces the health of the named feeds. */
export function catalog(
  releases: readonly StoredRelease[] = RELEASES,
  feeds: Record<string, Partial<FeedHealth>> = {},
): CatalogInput {
  const base: Record<string, Partial<FeedHealth>> = {
    firefox: { lastError: FIREFOX_DOWN },
    ...feeds,
  };
  return {
    products: [
      { id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' },
      { id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' },
      { id: 'firefox', name: 'Mozilla Firefox', platform: 'cross', scheme: 'dotted' },
      { id: 'slack', name: 'Slack', platform: 'cross', scheme: 'dotted' },
    ],
    tracks: [
      track('macos', '26', 'macOS Tahoe 26'),
      track('macos', '15', 'macOS Sequoia 15'),
      track('macos', '14', 'macOS Sonoma 14'),
      track('macos', '13', 'macOS Ventura 13', false),
      track('chrome', 'stable', 'Stable'),
      track('chrome', 'extended', 'Extended Stable'),
      track('firefox', 'release', 'Release'),
      track('firefox', 'esr', 'ESR'),
      track('slack', 'stable', 'Stable'),
    ],
    releases,
    feeds: ['sofa-macos', 'chrome', 'firefox', 'homebrew'].map((f) => fresh(f, base[f])),
  };
}

/** The defaults plus Chrome's shorter grace, as in DESIGN.md's config example. */
export function policies(products: Policies['products'] = {}): Policies {
  return { default: DEFAULT_POLICY, products: { chrome: { graceDays: 7 }, ...products } };
}

export function host(
  products: Record<string, string>,
  over: Partial<EvaluationHost> = {},
): EvaluationHost {
  return {
    id: 'h1',
    serial: 'C02XK1JHJG5J',
    platform: 'macos',
    ownerEmail: 'ada@example.com',
    active: true,
    products,
    ...over,
  };
}

export interface RunOptions {
  readonly now?: Date;
  readonly pol?: Policies['products'];
  readonly cat?: CatalogInput;
}

/** evaluate() on the fixture catalog with the fixture policies. */
export function run(hosts: EvaluationHost[], opts: RunOptions = {}): Finding[] {
  return evaluate({
    hosts,
    catalog: opts.cat ?? catalog(),
    policies: policies(opts.pol),
    now: opts.now ?? NOW,
  });
}

export const iso = (day: string): string => `${day}T00:00:00.000Z`;
