import type {
  AppKeyKind,
  HostPlatform,
  HostRecord,
  InstalledApp,
  InventoryIssue,
} from '../../model.js';
import type { FileHost } from './schema.js';

/** Pure: one host of an export (a CSV row or a JSON object, already schema-checked) -> HostRecord. */

const SOURCE = 'file';

const PLATFORMS: Readonly<Record<string, HostPlatform>> = {
  macos: 'macos',
  mac: 'macos',
  'mac os x': 'macos',
  osx: 'macos',
  darwin: 'macos',
  windows: 'windows',
  win: 'windows',
  win32: 'windows',
  linux: 'linux',
  ubuntu: 'linux',
  debian: 'linux',
  rhel: 'linux',
  chromeos: 'chromeos',
  'chrome os': 'chromeos',
  chrome: 'chromeos',
  ios: 'ios',
  ipados: 'ios',
  unknown: 'unknown',
};

/** App columns of a CSV header: `app:` is short for `bundle-id:`. */
const APP_PREFIXES: Readonly<Record<string, AppKeyKind>> = {
  'app:': 'bundle-id',
  'bundle-id:': 'bundle-id',
  'program:': 'program',
  'package:': 'package',
};

/** `app:com.google.Chrome` -> {kind: 'bundle-id', key: 'com.google.Chrome'}; other columns -> null. */
export function appColumn(column: string): { kind: AppKeyKind; key: string } | null {
  for (const [prefix, kind] of Object.entries(APP_PREFIXES))
    if (column.startsWith(prefix) && column.length > prefix.length)
      return { kind, key: column.slice(prefix.length) };
  return null;
}

/**
 * `2026-08-18T09:15:00Z`, `2026-08-18 09:15:00` (read as UTC), `2026-08-18`, or Unix seconds
 * -> ISO 8601 UTC; anything else -> null.
 */
export function parseLastSeen(text: string): string | null {
  let ms: number;
  if (/^\d{9,11}$/.test(text)) ms = Number(text) * 1000;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) ms = Date.parse(`${text}T00:00:00Z`);
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text))
    ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) ms = Date.parse(text);
  else return null;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Check the fields that need more than a type and build the record. Every problem is an issue
 * naming the column; a host with any problem is skipped whole, so no half-read host lands.
 */
export function hostFromFile(
  h: FileHost,
  record: string,
): { host: HostRecord; issues: [] } | { host: null; issues: InventoryIssue[] } {
  const issues: InventoryIssue[] = [];
  const bad = (field: string, message: string) =>
    issues.push({ source: SOURCE, record, field, message });

  const sourceId = h.id ?? h.serial ?? h.name;
  if (sourceId === null) bad('id', 'a host needs an id, a serial or a name');
  let platform: HostPlatform = 'unknown';
  if (h.platform !== null) {
    const p = PLATFORMS[h.platform.toLowerCase()];
    if (p) platform = p;
    else bad('platform', `"${h.platform}" is not one of macos, windows, linux, chromeos, ios`);
  }
  const lastSeenAt = h.last_seen === null ? null : parseLastSeen(h.last_seen);
  if (h.last_seen !== null && lastSeenAt === null)
    bad('last_seen', `"${h.last_seen}" is not an ISO 8601 date/time or Unix seconds`);
  if (h.owner_email !== null && !EMAIL.test(h.owner_email))
    bad('owner_email', `"${h.owner_email}" is not an email address`);
  if (issues.length > 0 || sourceId === null) return { host: null, issues };

  const apps: InstalledApp[] | null = h.apps
    ? h.apps.map((a) => ({ kind: a.kind, key: a.key, name: a.name, version: a.version }))
    : null;
  return {
    host: {
      source: SOURCE,
      sourceId,
      serial: h.serial,
      hardwareUuid: h.hardware_uuid,
      // Only when given: most exports have no such column, and their records stay as they were.
      ...(h.model ? { model: h.model } : {}),
      name: h.name,
      platform,
      osVersion: h.os_version,
      osBuild: h.os_build,
      lastSeenAt,
      owner: h.owner_email === null ? null : { email: h.owner_email, name: h.owner_name },
      apps,
    },
    issues: [],
  };
}
