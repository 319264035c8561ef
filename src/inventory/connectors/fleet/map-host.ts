import type { HostPlatform, HostRecord, InstalledApp, InventoryIssue } from '../../model.js';
import { hostLabel, issuesFromZod, SOURCE } from './issues.js';
import {
  fleetDeviceMappingSchema,
  fleetHostSchema,
  fleetSoftwareSchema,
  type FleetHost,
} from './schema.js';

// Fleet's Linux platform names (server/fleet/hosts.go HostLinuxOSs) plus the ones it reports raw.
const LINUX = new Set([
  'linux',
  'ubuntu',
  'debian',
  'rhel',
  'centos',
  'fedora',
  'sles',
  'kali',
  'gentoo',
  'amzn',
  'pop',
  'arch',
  'archarm',
  'linuxmint',
  'void',
  'nixos',
  'endeavouros',
  'manjaro',
  'opensuse-leap',
  'opensuse-tumbleweed',
  'tuxedo',
  'neon',
]);

/** Fleet's `platform` to ours: darwin, windows, the Linux distributions, chrome, ios/ipados. */
export function fleetPlatform(platform: string): HostPlatform {
  const p = platform.trim().toLowerCase();
  if (p === 'darwin') return 'macos';
  if (p === 'windows') return 'windows';
  if (p === 'chrome') return 'chromeos';
  if (p === 'ios' || p === 'ipados') return 'ios';
  return LINUX.has(p) ? 'linux' : 'unknown';
}

/**
 * The version out of Fleet's `os_version`, which carries the OS name: "macOS 15.1.1" -> "15.1.1"
 * (a Rapid Security Response suffix such as " (a)" kept), "Windows 11 Enterprise 23H2
 * 10.0.22631.4602" -> "10.0.22631.4602", "Ubuntu 24.04.3 LTS" -> "24.04.3", "CentOS Linux 7" ->
 * "7". A value that already starts with a digit (a query report column) is kept as it is.
 */
export function fleetOsVersion(osVersion: string): string | null {
  const s = osVersion.trim();
  if (s === '') return null;
  if (/^\d/.test(s)) return s;
  const apple = /^(?:macOS|Mac OS X|iOS|iPadOS)\s+(\d.*)$/.exec(s);
  if (apple?.[1]) return apple[1].trim();
  // Windows puts the edition's year and release ("2022", "23H2") before the kernel version.
  const dotted = s.match(/\d+(?:\.\d+)+/g);
  if (dotted) return dotted[dotted.length - 1] ?? null;
  const whole = s.match(/\b\d+\b/g);
  return whole ? (whole[whole.length - 1] ?? null) : null;
}

/** An RFC 3339 time as ISO 8601 UTC; Fleet's "never" placeholders (0001-01-01, 1970) become null. */
export function fleetTime(value: string | null): string | null {
  if (value === null) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1970 ? null : d.toISOString();
}

// An admin's own mapping beats the IdP, which beats whoever signed into Chrome.
const OWNER_SOURCE_RANK = [
  'custom',
  'custom_override',
  'identity_provider',
  'idp',
  'google_chrome_profiles',
];
const rank = (source: string): number => {
  const i = OWNER_SOURCE_RANK.indexOf(source);
  return i === -1 ? OWNER_SOURCE_RANK.length : i;
};

/** One host of a list page as a HostRecord, plus issues for its bad software or mapping entries. */
export function mapFleetHost(host: FleetHost): { record: HostRecord; issues: InventoryIssue[] } {
  const label = `host ${host.id}`;
  const issues: InventoryIssue[] = [];
  let owner: { email: string; source: string } | null = null;
  for (const [i, raw] of (host.device_mapping ?? []).entries()) {
    const m = fleetDeviceMappingSchema.safeParse(raw);
    if (!m.success) issues.push(...issuesFromZod(label, m.error, `device_mapping.${i}`));
    else if (!owner || rank(m.data.source) < rank(owner.source)) owner = m.data;
  }
  let apps: InstalledApp[] | null = null;
  // Software not yet collected comes as null: "unknown", not "nothing installed".
  if (Array.isArray(host.software)) {
    apps = [];
    for (const [i, raw] of host.software.entries()) {
      const s = fleetSoftwareSchema.safeParse(raw);
      if (!s.success) issues.push(...issuesFromZod(label, s.error, `software.${i}`));
      else {
        const app = toApp(s.data.source, s.data.name, s.data.version, s.data.bundle_identifier);
        if (app) apps.push(app);
      }
    }
  }
  const serial = host.hardware_serial.trim();
  const name =
    [host.display_name, host.hostname, host.computer_name].map((n) => n?.trim()).find((n) => n) ??
    null;
  const record: HostRecord = {
    source: SOURCE,
    sourceId: String(host.id),
    serial: serial === '' ? null : serial,
    hardwareUuid: host.uuid?.trim() || null,
    model: host.hardware_model?.trim() || null,
    name,
    platform: fleetPlatform(host.platform),
    osVersion: fleetOsVersion(host.os_version),
    osBuild: host.build?.trim() || null,
    lastSeenAt: fleetTime(host.seen_time),
    owner: owner ? { email: owner.email, name: null } : null,
    apps,
  };
  return { record, issues };
}

/**
 * A software entry as an InstalledApp keyed the way the app map looks it up: macOS (and iOS) apps
 * by bundle id, Windows programs by name, deb/rpm packages by package name. Other sources
 * (browser extensions, Python packages, ...) and entries without a version are not products.
 */
export function toApp(
  source: string,
  name: string,
  version: string,
  bundleId?: string,
): InstalledApp | null {
  if (version.trim() === '') return null;
  switch (source) {
    case 'apps':
    case 'ios_apps':
    case 'ipados_apps':
      return bundleId?.trim()
        ? { kind: 'bundle-id', key: bundleId.trim(), name: name.replace(/\.app$/, ''), version }
        : null;
    // Programs and packages are keyed by name: a blank one could match no product.
    case 'programs':
      return name.trim() ? { kind: 'program', key: name, name, version } : null;
    case 'deb_packages':
    case 'rpm_packages':
      return name.trim() ? { kind: 'package', key: name, name, version } : null;
    default:
      return null;
  }
}

/** Parse and map every host of one list page: a bad host is an issue, the others still come. */
export function mapHostsPage(
  rawHosts: readonly unknown[],
  page: number,
): { hosts: HostRecord[]; issues: InventoryIssue[] } {
  const hosts: HostRecord[] = [];
  const issues: InventoryIssue[] = [];
  rawHosts.forEach((raw, i) => {
    const parsed = fleetHostSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(...issuesFromZod(hostLabel(raw, `hosts page ${page} #${i}`), parsed.error));
      return;
    }
    const mapped = mapFleetHost(parsed.data);
    hosts.push(mapped.record);
    issues.push(...mapped.issues);
  });
  return { hosts, issues };
}
