import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { upsertRows } from '../platform/db/upsert.js';
import { productVersions, type CompiledAppMap } from './app-map.js';
import { mergeHost, type SourceView } from './host-merge.js';
import type { HostPlatform, HostRecord, InventoryIssue } from './model.js';
import { chunk, foldRecords, overlay } from './page-plan.js';
import type { HostSourcesTable, HostsTable } from './tables.js';
import { groupBy } from '../platform/collections/group-by.js';

export interface ApplyOptions {
  readonly appMap: CompiledAppMap;
  readonly ownerPrecedence: readonly string[];
}

export interface PageCounts {
  readonly seen: number;
  readonly created: number;
  readonly changed: number;
  readonly versionChanges: number;
  readonly issues: readonly InventoryIssue[];
  /** `hostId\u0000product` pairs this page reported, for removing uninstalled apps at the end. */
  readonly reported: readonly string[];
  readonly hostIds: readonly string[];
}

const BATCH = 400;

/** The inventory's SQL. One page of one source is applied in one transaction. */
export class InventoryStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** Merge one page of a source's hosts: host identity by source id, then serial; history on change. */
  async applyPage(
    source: string,
    records: readonly HostRecord[],
    now: Date,
    opts: ApplyOptions,
  ): Promise<PageCounts> {
    const at = now.toISOString();
    const folded = foldRecords(records);
    return this.k.transaction().execute(async (trx) => {
      const known = await selectIn(
        folded.map((r) => r.sourceId),
        (ids) =>
          trx
            .selectFrom('host_sources')
            .selectAll()
            .where('source', '=', source)
            .where('source_id', 'in', ids)
            .execute(),
      );
      const knownById = new Map(known.map((r) => [r.source_id, r]));
      const merged = folded.map((r) => {
        const prev = knownById.get(r.sourceId);
        return prev ? overlay(fromSourceRow(prev), r) : r;
      });
      const { hostIdOf, created } = await this.resolveHostIds(trx, merged, knownById, at);
      await upsertSourceRows(
        trx,
        merged.map((r) => toSourceRow(r, hostIdOf.get(r.sourceId) as string, at)),
      );
      const hostIds = [...new Set(hostIdOf.values())];
      const issues: InventoryIssue[] = [];
      const { changed: changedHosts, reevaluate } = await this.refreshHosts(
        trx,
        hostIds,
        created,
        at,
        opts,
        issues,
        source,
      );
      const { changes, changedHostIds, reported } = await this.applyVersions(
        trx,
        source,
        merged,
        hostIdOf,
        now,
        opts,
      );
      const changed = new Set([...changedHosts, ...changedHostIds]);
      for (const id of created) changed.delete(id);
      await bumpRevisions(trx, [...reevaluate, ...changedHostIds]);
      return {
        seen: merged.length,
        created: created.size,
        changed: changed.size,
        versionChanges: changes,
        issues,
        reported,
        hostIds,
      };
    });
  }

  /** Existing mapping first, then a host with the same serial, else a new host. */
  private async resolveHostIds(
    trx: Transaction<Database>,
    records: readonly HostRecord[],
    known: Map<string, Selectable<HostSourcesTable>>,
    at: string,
  ): Promise<{ hostIdOf: Map<string, string>; created: Set<string> }> {
    const hostIdOf = new Map<string, string>();
    const serials = records
      .filter((r) => !known.has(r.sourceId) && r.serial)
      .map((r) => r.serial as string);
    const bySerial = new Map(
      (
        await selectIn(serials, (s) =>
          trx.selectFrom('hosts').select(['id', 'serial']).where('serial', 'in', s).execute(),
        )
      ).map((h) => [h.serial, h.id]),
    );
    const created = new Set<string>();
    const fresh: HostsTable[] = [];
    for (const r of records) {
      const prev = known.get(r.sourceId);
      let id = prev?.host_id ?? (r.serial ? bySerial.get(r.serial) : undefined);
      if (!id) {
        id = randomUUID();
        created.add(id);
        // Two records of one page with one serial are one machine.
        if (r.serial) bySerial.set(r.serial, id);
        fresh.push({
          id,
          serial: r.serial,
          name: r.name,
          platform: r.platform,
          os_version: null,
          os_build: null,
          last_seen_at: null,
          owner_email: null,
          owner_name: null,
          owner_source: null,
          active: 1,
          created_at: at,
          updated_at: at,
          rev: 1,
          eval_rev: 0,
        });
      }
      hostIdOf.set(r.sourceId, id);
    }
    for (const rows of chunk(fresh, BATCH)) await trx.insertInto('hosts').values(rows).execute();
    return { hostIdOf, created };
  }

  /** Recompute each touched host from all its sources; write only what changed. */
  private async refreshHosts(
    trx: Transaction<Database>,
    hostIds: readonly string[],
    created: ReadonlySet<string>,
    at: string,
    opts: ApplyOptions,
    issues: InventoryIssue[],
    source: string,
  ): Promise<{ changed: string[]; reevaluate: string[] }> {
    const views = await selectIn(hostIds, (ids) =>
      trx.selectFrom('host_sources').selectAll().where('host_id', 'in', ids).execute(),
    );
    const current = new Map(
      (
        await selectIn(hostIds, (ids) =>
          trx.selectFrom('hosts').selectAll().where('id', 'in', ids).execute(),
        )
      ).map((h) => [h.id, h]),
    );
    const viewsByHost = groupBy(views, (v) => v.host_id);
    const next = hostIds.map((id) => ({
      id,
      merged: mergeHost((viewsByHost.get(id) ?? []).map(toView), opts.ownerPrecedence),
    }));
    // A serial already owned by another host cannot move here: report it rather than fail the page.
    const wanted = next
      .filter((n) => n.merged.serial && n.merged.serial !== current.get(n.id)?.serial)
      .map((n) => n.merged.serial as string);
    const owners = new Map(
      (
        await selectIn(wanted, (s) =>
          trx.selectFrom('hosts').select(['id', 'serial']).where('serial', 'in', s).execute(),
        )
      ).map((h) => [h.serial, h.id]),
    );
    const rows: HostsTable[] = [];
    const changed: string[] = [];
    const reevaluate: string[] = [];
    for (const { id, merged } of next) {
      const cur = current.get(id);
      let serial = merged.serial;
      const owner = serial ? owners.get(serial) : undefined;
      if (serial && owner && owner !== id) {
        issues.push({
          source,
          record: id,
          field: 'serial',
          message: `serial ${serial} already belongs to host ${owner}; kept apart`,
        });
        serial = cur?.serial ?? null;
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
      };
      if (cur && !sameForEvaluation(cur, row)) reevaluate.push(id);
      if (cur && sameHost(cur, row, true)) continue;
      // A new check-in time alone is not a change worth counting.
      if (cur && !created.has(id) && !sameHost(cur, row, false)) changed.push(id);
      rows.push(row);
    }
    await upsertRows(
      trx,
      'hosts',
      rows,
      ['id'],
      [
        'serial',
        'name',
        'platform',
        'os_version',
        'os_build',
        'last_seen_at',
        'owner_email',
        'owner_name',
        'owner_source',
        'active',
        'updated_at',
      ],
    );
    return { changed, reevaluate };
  }

  /**
   * Current version per host and product, plus a history row for every change. A newer report
   * from any source replaces an older one; an unchanged version writes nothing.
   */
  private async applyVersions(
    trx: Transaction<Database>,
    source: string,
    records: readonly HostRecord[],
    hostIdOf: ReadonlyMap<string, string>,
    now: Date,
    opts: ApplyOptions,
  ): Promise<{ changes: number; changedHostIds: string[]; reported: string[] }> {
    const hostIds = [...new Set(hostIdOf.values())];
    const existing = new Map(
      (
        await selectIn(hostIds, (ids) =>
          trx.selectFrom('host_versions').selectAll().where('host_id', 'in', ids).execute(),
        )
      ).map((v) => [`${v.host_id}\u0000${v.product_id}`, v]),
    );
    const at = now.toISOString();
    const upserts: Database['host_versions'][] = [];
    const history: Omit<Database['version_history'], 'id'>[] = [];
    const reported: string[] = [];
    const changedHostIds = new Set<string>();
    for (const r of records) {
      const hostId = hostIdOf.get(r.sourceId) as string;
      // When the source saw the host is when the version was observed; never in the future.
      const seenAt = r.lastSeenAt && r.lastSeenAt < at ? r.lastSeenAt : at;
      for (const { product, version } of productVersions(
        r.platform,
        r.osVersion,
        r.apps,
        opts.appMap,
      )) {
        const key = `${hostId}\u0000${product}`;
        reported.push(key);
        const cur = existing.get(key);
        if (cur && cur.version === version) continue;
        if (cur && cur.source !== source && cur.source_seen_at > seenAt) continue;
        upserts.push({
          host_id: hostId,
          product_id: product,
          version,
          source,
          source_seen_at: seenAt,
          first_observed_at: seenAt,
        });
        history.push({
          host_id: hostId,
          product_id: product,
          version,
          previous_version: cur?.version ?? null,
          source,
          first_observed_at: seenAt,
        });
        existing.set(key, {
          host_id: hostId,
          product_id: product,
          version,
          source,
          source_seen_at: seenAt,
          first_observed_at: seenAt,
        });
        changedHostIds.add(hostId);
      }
    }
    const dedup = [
      ...new Map(upserts.map((u) => [`${u.host_id}\u0000${u.product_id}`, u])).values(),
    ];
    await upsertRows(
      trx,
      'host_versions',
      dedup,
      ['host_id', 'product_id'],
      ['version', 'source', 'source_seen_at', 'first_observed_at'],
    );
    for (const batch of chunk(history, BATCH))
      await trx.insertInto('version_history').values(batch).execute();
    return { changes: history.length, changedHostIds: [...changedHostIds], reported };
  }

  /**
   * After a complete, successful read of a source: products that source had reported on hosts it
   * saw this time, but no longer reports, were uninstalled.
   */
  async removeUnreported(
    source: string,
    hostIds: ReadonlySet<string>,
    reported: ReadonlySet<string>,
  ): Promise<number> {
    const rows = await this.k
      .selectFrom('host_versions')
      .select(['host_id', 'product_id'])
      .where('source', '=', source)
      .execute();
    const gone = rows.filter(
      (r) => hostIds.has(r.host_id) && !reported.has(`${r.host_id}\u0000${r.product_id}`),
    );
    // One statement per product and batch of hosts, in one transaction, not one per row.
    await this.k.transaction().execute(async (trx) => {
      for (const [product, rows] of groupBy(gone, (g) => g.product_id)) {
        for (const batch of chunk(
          rows.map((r) => r.host_id),
          BATCH,
        )) {
          await trx
            .deleteFrom('host_versions')
            .where('product_id', '=', product)
            .where('host_id', 'in', batch)
            .execute();
        }
      }
      await bumpRevisions(
        trx,
        gone.map((g) => g.host_id),
      );
    });
    return gone.length;
  }

  /** Hosts no source has seen since `cutoff` become inactive; seen ones active again. Returns the inactive count. */
  async markInactive(cutoff: Date): Promise<number> {
    const c = cutoff.toISOString();
    await this.k
      .updateTable('hosts')
      .set((eb) => ({ active: 0, rev: eb('rev', '+', 1) }))
      .where((eb) => eb.or([eb('last_seen_at', '<', c), eb('last_seen_at', 'is', null)]))
      .where('active', '=', 1)
      .execute();
    await this.k
      .updateTable('hosts')
      .set((eb) => ({ active: 1, rev: eb('rev', '+', 1) }))
      .where('last_seen_at', '>=', c)
      .where('active', '=', 0)
      .execute();
    const row = await this.k
      .selectFrom('hosts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('active', '=', 0)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async recordSourceResult(
    source: string,
    at: Date,
    result:
      | { ok: true; issues: readonly InventoryIssue[] }
      | { ok: false; code: string; message: string },
  ): Promise<void> {
    const t = at.toISOString();
    const values = result.ok
      ? {
          last_attempt_at: t,
          last_success_at: t,
          last_error: null,
          last_error_code: null,
          last_issues: JSON.stringify(result.issues.slice(0, 500)),
        }
      : { last_attempt_at: t, last_error: result.message, last_error_code: result.code };
    await this.k
      .insertInto('inventory_sources')
      .values({ source, last_issues: '[]', ...values })
      .onConflict((oc) => oc.column('source').doUpdateSet(values))
      .execute();
  }
}

