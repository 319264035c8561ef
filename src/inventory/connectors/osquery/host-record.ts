import type { z } from 'zod';
import type { HostPlatform, HostRecord, InstalledApp, InventoryIssue } from '../../model.js';
import { APP_QUERIES, QUERY } from './config.js';
import type { NodeWithResults } from './osquery-store.js';
import {
  appRowSchema,
  osVersionRowSchema,
  packageRowSchema,
  primaryUserRowSchema,
  programRowSchema,
  systemInfoRowSchema,
} from './schema.js';

const SOURCE = 'osquery';

// os_version.platform values osquery reports for Linux distributions (plus platform_like).
const LINUX =
  /^(ubuntu|debian|rhel|centos|fedora|amzn|arch|manjaro|opensuse|suse|sles|gentoo|linux|pop|linuxmint|rocky|almalinux|ol|kali)/;

/** osquery's os_version.platform (or the enroll's platform_type bitmask) -> HostPlatform. */
export function platformOf(
  platform: string | undefined,
  like: string | undefined,
  type: string | null,
): HostPlatform {
  const p = (platform ?? '').toLowerCase();
  if (p === 'darwin') return 'macos';
  if (p === 'windows') return 'windows';
  if (p === 'chrome' || p === 'chromeos') return 'chromeos';
  if (p === 'ios' || p === 'ipados') return 'ios';
  if (LINUX.test(p) || /debian|rhel|fedora|suse|arch/.test((like ?? '').toLowerCase()))
    return 'linux';
  // PlatformType bits (osquery/core/system): 0x10 darwin, 0x02 windows, 0x08 linux.
  const bits = Number(type ?? 0);
  if (bits & 0x10) return 'macos';
  if (bits & 0x02) return 'windows';
  if (bits & 0x08) return 'linux';
  return 'unknown';
}

/** "22.04.3 LTS (Jammy Jellyfish)" -> "22.04.3"; "14.1.2" and "10.0.22000" stay as they are. */
export function osVersionOf(version: string): string | null {
  const v = version.trim();
  if (v === '') return null;
  return /^\d[\w.-]*/.exec(v)?.[0] ?? v;
}

const blankToNull = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/** Build one HostRecord from a node's stored results, falling back to its enroll details. */
export function hostRecordOf(node: NodeWithResults): {
  host: HostRecord;
  issues: InventoryIssue[];
} {
  const issues: InventoryIssue[] = [];
  const record = node.hostIdentifier;
  // Each row is checked here, not at ingestion, so a bad row costs one field, not the host.
  function rows<T>(query: string, schema: z.ZodType<T>): T[] | null {
    const state = node.results.get(query);
    if (!state) return null;
    const ok: T[] = [];
    state.rows.forEach((row, i) => {
      const res = schema.safeParse(row);
      if (res.success) ok.push(res.data);
      else
        for (const issue of res.error.issues)
          issues.push({
            source: SOURCE,
            record,
            field: [query, i, ...issue.path].map(String).join('.'),
            message: issue.message,
          });
    });
    return ok;
  }
  const fallback = (table: string, schema: z.ZodType<unknown>): unknown => {
    const res = schema.safeParse(node.hostDetails[table]);
    return res.success ? res.data : undefined;
  };

  const os =
    rows(QUERY.osVersion, osVersionRowSchema)?.[0] ??
    (fallback('os_version', osVersionRowSchema) as z.infer<typeof osVersionRowSchema> | undefined);
  const sys =
    rows(QUERY.systemInfo, systemInfoRowSchema)?.[0] ??
    (fallback('system_info', systemInfoRowSchema) as
      z.infer<typeof systemInfoRowSchema> | undefined);
  const user = rows(QUERY.primaryUser, primaryUserRowSchema)?.[0];

  const apps = appsOf(node, rows);
  const host: HostRecord = {
    source: SOURCE,
    sourceId: node.hostIdentifier,
    serial: blankToNull(sys?.hardware_serial),
    // Carried so the merge can check the serial against the UUID Jamf or Fleet know it by.
    hardwareUuid: blankToNull(sys?.uuid),
    name: blankToNull(sys?.computer_name) ?? blankToNull(sys?.hostname),
    platform: platformOf(os?.platform, os?.platform_like, node.platformType),
    osVersion: os ? osVersionOf(os.version) : null,
    osBuild: blankToNull(os?.build),
    lastSeenAt: node.lastSeenAt,
    // osquery knows account names, not people: only an account that is an email names an owner.
    owner:
      user && user.username.includes('@')
        ? { email: user.username, name: blankToNull(user.full_name) }
        : null,
    apps,
  };
  for (const li of node.lastIssues)
    issues.push({
      source: SOURCE,
      record: `${record} ${li.record}`,
      field: li.field,
      message: li.message,
    });
  return { host, issues };
}

type RowsFn = <T>(query: string, schema: z.ZodType<T>) => T[] | null;

function appsOf(node: NodeWithResults, rows: RowsFn): InstalledApp[] | null {
  if (!APP_QUERIES.some((q) => node.results.has(q))) return null;
  const apps: InstalledApp[] = [];
  for (const r of rows(QUERY.apps, appRowSchema) ?? []) {
    const version = blankToNull(r.bundle_short_version) ?? blankToNull(r.bundle_version);
    if (version === null) continue; // an app bundle without any version cannot be compared
    apps.push({ kind: 'bundle-id', key: r.bundle_identifier, name: blankToNull(r.name), version });
  }
  for (const r of rows(QUERY.programs, programRowSchema) ?? [])
    apps.push({ kind: 'program', key: r.name, name: r.name, version: r.version });
  for (const q of [QUERY.debPackages, QUERY.rpmPackages])
    for (const r of rows(q, packageRowSchema) ?? [])
      apps.push({ kind: 'package', key: r.name, name: r.name, version: r.version });
  return apps;
}
