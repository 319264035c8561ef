import { productVersions, type CompiledAppMap } from './app-map.js';
import type { MergedHost } from './host-merge.js';
import type { HostPlatform, HostRecord, InventoryIssue } from './model.js';
import type {
  HostSourcesTable,
  HostsTable,
  HostVersionsTable,
  VersionHistoryTable,
} from './tables.js';

/**
 * A connector may report one host in several records (Fleet's host list, then its saved query
 * report). Within a page they are folded together: a later record's non-null fields win.
 */
export function foldRecords(hosts: readonly HostRecord[]): HostRecord[] {
  const byId = new Map<string, HostRecord>();
  for (const h of hosts) {
    const prev = byId.get(h.sourceId);
    byId.set(h.sourceId, prev ? overlay(prev, h) : h);
  }
  return [...byId.values()];
}

/** `next` over `base`, field by field: null (or platform `unknown`) never erases a known value. */
export function overlay(base: HostRecord, next: HostRecord): HostRecord {
  return {
    source: base.source,
    sourceId: base.sourceId,
    serial: next.serial ?? base.serial,
    hardwareUuid: next.hardwareUuid ?? base.hardwareUuid ?? null,
    model: next.model ?? base.model ?? null,
    name: next.name ?? base.name,
    platform: next.platform !== 'unknown' ? next.platform : base.platform,
    osVersion: next.osVersion ?? base.osVersion,
    osBuild: next.osBuild ?? base.osBuild,
    lastSeenAt: latest(base.lastSeenAt, next.lastSeenAt),
    owner: next.owner ?? base.owner,
    apps: mergeApps(base.apps, next.apps),
  };
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function mergeApps(a: HostRecord['apps'], b: HostRecord['apps']): HostRecord['apps'] {
  if (a === null) return b;
  if (b === null) return a;
  const seen = new Set(b.map((x) => `${x.kind}:${x.key}`));
  return [...b, ...a.filter((x) => !seen.has(`${x.kind}:${x.key}`))];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The host_sources row for one source's record of a host. */
export function toSourceRow(r: HostRecord, hostId: string, at: string): HostSourcesTable {
  return {
    source: r.source,
    source_id: r.sourceId,
    host_id: hostId,
    serial: r.serial,
    name: r.name,
    platform: r.platform,
    os_version: r.osVersion,
    os_build: r.osBuild,
    last_seen_at: r.lastSeenAt,
    owner_email: r.owner?.email ?? null,
    owner_name: r.owner?.name ?? null,
    hardware_uuid: r.hardwareUuid ?? null,
    model: r.model ?? null,
    synced_at: at,
  };
}

export function fromSourceRow(r: HostSourcesTable): HostRecord {
  return {
    source: r.source,
    sourceId: r.source_id,
    serial: r.serial,
    hardwareUuid: r.hardware_uuid,
    model: r.model,
    name: r.name,
    platform: r.platform as HostPlatform,
    osVersion: r.os_version,
    osBuild: r.os_build,
    lastSeenAt: r.last_seen_at,
    owner: r.owner_email ? { email: r.owner_email, name: r.owner_name } : null,
    apps: null,
  };
}

export const SOURCE_FIELDS = [
  'host_id',
  'serial',
  'name',
  'platform',
  'os_version',
  'os_build',
  'last_seen_at',
  'owner_email',
  'owner_name',
  'hardware_uuid',
  'model',
] as const satisfies readonly (keyof HostSourcesTable)[];

/** Whether a source row needs writing: `synced_at` alone is not a change. */
export function sameSourceRow(a: HostSourcesTable, b: HostSourcesTable): boolean {
  return SOURCE_FIELDS.every((k) => a[k] === b[k]);
}

/**
 * What evaluation reads of a host row: a change to anything else needs no new findings. The
 * model sets the target of a host on an ended Apple OS major.
 */
function sameForEvaluation(a: HostsTable, b: HostsTable): boolean {
  return (
    a.serial === b.serial &&
    a.platform === b.platform &&
    a.owner_email === b.owner_email &&
    a.model === b.model
  );
}

const HOST_FIELDS = [
  'serial',
  'name',
  'platform',
  'os_version',
  'os_build',
  'owner_email',
  'owner_name',
  'owner_source',
  'conflict_serial',
  'conflict_with',
  'model',
] as const satisfies readonly (keyof HostsTable)[];

/** Same host facts; a new check-in time alone counts only when `withLastSeen`. */
function sameHost(a: HostsTable, b: HostsTable, withLastSeen: boolean): boolean {
  return (
    HOST_FIELDS.every((k) => a[k] === b[k]) && (!withLastSeen || a.last_seen_at === b.last_seen_at)
  );
}

export interface VersionPlan {
  /** Host x product pairs with no row yet: a plain insert. */
  readonly inserts: HostVersionsTable[];
  /** Rows whose version changed: an update by key. */
  readonly updates: HostVersionsTable[];
  readonly history: Omit<VersionHistoryTable, 'id'>[];
  readonly changedHostIds: ReadonlySet<string>;
  /** `hostId\u0000product` pairs the page reported. */
  readonly reported: string[];
}

/**
 * Current version per host and product, plus a history row for every change. A newer report
 * from any source replaces an older one; an unchanged version writes nothing.
 */
export function planVersions(
  source: string,
  records: readonly HostRecord[],
  hostIdOf: ReadonlyMap<string, string>,
  existing: ReadonlyMap<string, HostVersionsTable>,
  at: string,
  appMap: CompiledAppMap,
): VersionPlan {
  const written = new Map<string, { row: HostVersionsTable; isNew: boolean }>();
  const history: Omit<VersionHistoryTable, 'id'>[] = [];
  const reported: string[] = [];
  const changedHostIds = new Set<string>();
  for (const r of records) {
    const hostId = hostIdOf.get(r.sourceId) as string;
    // When the source saw the host is when the version was observed; never in the future.
    const seenAt = r.lastSeenAt && r.lastSeenAt < at ? r.lastSeenAt : at;
    for (const { product, version } of productVersions(r.platform, r.osVersion, r.apps, appMap)) {
      const key = `${hostId}\u0000${product}`;
      reported.push(key);
      const prior = written.get(key);
      const cur = prior?.row ?? existing.get(key);
      if (cur && cur.version === version) continue;
      if (cur && cur.source !== source && cur.source_seen_at > seenAt) continue;
      const row: HostVersionsTable = {
        host_id: hostId,
        product_id: product,
        version,
        source,
        source_seen_at: seenAt,
        first_observed_at: seenAt,
      };
      written.set(key, { row, isNew: prior ? prior.isNew : !existing.has(key) });
      history.push({
        host_id: hostId,
        product_id: product,
        version,
        previous_version: cur?.version ?? null,
        source,
        first_observed_at: seenAt,
      });
      changedHostIds.add(hostId);
    }
  }
  const inserts: HostVersionsTable[] = [];
  const updates: HostVersionsTable[] = [];
  for (const { row, isNew } of written.values()) (isNew ? inserts : updates).push(row);
  return { inserts, updates, history, changedHostIds, reported };
}

export interface HostPlan {
  /** New hosts, with their merged row: inserted once, at rev 1. */
  readonly inserts: HostsTable[];
  /** Existing hosts whose row differs (a new check-in time included). */
  readonly updates: HostsTable[];
  /** Existing hosts with a change worth counting (a check-in time alone is not). */
  readonly changed: string[];
  /** Existing hosts whose change evaluation reads: their revision must move. */
  readonly reevaluate: string[];
  readonly issues: InventoryIssue[];
}

/**
 * Each touched host's row from its merged sources, and what changed against the stored row.
 * `claimed` says which host holds each serial (stored hosts and the page's new ones): a serial
 * held by another host cannot move here; the host is kept apart, flagged as an identity
 * conflict naming the holder, and reported instead of failing the page.
 */
export function planHostRows(
  source: string,
  next: readonly { id: string; merged: MergedHost }[],
  current: ReadonlyMap<string, HostsTable>,
  claimed: ReadonlyMap<string, string>,
  at: string,
): HostPlan {
  const inserts: HostsTable[] = [];
  const updates: HostsTable[] = [];
  const changed: string[] = [];
  const reevaluate: string[] = [];
  const issues: InventoryIssue[] = [];
  const owners = new Map(claimed);
  for (const { id, merged } of next) {
    const cur = current.get(id);
    let serial = merged.serial;
    const owner = serial ? owners.get(serial) : undefined;
    let conflict: { serial: string; with: string } | null = null;
    if (serial && owner && owner !== id) {
      issues.push({
        source,
        record: id,
        field: 'serial',
        message: `serial ${serial} already belongs to host ${owner}; kept apart`,
      });
      conflict = { serial, with: owner };
      // Its previous serial stays only while nobody else holds it (a holder evicted loses it).
      const prev = cur?.serial ?? null;
      const prevOwner = prev ? owners.get(prev) : undefined;
      serial = prev && (prevOwner === undefined || prevOwner === id) ? prev : null;
    } else if (serial) {
      // Claimed for this host: a later host of the page wanting it is the one kept apart.
      owners.set(serial, id);
    }
    const row: HostsTable = {
      id,
      serial,
      name: merged.name,
      platform: merged.platform,
      os_version: merged.osVersion,
      os_build: merged.osBuild,
      last_seen_at: merged.lastSeenAt,
      owner_email: merged.owner?.email ?? null,
      owner_name: merged.owner?.name ?? null,
      owner_source: merged.ownerSource,
      // Activity is decided once per sync by markInactive, from last-seen times, not per page.
      active: cur ? Number(cur.active) : 1,
      created_at: cur?.created_at ?? at,
      updated_at: at,
      // Revisions move only through bumpRevisions, atomically, never from a stale read.
      rev: cur ? Number(cur.rev) : 1,
      eval_rev: cur ? Number(cur.eval_rev) : 0,
      conflict_serial: conflict?.serial ?? null,
      conflict_with: conflict?.with ?? null,
      model: merged.model,
    };
    if (!cur) {
      inserts.push(row);
      continue;
    }
    if (!sameForEvaluation(cur, row)) reevaluate.push(id);
    if (sameHost(cur, row, true)) continue;
    // A new check-in time alone is not a change worth counting.
    if (!sameHost(cur, row, false)) changed.push(id);
    updates.push(row);
  }
  return { inserts, updates, changed, reevaluate, issues };
}
