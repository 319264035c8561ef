import type { HostPlatform, HostRecord, InstalledApp, InventoryIssue } from '../../model.js';
import { issuesFromZod, SOURCE } from './issues.js';
import { fleetOsVersion } from './map-host.js';
import { queryReportRowSchema } from './schema.js';

const CHROME = 'Google Chrome';

/** Chrome as the app map knows it on each platform; ChromeOS's browser is the OS itself. */
function chromeApp(platform: HostPlatform, version: string): InstalledApp | null {
  switch (platform) {
    case 'windows':
      return { kind: 'program', key: CHROME, name: CHROME, version };
    case 'linux':
      return { kind: 'package', key: 'google-chrome-stable', name: CHROME, version };
    case 'chromeos':
      return null;
    case 'macos':
    case 'ios':
    case 'unknown':
      return { kind: 'bundle-id', key: 'com.google.Chrome', name: CHROME, version };
  }
}

interface Merged {
  hostId: number;
  name: string;
  serial: string;
  osVersion: string;
  chrome: string;
}

/**
 * The saved query report's rows as HostRecords, one per Fleet host (several rows of one host
 * merge, a later non-empty column winning). They carry only what the report knows: serial, OS
 * version and Chrome; `platform` comes from the host list (`platforms`) or is 'unknown'; owner,
 * lastSeenAt and osBuild are null; `apps` is null unless the row has a chrome_version.
 */
export function mapReportRows(
  rows: readonly unknown[],
  platforms: ReadonlyMap<string, HostPlatform>,
): { hosts: HostRecord[]; issues: InventoryIssue[] } {
  const issues: InventoryIssue[] = [];
  const byHost = new Map<number, Merged>();
  rows.forEach((raw, i) => {
    const row = queryReportRowSchema.safeParse(raw);
    if (!row.success) {
      const hostId =
        raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['host_id'] : undefined;
      const label = typeof hostId === 'number' ? `host ${hostId}` : `report row ${i}`;
      issues.push(...issuesFromZod(label, row.error, `results.${i}`));
      return;
    }
    const { host_id: hostId, host_name: name, columns } = row.data;
    const m = byHost.get(hostId) ?? { hostId, name, serial: '', osVersion: '', chrome: '' };
    m.serial = columns.hardware_serial?.trim() || m.serial;
    m.osVersion = columns.os_version?.trim() || m.osVersion;
    m.chrome = columns.chrome_version?.trim() || m.chrome;
    byHost.set(hostId, m);
  });
  const hosts = [...byHost.values()].map((m): HostRecord => {
    const sourceId = String(m.hostId);
    const platform = platforms.get(sourceId) ?? 'unknown';
    const chrome = m.chrome === '' ? null : chromeApp(platform, m.chrome);
    return {
      source: SOURCE,
      sourceId,
      serial: m.serial === '' ? null : m.serial,
      name: m.name.trim() || null,
      platform,
      osVersion: fleetOsVersion(m.osVersion),
      osBuild: null,
      lastSeenAt: null,
      owner: null,
      apps: chrome ? [chrome] : null,
    };
  });
  return { hosts, issues };
}