async function selectIn<T, K>(keys: readonly K[], run: (batch: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunk([...new Set(keys)], BATCH)) out.push(...(await run(batch)));
  return out;
}

async function upsertSourceRows(
  trx: Transaction<Database>,
  rows: HostSourcesTable[],
): Promise<void> {
  await upsertRows(
    trx,
    'host_sources',
    rows,
    ['source', 'source_id'],
    [
      'host_id',
      'serial',
      'name',
      'platform',
      'os_version',
      'os_build',
      'last_seen_at',
      'owner_email',
      'owner_name',
      'synced_at',
    ],
  );
}

function toSourceRow(r: HostRecord, hostId: string, at: string): HostSourcesTable {
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
    synced_at: at,
  };
}

function fromSourceRow(r: Selectable<HostSourcesTable>): HostRecord {
  return {
    source: r.source,
    sourceId: r.source_id,
    serial: r.serial,
    name: r.name,
    platform: r.platform as HostPlatform,
    osVersion: r.os_version,
    osBuild: r.os_build,
    lastSeenAt: r.last_seen_at,
    owner: r.owner_email ? { email: r.owner_email, name: r.owner_name } : null,
    apps: null,
  };
}

function toView(r: Selectable<HostSourcesTable>): SourceView {
  return fromSourceRow(r);
}

/**
 * Mark hosts for re-evaluation: one atomic increment per host, so a refresh that read an older
 * revision never clears a newer change (see migration 0009).
 */
async function bumpRevisions(
  trx: Transaction<Database>,
  hostIds: readonly string[],
): Promise<void> {
  for (const batch of chunk([...new Set(hostIds)], BATCH)) {
    await trx
      .updateTable('hosts')
      .set((eb) => ({ rev: eb('rev', '+', 1) }))
      .where('id', 'in', batch)
      .execute();
  }
}

/** What evaluation reads of a host row: a change to anything else needs no new findings. */
function sameForEvaluation(a: Selectable<HostsTable>, b: HostsTable): boolean {
  return a.serial === b.serial && a.platform === b.platform && a.owner_email === b.owner_email;
}

function sameHost(a: Selectable<HostsTable>, b: HostsTable, withLastSeen: boolean): boolean {
  const keys: (keyof HostsTable)[] = [
    'serial',
    'name',
    'platform',
    'os_version',
    'os_build',
    'owner_email',
    'owner_name',
    'owner_source',
  ];
  if (withLastSeen) keys.push('last_seen_at');
  return keys.every((k) => a[k] === b[k]);
}
