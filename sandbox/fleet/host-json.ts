import type { GeneratedHost, GeneratedSoftware } from './generate.js';

/** What the request asked Fleet to include in each host. */
export interface RenderOptions {
  /** `populate_software`: absent/false, `without_vulnerability_details`, or `true`. */
  readonly software: 'none' | 'without_vulnerability_details' | 'full';
  /** `device_mapping=true`. */
  readonly deviceMapping: boolean;
}

/** Fleet's `GET /api/v1/fleet/queries/:id/report` answer. */
export interface FleetQueryReport {
  readonly query_id: number;
  readonly report_clipped: boolean;
  readonly results: readonly {
    readonly host_id: number;
    readonly host_name: string;
    readonly last_fetched: string | null;
    readonly columns: Readonly<Record<string, string>>;
  }[];
}

const PLATFORM_LIKE: Readonly<Record<string, string>> = {
  darwin: 'darwin',
  windows: 'windows',
  ubuntu: 'debian',
  rhel: 'rhel',
};

/**
 * One host as Fleet's list-hosts endpoint renders it: the field set and order of a real Fleet 4.x
 * answer (goauthentik/authentik's captured host_macos.json), so the connector meets the fields it
 * reads among many it does not.
 */
export function renderHost(h: GeneratedHost, opts: RenderOptions): Record<string, unknown> {
  const mac = h.platform === 'darwin';
  const json: Record<string, unknown> = {
    created_at: '2025-10-19T12:44:09Z',
    updated_at: h.seenTime,
    software:
      opts.software === 'none'
        ? null
        : h.software.map((s, i) => renderSoftware(h.id * 100 + i, s, opts.software === 'full')),
    software_updated_at: h.seenTime,
    id: h.id,
    detail_updated_at: h.seenTime,
    label_updated_at: h.seenTime,
    policy_updated_at: h.seenTime,
    last_enrolled_at: '2025-10-19T12:44:20Z',
    seen_time: h.seenTime,
    refetch_requested: false,
    hostname: h.hostname,
    uuid: h.uuid,
    platform: h.platform,
    osquery_version: '5.21.0',
    orbit_version: '1.47.0',
    fleet_desktop_version: mac ? '1.47.0' : null,
    scripts_enabled: true,
    os_version: h.osVersion,
    build: h.build,
    platform_like: PLATFORM_LIKE[h.platform] ?? h.platform,
    code_name: h.platform === 'ubuntu' ? 'noble' : '',
    uptime: 653014000000000,
    memory: 17179869184,
    cpu_type: mac ? 'arm64e' : 'x86_64',
    cpu_subtype: mac ? 'ARM64E' : '165',
    cpu_brand: mac ? 'Apple M2 Pro' : '13th Gen Intel(R) Core(TM) i7-1365U',
    cpu_physical_cores: 10,
    cpu_logical_cores: 12,
    hardware_vendor: mac ? 'Apple Inc.' : 'LENOVO',
    hardware_model: h.hardwareModel,
    hardware_version: '',
    hardware_serial: h.serial,
    computer_name: h.computerName,
    timezone: null,
    public_ip: '203.0.113.7',
    primary_ip: `10.20.${(h.id >> 8) & 255}.${h.id & 255}`,
    primary_mac: '5e:72:1c:89:98:29',
    distributed_interval: 10,
    config_tls_refresh: 60,
    logger_tls_period: 10,
    team_id: null,
    pack_stats: null,
    team_name: null,
    gigs_disk_space_available: 216.52,
    percent_disk_space_available: 43,
    gigs_total_disk_space: 494.38,
    gigs_all_disk_space: null,
    issues: { failing_policies_count: 0, critical_vulnerabilities_count: 0, total_issues_count: 0 },
    mdm: {
      enrollment_status: mac ? 'On (automatic)' : null,
      dep_profile_error: false,
      server_url: null,
      name: mac ? 'Fleet' : '',
      encryption_key_available: false,
      connected_to_fleet: mac,
    },
    refetch_critical_queries_until: null,
    last_restarted_at: '2026-08-10T22:05:44.00887Z',
    status: 'online',
    display_text: h.hostname,
    display_name: h.computerName,
  };
  // Fleet adds device_mapping only when asked, and then null for a host without emails.
  if (opts.deviceMapping)
    json['device_mapping'] = h.owner ? [{ email: h.owner.email, source: h.owner.source }] : null;
  return json;
}

function renderSoftware(
  id: number,
  s: GeneratedSoftware,
  vulnerabilityDetails: boolean,
): Record<string, unknown> {
  const json: Record<string, unknown> = { id, name: s.name, version: s.version };
  if (s.bundleIdentifier) json['bundle_identifier'] = s.bundleIdentifier;
  Object.assign(json, {
    source: s.source,
    extension_for: '',
    browser: '',
    generated_cpe: '',
    vulnerabilities: vulnerabilityDetails ? [] : null,
    last_opened_at: '',
    display_name: '',
    installed_paths: [s.installedPath],
  });
  return json;
}

/**
 * The saved query report the seed system read: one row per Mac with the columns hardware_serial,
 * os_version (bare, as osquery's os_version.version gives it) and chrome_version ("" without
 * Chrome). Fleet returns every column value as a string.
 */
export function renderReport(
  hosts: readonly GeneratedHost[],
  queryId: number,
  lastFetched: string,
): FleetQueryReport {
  const results = hosts
    .filter((h) => h.platform === 'darwin')
    .map((h) => ({
      host_id: h.id,
      host_name: h.hostname,
      last_fetched: lastFetched,
      columns: {
        hardware_serial: h.serial,
        os_version: h.osVersion.replace(/^macOS /, ''),
        chrome_version:
          h.software.find((s) => s.bundleIdentifier === 'com.google.Chrome')?.version ?? '',
      },
    }));
  return { query_id: queryId, report_clipped: false, results };
}
