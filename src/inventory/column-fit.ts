import type { HostRecord, InventoryIssue } from './model.js';

/**
 * The widths of the inventory columns a host record fills (migrations 0002, 0010, 0014).
 * PostgreSQL refuses a longer value and fails the whole page's transaction, so one node or row
 * with a 300-character UUID would cost every host of its source; SQLite would keep it silently.
 */
const WIDTH = {
  sourceId: 200,
  serial: 200,
  hardwareUuid: 64,
  model: 100,
  osVersion: 100,
  osBuild: 100,
  lastSeenAt: 40,
  ownerEmail: 320,
  appVersion: 200,
} as const;

const tooLong = (field: string, length: number, width: number): string =>
  `${field} is ${length} characters, at most ${width} fit: left out`;

/**
 * Fits each record to the columns: a record whose own id cannot be stored is skipped, a value
 * that cannot be stored is left out (an app with it is skipped), each with an issue naming the
 * source, record and field; everything else of the record is kept.
 */
export function fitHostColumns(
  source: string,
  records: readonly HostRecord[],
): { readonly hosts: HostRecord[]; readonly issues: InventoryIssue[] } {
  const hosts: HostRecord[] = [];
  const issues: InventoryIssue[] = [];
  for (const r of records) {
    const record = r.sourceId.slice(0, 80);
    const issue = (field: string, length: number, width: number): void => {
      issues.push({ source, record, field, message: tooLong(field, length, width) });
    };
    if (r.sourceId.length > WIDTH.sourceId) {
      issue('sourceId', r.sourceId.length, WIDTH.sourceId);
      continue;
    }
    const fit = <T extends string | null | undefined>(
      field: keyof typeof WIDTH,
      v: T,
    ): T | null => {
      if (typeof v !== 'string' || v.length <= WIDTH[field]) return v;
      issue(field, v.length, WIDTH[field]);
      return null;
    };
    const ownerFits = r.owner === null || r.owner.email.length <= WIDTH.ownerEmail;
    if (!ownerFits) issue('owner.email', r.owner?.email.length ?? 0, WIDTH.ownerEmail);
    const apps = r.apps?.filter((a) => {
      if (a.version.length <= WIDTH.appVersion) return true;
      issue(`apps[${a.key.slice(0, 80)}].version`, a.version.length, WIDTH.appVersion);
      return false;
    });
    hosts.push({
      ...r,
      serial: fit('serial', r.serial),
      hardwareUuid: fit('hardwareUuid', r.hardwareUuid),
      model: fit('model', r.model),
      osVersion: fit('osVersion', r.osVersion),
      osBuild: fit('osBuild', r.osBuild),
      lastSeenAt: fit('lastSeenAt', r.lastSeenAt),
      owner: ownerFits ? r.owner : null,
      apps: apps ?? null,
    });
  }
  return { hosts, issues };
}
