import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { insertRows, upsertRows } from '../platform/db/upsert.js';
import { redactUrlsIn } from '../platform/http-client/redact-url.js';
import type { CompiledAppMap } from './app-map.js';
import { resolveHostIds, type PageRead } from './host-binding.js';
import { isDeviceAsserted } from './host-identity.js';
import { mergeHost, type SourceView } from './host-merge.js';
import type { HostRecord, InventoryIssue } from './model.js';
import {
  type HostPlan,
  chunk,
  foldRecords,
  fromSourceRow,
  overlay,
  planHostRows,
  planVersions,
  sameSourceRow,
  SOURCE_FIELDS,
  toSourceRow,
} from './page-plan.js';
import type { HostSourcesTable, HostVersionsTable } from './tables.js';
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

/** Keys per IN list: a whole page in one statement, well under either database's parameter limit. */
const IN_BATCH = 5000;

/** Host columns a merge may change; `rev` moves only through bumpRevisions. */
const HOST_UPDATE = [
  'serial',
  'name',
  'platform',
  'os_version',
  'os_build',
  'last_seen_at',
  'owner_email',
  'owner_name',
  'owner_source',
  'conflict_serial',
  'conflict_with',
  'model',
  'updated_at',
] as const;

const SOURCE_UPDATE = [...SOURCE_FIELDS, 'synced_at'] as const;

/**
 * The inventory's SQL. One page of one source is applied in one transaction: its current rows
 * are read in a few queries, the page is diffed against them in memory, and only the differences
 * are written, one multi-row statement per table and kind of write.
 */
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
      const read = await readPage(trx, source, folded);
      const merged = folded.map((r) => {
        const prev = read.known.get(r.sourceId);
        return prev ? overlay(fromSourceRow(prev), r) : r;
      });
      const ids = resolveHostIds(source, merged, read);
      const { hostIdOf, created, claims } = ids;
      const hostIds = [...new Set(hostIdOf.values())];
      // Hosts that lose a serial or a device-asserted source are rewritten too, though no record
      // of the page maps to them any more.
      const touched = [...new Set([...hostIds, ...ids.evicted, ...ids.movedFrom])];

      // This source's rows as they will be after the page: new ones inserted, changed ones updated.
      const sourceRows = merged.map((r) => toSourceRow(r, hostIdOf.get(r.sourceId) as string, at));
      const pageIds = new Set(merged.map((r) => r.sourceId));
      const viewsOf = new Map<string, SourceView[]>();
      for (const id of touched) {
        const others = (read.views.get(id) ?? []).filter(
          (v) => v.source !== source || !pageIds.has(v.source_id),
        );
        viewsOf.set(id, others.map(fromSourceRow));
      }
      for (const row of sourceRows) viewsOf.get(row.host_id)?.push(fromSourceRow(row));

      const hosts = await planHosts(trx, touched, viewsOf, read, claims, at, opts, source);
      const existingVersions = await readVersions(
        trx,
        hostIds.filter((id) => !created.has(id)),
      );
      const versions = planVersions(source, merged, hostIdOf, existingVersions, at, opts.appMap);

      // Updates first: an evicted host must let go of its serial before the new holder is inserted.
      await upsertRows(trx, 'hosts', hosts.updates, ['id'], HOST_UPDATE);
      await insertRows(trx, 'hosts', hosts.inserts);
      await insertRows(
        trx,
        'host_sources',
        sourceRows.filter((r) => !read.known.has(r.source_id)),
      );
      await upsertRows(
        trx,
        'host_sources',
        sourceRows.filter((r) => {
          const prev = read.known.get(r.source_id);
          return prev !== undefined && !sameSourceRow(prev, r);
        }),
        ['source', 'source_id'],
        SOURCE_UPDATE,
      );
      await insertRows(trx, 'host_versions', versions.inserts);
      await upsertRows(
        trx,
        'host_versions',
        versions.updates,
        ['host_id', 'product_id'],
        ['version', 'source', 'source_seen_at', 'first_observed_at'],
      );
      await insertRows(trx, 'version_history', versions.history);
      // What a node moved apart had reported on its former host is no longer that host's.
      await dropSourceVersions(trx, source, [...ids.movedFrom]);
      // A new host starts at rev 1 > eval_rev 0: only existing hosts need a bump.
      await bumpRevisions(
        trx,
        [...hosts.reevaluate, ...versions.changedHostIds, ...ids.movedFrom].filter(
          (id) => !created.has(id),
        ),
      );

      const changed = new Set([...hosts.changed, ...versions.changedHostIds]);
      for (const id of created) changed.delete(id);
      return {
        seen: merged.length,
        created: created.size,
        changed: changed.size,
        versionChanges: versions.history.length,
        issues: hosts.issues,
        reported: versions.reported,
        hostIds,
      };
    });
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
          IN_BATCH,
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
      : // Shown on every dashboard page ("Data as of"): never a URL's credentials or token.
        {
          last_attempt_at: t,
          last_error: redactUrlsIn(result.message),
          last_error_code: result.code,
        };
    await this.k
      .insertInto('inventory_sources')
      .values({ source, last_issues: '[]', ...values })
      .onConflict((oc) => oc.column('source').doUpdateSet(values))
      .execute();
  }
}

async function selectIn<T, K>(keys: readonly K[], run: (batch: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunk([...new Set(keys)], IN_BATCH)) out.push(...(await run(batch)));
  return out;
}

