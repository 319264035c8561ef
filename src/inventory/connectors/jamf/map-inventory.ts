import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostRecord, InstalledApp, InventoryIssue, OwnerRecord } from '../../model.js';
import { computerSchema, inventoryPageSchema, type JamfComputer } from './schema.js';

export const SOURCE = 'jamf';

/** A trimmed string, or null for missing and blank (Jamf writes "" for unset fields). */
export function clean(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

export const isoOrNull = (s: string | null | undefined): string | null =>
  clean(s) ? new Date(s as string).toISOString() : null;

/** An owner needs an email: a name alone cannot be told apart from another person's. */
export function owner(
  email: string | null | undefined,
  name: string | null | undefined,
): OwnerRecord | null {
  const e = clean(email);
  return e ? { email: e, name: clean(name) } : null;
}

/**
 * Apps keyed by bundle id. Apps without one (Jamf reports "" for some) or without a version
 * cannot be matched to a product or compared, so they are left out rather than reported.
 */
export function bundleApps(
  apps: readonly { name?: string | null; bundleId?: string | null; version?: string | null }[],
): InstalledApp[] {
  const out: InstalledApp[] = [];
  for (const a of apps) {
    const key = clean(a.bundleId);
    const version = clean(a.version);
    if (key && version) out.push({ kind: 'bundle-id', key, name: clean(a.name), version });
  }
  return out;
}

/** One Jamf Pro API computer as a HostRecord. Versions stay exactly as Jamf reports them. */
export function mapComputer(c: JamfComputer): HostRecord {
  return {
    source: SOURCE,
    sourceId: String(c.id),
    serial: clean(c.hardware?.serialNumber),
    hardwareUuid: clean(c.udid),
    model: clean(c.hardware?.modelIdentifier),
    name: clean(c.general?.name),
    // computers-inventory lists computers only, and Jamf Pro manages only Macs as computers.
    platform: 'macos',
    osVersion: clean(c.operatingSystem?.version),
    osBuild: clean(c.operatingSystem?.build),
    lastSeenAt: isoOrNull(c.general?.lastContactTime),
    owner: owner(c.userAndLocation?.email, c.userAndLocation?.realname),
    // null: the APPLICATIONS section did not come back, so we know nothing about apps.
    apps: c.applications ? bundleApps(c.applications) : null,
  };
}

function recordName(item: unknown, index: number, page: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? `id=${id}` : `page ${page} #${index}`;
}

/**
 * Parse one page of GET /api/v1/computers-inventory. A page that is not `{totalCount, results}`
 * throws E_INVENTORY_PARSE; a bad computer on it becomes an issue and the others come through.
 */
export function parseInventoryPage(
  body: string,
  page: number,
): { total: number; hosts: HostRecord[]; issues: InventoryIssue[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const env = inventoryPageSchema.safeParse(json);
  if (!env.success) {
    throw new PatchbayError(
      'E_INVENTORY_PARSE',
      `jamf: computers-inventory page ${page} is not {totalCount, results}`,
      { source: SOURCE, page },
    );
  }
  const hosts: HostRecord[] = [];
  const issues: InventoryIssue[] = [];
  env.data.results.forEach((item, index) => {
    const res = computerSchema.safeParse(item);
    if (res.success) {
      hosts.push(mapComputer(res.data));
      return;
    }
    for (const issue of res.error.issues) {
      issues.push({
        source: SOURCE,
        record: recordName(item, index, page),
        field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
        message: issue.message,
      });
    }
  });
  return { total: env.data.totalCount, hosts, issues };
}
