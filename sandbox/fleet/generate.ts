import { FIRST_NAMES, LAST_NAMES } from '../names.js';
import { CHROME, EDGE, FIREFOX, linuxPackages, macApps, windowsPrograms } from './software.js';
import { seededRandom } from '../../src/platform/random/seeded-random.js';

/**
 * A deterministic fleet of realistic hosts for the Fleet stand-in, the tests and the demo: the
 * same seed always gives the same hosts, so a test can assert on host 4711 without storing it.
 */

/** An installed app as Fleet's `software` list reports it (only the facts the stand-in renders). */
export interface GeneratedSoftware {
  readonly name: string;
  readonly version: string;
  /** The osquery table: `apps`, `programs`, `deb_packages`, `rpm_packages`. */
  readonly source: string;
  readonly bundleIdentifier?: string;
  readonly installedPath: string;
}

/** The facts of one host; sandbox/fleet/host-json.ts renders Fleet's JSON from them. */
export interface GeneratedHost {
  readonly id: number;
  readonly uuid: string;
  readonly hostname: string;
  readonly computerName: string;
  readonly serial: string;
  /** Fleet's platform string: `darwin`, `windows`, `ubuntu`, `rhel`. */
  readonly platform: string;
  /** Fleet's os_version, name included: `macOS 15.1.1`. */
  readonly osVersion: string;
  readonly build: string;
  readonly hardwareModel: string;
  readonly seenTime: string;
  readonly owner: { readonly email: string; readonly source: string } | null;
  readonly software: readonly GeneratedSoftware[];
}

// Real macOS releases with their builds, from 13.x to 26.x.
const MACOS: readonly (readonly [string, string])[] = [
  ['13.6.9', '22G830'],
  ['13.7.1', '22H221'],
  ['13.7.6', '22H625'],
  ['14.6.1', '23G93'],
  ['14.7.1', '23H222'],
  ['14.7.6', '23H626'],
  ['15.1.1', '24B91'],
  ['15.3.2', '24D81'],
  ['15.5', '24F74'],
  ['15.6.1', '24G90'],
  ['26.0.1', '25A362'],
  ['26.1', '25B78'],
  ['26.3', '25D125'],
];
const MODELS = ['MacBookPro18,3', 'Mac14,2', 'Mac15,3', 'MacBookAir10,1', 'Mac16,1'];
// Apple serials avoid I and O, which read as 1 and 0.
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** Generate `count` hosts with ids 1..count: ~85% Macs, the rest Windows, Ubuntu and RHEL. */
export function generateFleet(
  count: number,
  seed = 1,
  now = new Date(Date.UTC(2026, 7, 22, 12)),
): GeneratedHost[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const chars = (n: number, alphabet: string): string =>
    Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const hosts: GeneratedHost[] = [];
  for (let id = 1; id <= count; id++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const roll = rand();
    const platform =
      roll < 0.85 ? 'darwin' : roll < 0.94 ? 'windows' : roll < 0.98 ? 'ubuntu' : 'rhel';
    const seenTime = new Date(now.getTime() - Math.floor(rand() * 14 * 86_400_000))
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const owner =
      rand() < 0.85
        ? {
            email: `${first}.${last}@example.com`,
            source: rand() < 0.9 ? 'google_chrome_profiles' : 'custom',
          }
        : null;
    const uuid = `${chars(8, '0123456789ABCDEF')}-${chars(4, '0123456789ABCDEF')}-5${chars(3, '0123456789ABCDEF')}-A${chars(3, '0123456789ABCDEF')}-${chars(12, '0123456789ABCDEF')}`;
    const base = { id, uuid, seenTime, owner };
    const browsers = {
      chrome: rand() < 0.9 ? pick(CHROME) : null,
      firefox: rand() < 0.4 ? pick(FIREFOX) : null,
      edge: rand() < 0.2 ? pick(EDGE) : null,
    };
    if (platform === 'darwin') {
      const [version, build] = pick(MACOS);
      const hostname = `${first}-${last}-mbp-${id}.local`;
      const serial = `C02${chars(9, SERIAL_CHARS)}`;
      hosts.push({
        ...base,
        hostname,
        computerName: `${first}'s MacBook Pro`,
        serial,
        platform,
        osVersion: `macOS ${version}`,
        build,
        hardwareModel: pick(MODELS),
        software: macApps(browsers),
      });
    } else if (platform === 'windows') {
      const ubr = 4000 + Math.floor(rand() * 900);
      hosts.push({
        ...base,
        hostname: `DESKTOP-${chars(7, SERIAL_CHARS)}`,
        computerName: `${first}-${last}-pc`.toUpperCase(),
        serial: `PF${chars(6, SERIAL_CHARS)}`,
        platform,
        osVersion: `Windows 11 Enterprise 23H2 10.0.22631.${ubr}`,
        build: '22631',
        hardwareModel: '21HMCTO1WW',
        software: windowsPrograms(browsers),
      });
    } else {
      const ubuntu = platform === 'ubuntu';
      hosts.push({
        ...base,
        hostname: `${first}-${last}-linux-${id}`,
        computerName: `${first}-${last}-linux-${id}`,
        serial: chars(10, SERIAL_CHARS),
        platform,
        osVersion: ubuntu ? 'Ubuntu 24.04.3 LTS' : 'Red Hat Enterprise Linux 9.6.0',
        build: '',
        hardwareModel: 'ThinkPad X1 Carbon Gen 11',
        software: linuxPackages(browsers, ubuntu ? 'deb_packages' : 'rpm_packages'),
      });
    }
  }
  return hosts;
}