/**
 * Read everything the page is diffed against: every source's rows of the hosts this source's
 * records map to (one query, the page's own rows among them), those hosts, and for records not
 * seen before, hosts with the same serial and their rows.
 */
async function readPage(
  trx: Transaction<Database>,
  source: string,
  records: readonly HostRecord[],
): Promise<PageRead> {
  const rows = await selectIn(
    records.map((r) => r.sourceId),
    (ids) =>
      trx
        .selectFrom('host_sources')
        .selectAll()
        .where(
          'host_id',
          'in',
          trx
            .selectFrom('host_sources')
            .select('host_id')
            .where('source', '=', source)
            .where('source_id', 'in', ids),
        )
        .execute(),
  );
  const pageIds = new Set(records.map((r) => r.sourceId));
  const known = new Map(
    rows
      .filter((r) => r.source === source && pageIds.has(r.source_id))
      .map((r) => [r.source_id, r]),
  );
  const hosts = new Map(
    (
      await selectIn(
        [...known.values()].map((r) => r.host_id),
        (ids) => trx.selectFrom('hosts').selectAll().where('id', 'in', ids).execute(),
      )
    ).map((h) => [h.id, h]),
  );
  // A device-asserted record is checked against its serial's holder on every read, so a node
  // kept apart can rejoin once the holder's sources confirm it.
  const serials = records
    .filter((r) => (!known.has(r.sourceId) || isDeviceAsserted(source)) && r.serial)
    .map((r) => r.serial as string);
  const bySerial = new Map<string, string>();
  const matched = await selectIn(serials, (s) =>
    trx.selectFrom('hosts').selectAll().where('serial', 'in', s).execute(),
  );
  for (const h of matched) {
    hosts.set(h.id, h);
    if (h.serial) bySerial.set(h.serial, h.id);
  }
  // A machine new to this source but known to another: its other sources' rows count too.
  const loaded = new Set(rows.map((r) => r.host_id));
  const more = await selectIn(
    matched.map((h) => h.id).filter((id) => !loaded.has(id)),
    (ids) => trx.selectFrom('host_sources').selectAll().where('host_id', 'in', ids).execute(),
  );
  const seen = new Set<string>();
  const views = new Map<string, Selectable<HostSourcesTable>[]>();
  for (const r of [...rows, ...more]) {
    // Chunked reads may return a row twice when two chunks share a host.
    const key = `${r.source}\u0000${r.source_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = views.get(r.host_id) ?? [];
    list.push(r);
    views.set(r.host_id, list);
  }
  return { known, views, hosts, bySerial };
}

/**
 * Recompute each touched host from all its sources (as they stand after this page) and keep
 * only the rows that changed. A serial already owned by another host cannot move here: it is
 * reported as an issue rather than failing the page.
 */
async function planHosts(
  trx: Transaction<Database>,
  hostIds: readonly string[],
  viewsOf: ReadonlyMap<string, SourceView[]>,
  read: PageRead,
  claims: ReadonlyMap<string, string>,
  at: string,
  opts: ApplyOptions,
  source: string,
): Promise<HostPlan> {
  const next = hostIds.map((id) => ({
    id,
    merged: mergeHost(viewsOf.get(id) ?? [], opts.ownerPrecedence),
  }));
  // Who holds each serial: the hosts in hand, overridden by what the page's new hosts claimed
  // (a trusted record that evicted a holder), then the database for the rest.
  const owners = new Map<string, string>();
  for (const h of read.hosts.values()) if (h.serial) owners.set(h.serial, h.id);
  for (const [serial, id] of claims) owners.set(serial, id);
  const unknown = next
    .filter((n) => n.merged.serial && !owners.has(n.merged.serial))
    .map((n) => n.merged.serial as string);
  for (const h of await selectIn(unknown, (s) =>
    trx.selectFrom('hosts').select(['id', 'serial']).where('serial', 'in', s).execute(),
  ))
    if (h.serial) owners.set(h.serial, h.id);

  return planHostRows(source, next, read.hosts, owners, at);
}

async function dropSourceVersions(
  trx: Transaction<Database>,
  source: string,
  hostIds: readonly string[],
): Promise<void> {
  for (const batch of chunk(hostIds, IN_BATCH))
    await trx
      .deleteFrom('host_versions')
      .where('source', '=', source)
      .where('host_id', 'in', batch)
      .execute();
}

async function readVersions(
  trx: Transaction<Database>,
  hostIds: readonly string[],
): Promise<Map<string, Selectable<HostVersionsTable>>> {
  const rows = await selectIn(hostIds, (ids) =>
    trx.selectFrom('host_versions').selectAll().where('host_id', 'in', ids).execute(),
  );
  return new Map(rows.map((v) => [`${v.host_id}\u0000${v.product_id}`, v]));
}

/**
 * Mark hosts for re-evaluation: one atomic increment per host, so a refresh that read an older
 * revision never clears a newer change (see migration 0009).
 */
async function bumpRevisions(
  trx: Transaction<Database>,
  hostIds: readonly string[],
): Promise<void> {
  for (const batch of chunk([...new Set(hostIds)], IN_BATCH)) {
    await trx
      .updateTable('hosts')
      .set((eb) => ({ rev: eb('rev', '+', 1) }))
      .where('id', 'in', batch)
      .execute();
  }
}
