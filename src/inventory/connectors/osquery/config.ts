/**
 * The osquery config Patchbay hands out on config_tls_endpoint: snapshot queries for exactly what
 * inventory needs. Pure: the same options always give the same config.
 */

/** Names of Patchbay's scheduled queries; result logs under other names are ignored. */
export const QUERY = {
  osVersion: 'patchbay_os_version',
  systemInfo: 'patchbay_system_info',
  apps: 'patchbay_apps',
  programs: 'patchbay_programs',
  debPackages: 'patchbay_deb_packages',
  rpmPackages: 'patchbay_rpm_packages',
  primaryUser: 'patchbay_primary_user',
} as const;

export type QueryName = (typeof QUERY)[keyof typeof QUERY];

export const QUERY_NAMES: ReadonlySet<string> = new Set(Object.values(QUERY));

/** The queries whose rows are installed software; a host with none of them reports no apps. */
export const APP_QUERIES: readonly QueryName[] = [
  QUERY.apps,
  QUERY.programs,
  QUERY.debPackages,
  QUERY.rpmPackages,
];

/** One entry of osquery's `schedule` (osquery docs "Configuration"). */
export interface ScheduledQuery {
  readonly query: string;
  readonly interval: number;
  readonly snapshot: true;
  /** osquery's platform filter: darwin, windows, linux, posix, any. */
  readonly platform?: string;
  readonly description: string;
}

export interface OsqueryConfig {
  readonly schedule: Readonly<Record<QueryName, ScheduledQuery>>;
}

export interface ConfigOptions {
  /** Seconds between runs of every query; osquery splays them by 10% itself. */
  readonly intervalSeconds?: number;
}

/**
 * Build the config. Every query is a snapshot so each run carries the whole answer and the store
 * can simply keep the latest one; differential logs are still understood (see result-log.ts).
 */
export function buildOsqueryConfig(opts: ConfigOptions = {}): OsqueryConfig {
  const interval = opts.intervalSeconds ?? 3600;
  const q = (query: string, description: string, platform?: string): ScheduledQuery => ({
    query,
    interval,
    snapshot: true,
    ...(platform ? { platform } : {}),
    description,
  });
  return {
    schedule: {
      [QUERY.osVersion]: q(
        'SELECT name, version, major, minor, patch, build, platform, platform_like FROM os_version;',
        'OS name, version and build for patch compliance.',
      ),
      [QUERY.systemInfo]: q(
        'SELECT hardware_serial, computer_name, hostname, hardware_model, uuid FROM system_info;',
        'Serial number (hosts merge on it) and the computer name.',
      ),
      [QUERY.apps]: q(
        // Apps without a bundle id cannot be mapped to a product, so they are left out at source.
        "SELECT bundle_identifier, bundle_short_version, bundle_version, name FROM apps WHERE bundle_identifier != '';",
        'Installed macOS apps by bundle id.',
        'darwin',
      ),
      [QUERY.programs]: q(
        "SELECT name, version, publisher FROM programs WHERE name != '' AND version != '';",
        'Installed Windows programs.',
        'windows',
      ),
      [QUERY.debPackages]: q(
        'SELECT name, version FROM deb_packages;',
        'Installed Debian/Ubuntu packages.',
        'linux',
      ),
      [QUERY.rpmPackages]: q(
        'SELECT name, version, release FROM rpm_packages;',
        'Installed RPM packages.',
        'linux',
      ),
      [QUERY.primaryUser]: q(
        // The console session on macOS, the active session on Windows: the person at the machine.
        "SELECT l.user AS username, COALESCE(u.description, '') AS full_name FROM logged_in_users l LEFT JOIN users u ON u.username = l.user WHERE l.tty = 'console' OR l.type = 'active' LIMIT 1;",
        'The logged-in console user, as a hint of the owner.',
        'darwin,windows',
      ),
    },
  };
}
