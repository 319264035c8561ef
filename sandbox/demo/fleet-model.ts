import { FIRST_NAMES, LAST_NAMES } from '../names.js';
import { seededRandom } from '../../src/platform/random/seeded-random.js';

/**
 * The demo's fleet: people, their computers, and how fast each computer takes updates. Pure and
 * seeded, so every demo run tells the same story: some hosts update within days, many within
 * weeks, a few never.
 */
export type UpdateProfile = 'fast' | 'normal' | 'slow' | 'never';

export interface DemoRelease {
  readonly version: string;
  readonly build: string | null;
  /** ISO date-time. */
  readonly releasedAt: string;
}

export interface DemoPerson {
  readonly email: string;
  readonly name: string;
  readonly slackId: string | null;
  readonly tz: string;
}

export interface DemoHost {
  /** Jamf computer id for Macs, Fleet host id for the others. */
  readonly id: number;
  readonly serial: string;
  readonly name: string;
  readonly platform: 'macos' | 'windows' | 'linux';
  readonly owner: DemoPerson;
  readonly profile: UpdateProfile;
  /** The macOS track the Mac stays on (majors are upgraded by people, not by this simulation). */
  readonly macTrack: string | null;
  /** Days after a release before this host installs it; Infinity for `never`. */
  readonly delayDays: number;
  readonly initial: { readonly macos: DemoRelease | null; readonly chrome: DemoRelease };
}

export interface DemoCatalog {
  /** macOS releases by track id ("26", "15"), any order. */
  readonly macos: Readonly<Record<string, readonly DemoRelease[]>>;
  readonly chrome: readonly DemoRelease[];
}

const ZONES = [
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const SERIAL = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function profileOf(r: number): { profile: UpdateProfile; delay: (rand: () => number) => number } {
  if (r < 0.25) return { profile: 'fast', delay: (rand) => Math.floor(rand() * 3) };
  if (r < 0.7) return { profile: 'normal', delay: (rand) => 5 + Math.floor(rand() * 12) };
  if (r < 0.92) return { profile: 'slow', delay: (rand) => 18 + Math.floor(rand() * 30) };
  return { profile: 'never', delay: () => Number.POSITIVE_INFINITY };
}

/** Computers the demo's first person has beyond their own: seven in all. */
const LAB_LEAD_EXTRA = 6;

export interface FleetOptions {
  readonly hosts: number;
  readonly people: number;
  readonly seed: number;
  /** The simulation starts here: every host's first version is one released before it. */
  readonly start: Date;
  readonly catalog: DemoCatalog;
}

/** People (a few unknown to Slack, to show how failures are reported) and their computers. */
export function generateDemoFleet(opts: FleetOptions): { people: DemoPerson[]; hosts: DemoHost[] } {
  const rand = seededRandom(opts.seed);
  const people: DemoPerson[] = [];
  const taken = new Set<string>();
  for (let i = 0; people.length < opts.people; i++) {
    const first = pick(rand, FIRST_NAMES);
    const last = pick(rand, LAST_NAMES);
    let email = `${first}.${last}@example.com`;
    if (taken.has(email)) email = `${first}.${last}${i}@example.com`;
    taken.add(email);
    const slackId = rand() < 0.97 ? `U${String(100_000 + i)}` : null;
    people.push({
      email,
      name: `${cap(first)} ${cap(last.replace(/-/g, ' '))}`,
      slackId,
      tz: pick(rand, ZONES),
    });
  }
  const tracks = Object.keys(opts.catalog.macos).sort((a, b) => Number(b) - Number(a));
  const hosts: DemoHost[] = [];
  for (let i = 0; i < opts.hosts; i++) {
    // Everyone has one computer; the rest go to a random subset (a laptop and a desktop), except
    // that the first person (a lab lead) gets six more, so a digest shows one update on seven
    // computers as one line. The random draw is made either way, so the rest of the fleet stays.
    const extra = i - people.length;
    const drawn = i < people.length ? i : Math.floor(rand() * people.length);
    // Exactly seven: a random draw of the lab lead goes to the next person instead.
    const others = drawn === 0 && i >= people.length && people.length > 1 ? 1 : drawn;
    const owner = people[extra >= 0 && extra < LAB_LEAD_EXTRA ? 0 : others] as DemoPerson;
    const platform = rand() < 0.88 ? 'macos' : rand() < 0.7 ? 'windows' : 'linux';
    const { profile, delay } = profileOf(rand());
    const macTrack = platform === 'macos' ? weightedTrack(rand(), tracks) : null;
    const serial = `${platform === 'macos' ? 'C02' : 'PF'}${Array.from({ length: 9 }, () => pick(rand, [...SERIAL])).join('')}`;
    hosts.push({
      id: i + 1,
      serial,
      name: `${owner.email.split('@')[0]?.split('.')[0] ?? 'host'}-${platform === 'macos' ? (rand() < 0.7 ? 'mbp' : 'mba') : platform === 'windows' ? 'win' : 'linux'}-${i + 1}`,
      platform,
      owner,
      profile,
      macTrack,
      delayDays: delay(rand),
      initial: {
        macos: macTrack ? latestBefore(opts.catalog.macos[macTrack] ?? [], opts.start, rand) : null,
        chrome:
          latestBefore(opts.catalog.chrome, opts.start, rand) ??
          (opts.catalog.chrome[0] as DemoRelease),
      },
    });
  }
  return { people, hosts };
}

/** Most Macs are on the newest major, fewer on each older one. */
function weightedTrack(r: number, tracks: readonly string[]): string {
  const weights = [0.5, 0.3, 0.12, 0.05, 0.03];
  let acc = 0;
  for (const [i, t] of tracks.entries()) {
    acc += weights[i] ?? 0;
    if (r < acc) return t;
  }
  return tracks[0] as string;
}

/** One of the last few releases before `at`, so hosts start a little behind, as real ones do. */
function latestBefore(
  releases: readonly DemoRelease[],
  at: Date,
  rand: () => number,
): DemoRelease | null {
  const before = releases
    .filter((r) => Date.parse(r.releasedAt) <= at.getTime())
    .sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
  if (before.length === 0)
    return [...releases].sort((a, b) => a.releasedAt.localeCompare(b.releasedAt))[0] ?? null;
  return before[Math.min(before.length - 1, Math.floor(rand() * 3))] ?? null;
}

/**
 * What a host runs at `at`: the newest release it has had time to install (release date plus
 * its delay), never older than where it started.
 */
export function versionAt(
  host: DemoHost,
  releases: readonly DemoRelease[],
  start: DemoRelease | null,
  at: Date,
): DemoRelease | null {
  let current = start;
  for (const r of releases) {
    const installAt = Date.parse(r.releasedAt) + host.delayDays * 86_400_000;
    if (installAt > at.getTime()) continue;
    if (!current || r.releasedAt > current.releasedAt) current = r;
  }
  return current;
}

function cap(s: string): string {
  return s
    .split(' ')
    .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : w))
    .join(' ');
}
