import type { GeneratedHost as FleetHost } from '../fleet/generate.js';
import { linuxPackages, macApps, windowsPrograms } from '../fleet/software.js';
import type { GeneratedHost as JamfHost } from '../jamf/generate.js';
import type { HostRecord } from '../../src/inventory/model.js';
import { versionAt, type DemoCatalog, type DemoHost } from './fleet-model.js';

/** The versions a demo host runs at `at`. */
export function stateAt(
  h: DemoHost,
  catalog: DemoCatalog,
  at: Date,
): { macos: { version: string; build: string | null } | null; chrome: string } {
  const mac = h.macTrack
    ? versionAt(h, catalog.macos[h.macTrack] ?? [], h.initial.macos, at)
    : null;
  const chrome = versionAt(h, catalog.chrome, h.initial.chrome, at) ?? h.initial.chrome;
  return { macos: mac ? { version: mac.version, build: mac.build } : null, chrome: chrome.version };
}

/** A Mac as the Jamf Pro stand-in serves it (Jamf knows the person from User and Location). */
export function toJamfHost(h: DemoHost, catalog: DemoCatalog, at: Date): JamfHost {
  const s = stateAt(h, catalog, at);
  const seen = new Date(at.getTime() - (h.id % 7) * 3_600_000).toISOString();
  return {
    id: h.id,
    udid: `00000000-0000-4000-8000-${String(h.id).padStart(12, '0')}`,
    name: h.name,
    serial: h.serial,
    model: 'MacBook Pro (14-inch, 2023)',
    modelIdentifier: 'Mac15,6',
    osVersion: s.macos?.version ?? '',
    osBuild: s.macos?.build ?? '',
    lastContactTime: seen,
    reportDate: seen,
    owner: {
      username: h.owner.email.split('@')[0] ?? '',
      realname: h.owner.name,
      email: h.owner.email,
    },
    apps: [
      {
        bundleId: 'com.google.Chrome',
        name: 'Google Chrome.app',
        path: '/Applications/Google Chrome.app',
        version: s.chrome,
      },
    ],
  };
}

/** Any host as the Fleet stand-in serves it, with its owner from Fleet's device mapping. */
export function toFleetHost(
  h: DemoHost,
  catalog: DemoCatalog,
  at: Date,
  fleetId: number,
): FleetHost {
  const s = stateAt(h, catalog, at);
  const browsers = { chrome: s.chrome, firefox: null, edge: null };
  const software =
    h.platform === 'macos'
      ? macApps(browsers)
      : h.platform === 'windows'
        ? windowsPrograms(browsers)
        : linuxPackages(browsers, 'deb_packages');
  return {
    id: fleetId,
    uuid: `10000000-0000-4000-8000-${String(fleetId).padStart(12, '0')}`,
    hostname: `${h.name}.local`,
    computerName: h.name,
    serial: h.serial,
    platform: h.platform === 'macos' ? 'darwin' : h.platform === 'windows' ? 'windows' : 'ubuntu',
    osVersion:
      h.platform === 'macos'
        ? `macOS ${s.macos?.version ?? ''}`
        : h.platform === 'windows'
          ? 'Windows 11 Enterprise 23H2 10.0.22631.4602'
          : 'Ubuntu 24.04.1 LTS',
    build: s.macos?.build ?? '',
    hardwareModel: h.platform === 'macos' ? 'Mac15,6' : 'Latitude 7440',
    seenTime: new Date(at.getTime() - (h.id % 5) * 3_600_000).toISOString(),
    owner: { email: h.owner.email, source: 'google_chrome_profiles' },
    software,
  };
}

/** The record the Jamf connector would produce for this Mac at `at`: used to replay history. */
export function toJamfRecord(h: DemoHost, catalog: DemoCatalog, at: Date): HostRecord {
  const s = stateAt(h, catalog, at);
  return {
    source: 'jamf',
    sourceId: String(h.id),
    serial: h.serial,
    name: h.name,
    platform: 'macos',
    osVersion: s.macos?.version ?? null,
    osBuild: s.macos?.build ?? null,
    lastSeenAt: at.toISOString(),
    owner: { email: h.owner.email, name: h.owner.name },
    apps: [
      { kind: 'bundle-id', key: 'com.google.Chrome', name: 'Google Chrome', version: s.chrome },
    ],
  };
}
