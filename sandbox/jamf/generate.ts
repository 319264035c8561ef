import { FIRST_NAMES, LAST_NAMES } from '../names.js';
import { seededRandom } from '../../src/platform/random/seeded-random.js';
/**
 * A deterministic fleet of Macs for the Jamf Pro stand-in and the demo: the same seed always
 * gives the same hosts, so tests can assert exact counts and values at 10,000 hosts.
 */

export interface GeneratedApp {
  readonly bundleId: string;
  /** As Jamf shows it: the bundle's file name, `Google Chrome.app`. */
  readonly name: string;
  readonly path: string;
  readonly version: string;
}

export interface GeneratedOwner {
  readonly username: string;
  readonly realname: string;
  readonly email: string;
}

export interface GeneratedHost {
  /** Jamf computer id, 1-based and dense like a fresh Jamf Pro instance. */
  readonly id: number;
  readonly udid: string;
  readonly name: string;
  readonly serial: string;
  readonly model: string;
  readonly modelIdentifier: string;
  readonly osVersion: string;
  readonly osBuild: string;
  /** ISO 8601 UTC with milliseconds, as Jamf Pro API writes it. */
  readonly lastContactTime: string;
  readonly reportDate: string;
  /** `null`: the user and location section is empty in Jamf (no one assigned). */
  readonly owner: GeneratedOwner | null;
  readonly apps: readonly GeneratedApp[];
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Hosts were last seen up to 30 days before this instant. */
  readonly now?: Date;
}

// Real macOS releases and their builds, 13.x to 26.x.
const MACOS: readonly (readonly [string, string])[] = [
  ['13.6.7', '22G720'],
  ['13.7', '22H123'],
  ['13.7.1', '22H221'],
  ['13.7.2', '22H313'],
  ['14.6.1', '23G93'],
  ['14.7', '23H124'],
  ['14.7.1', '23H222'],
  ['14.7.2', '23H311'],
  ['15.1', '24B83'],
  ['15.1.1', '24B91'],
  ['15.2', '24C101'],
  ['15.3.1', '24D70'],
  ['15.4', '24E248'],
  ['15.5', '24F74'],
  ['15.6', '24G84'],
  ['26.0', '25A354'],
  ['26.0.1', '25A362'],
  ['26.1', '25B78'],
];
const MODELS: readonly (readonly [string, string])[] = [
  ['MacBook Air (M1, 2020)', 'MacBookAir10,1'],
  ['MacBook Air (M2, 2022)', 'Mac14,2'],
  ['MacBook Pro (14-inch, M3, Nov 2023)', 'Mac15,3'],
  ['MacBook Pro (16-inch, 2021)', 'MacBookPro18,1'],
  ['13-inch MacBook Pro (2020, Four Thunderbolt 3 ports)', 'MacBookPro16,2'],
  ['iMac (24-inch, M1, 2021)', 'iMac21,1'],
];
const CHROME = [
  '131.0.6778.86',
  '131.0.6778.140',
  '132.0.6834.160',
  '133.0.6943.127',
  '138.0.7204.101',
];
const FIREFOX = ['128.12.0', '133.0.3', '134.0.2', '136.0.4', '140.0.4'];
const EDGE = ['131.0.2903.86', '132.0.2957.140', '133.0.3065.92', '138.0.3351.83'];
const EXTRA: readonly GeneratedApp[] = [
  {
    bundleId: 'com.apple.Safari',
    name: 'Safari.app',
    path: '/Applications/Safari.app',
    version: '18.2',
  },
  {
    bundleId: 'us.zoom.xos',
    name: 'zoom.us.app',
    path: '/Applications/zoom.us.app',
    version: '6.3.1 (47763)',
  },
  {
    bundleId: 'com.tinyspeck.slackmacgap',
    name: 'Slack.app',
    path: '/Applications/Slack.app',
    version: '4.41.105',
  },
  {
    bundleId: 'com.microsoft.VSCode',
    name: 'Visual Studio Code.app',
    path: '/Applications/Visual Studio Code.app',
    version: '1.96.2',
  },
];
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Generate `n` hosts. Serials are unique within a fleet (C02 + 9 for Intel, 10 for Apple silicon). */
export function generateFleet(n: number, options: GenerateOptions = {}): GeneratedHost[] {
  const rand = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const chars = (len: number, alphabet = SERIAL_CHARS): string =>
    Array.from({ length: len }, () => pick([...alphabet])).join('');
  const now = (options.now ?? new Date(Date.UTC(2026, 7, 20))).getTime();
  const serials = new Set<string>();
  const hosts: GeneratedHost[] = [];
  for (let id = 1; id <= n; id++) {
    let serial = '';
    do serial = rand() < 0.7 ? `C02${chars(9)}` : chars(10);
    while (serials.has(serial));
    serials.add(serial);
    const [osVersion, osBuild] = pick(MACOS);
    const [model, modelIdentifier] = pick(MODELS);
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    // Some computers have no one assigned in Jamf: an empty user and location section.
    const owner =
      rand() < 0.05
        ? null
        : {
            username: `${first}.${last}`,
            realname: `${capital(first)} ${capital(last)}`,
            email: `${first}.${last}${id}@example.com`,
          };
    const seen = now - Math.floor(rand() * 30 * 86_400_000);
    const apps: GeneratedApp[] = [
      {
        bundleId: 'com.google.Chrome',
        name: 'Google Chrome.app',
        path: '/Applications/Google Chrome.app',
        version: pick(CHROME),
      },
    ];
    if (rand() < 0.6)
      apps.push({
        bundleId: 'org.mozilla.firefox',
        name: 'Firefox.app',
        path: '/Applications/Firefox.app',
        version: pick(FIREFOX),
      });
    if (rand() < 0.3)
      apps.push({
        bundleId: 'com.microsoft.edgemac',
        name: 'Microsoft Edge.app',
        path: '/Applications/Microsoft Edge.app',
        version: pick(EDGE),
      });
    for (const extra of EXTRA) if (rand() < 0.5) apps.push(extra);
    hosts.push({
      id,
      udid: `${chars(8, '0123456789ABCDEF')}-${chars(4, '0123456789ABCDEF')}-${chars(4, '0123456789ABCDEF')}-${chars(4, '0123456789ABCDEF')}-${chars(12, '0123456789ABCDEF')}`,
      name: owner
        ? `${capital(first)}’s ${model.split(' (')[0] ?? 'Mac'}`
        : `LAB-${serial.slice(-6)}`,
      serial,
      model,
      modelIdentifier,
      osVersion,
      osBuild,
      lastContactTime: new Date(seen).toISOString(),
      reportDate: new Date(seen - 3_600_000).toISOString(),
      owner,
      apps,
    });
  }
  return hosts;
}
