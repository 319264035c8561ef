import type { Kysely } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { insertRows, upsertRows } from '../platform/db/upsert.js';
import { groupBy } from '../platform/collections/group-by.js';
import type { FindingRow } from './finding-rows.js';
import { summariseHosts } from './host-status-store.js';

/** Rows per IN list: far below both databases' parameter limits. */
const IN_BATCH = 500;

/** Which hosts a batch covers: a key range (a pass over all hosts) or a list (changed hosts). */
export type HostScope =
  | { readonly kind: 'range'; readonly first: string; readonly last: string }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** A host row as a refresh reads it. */
export interface HostRevRow {
  readonly id: string;
  readonly serial: string | null;
  readonly platform: string;
  readonly owner_email: string | null;
  /** The hardware model identifier: it sets the target of a host on an ended Apple OS major. */
  readonly model: string | null;
  readonly active: number;
  readonly rev: number;
  readonly eval_rev: number;
}

/** An installed version beside the signature of its stored finding (null: none stored). */
export interface PairRow {
  readonly host_id: string;
  readonly product_id: string;
  readonly version: string;
  readonly sig: string | null;
}

export interface FindingKey {
  readonly host_id: string;
  readonly product_id: string;
}

/** The findings table's SQL on the write side: batches read by scope, differences written. */
export class FindingsStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** The next `limit` hosts after `after` by id, or only those whose findings are out of date. */
  async hostBatch(
    after: string | null,
    limit: number,
    onlyChanged: boolean,
  ): Promise<HostRevRow[]> {
    const rows = await this.k
      .selectFrom('hosts')
      .select(['id', 'serial', 'platform', 'owner_email', 'model', 'active', 'rev', 'eval_rev'])
      .$if(after !== null, (q) => q.where('id', '>', after as string))
      .$if(onlyChanged, (q) => q.whereRef('rev', '<>', 'eval_rev'))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      active: Number(r.active),
      rev: Number(r.rev),
      eval_rev: Number(r.eval_rev),
    }));
  }

  async countHosts(onlyChanged: boolean): Promise<number> {
    const row = await this.k
      .selectFrom('hosts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .$if(onlyChanged, (q) => q.whereRef('rev', '<>', 'eval_rev'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Each installed version of the scope's hosts beside its stored finding's signature, and the
   * stored findings no installed version claims any more. Two ordered range reads (versions from
   * their covering index, signatures from the clustered findings) merged in one walk: cheaper
   * than a join's lookup per row.
   */
  async pairs(
    scope: HostScope,
    products: readonly string[] | null,
  ): Promise<{ pairs: PairRow[]; orphans: FindingKey[] }> {
    const versions = this.k
      .selectFrom('host_versions')
      .select(['host_id', 'product_id', 'version'])
      .$if(products !== null, (q) => q.where('product_id', 'in', products as string[]));
    const sigs = this.k
      .selectFrom('findings')
      .select(['host_id', 'product_id', 'sig'])
      .$if(products !== null, (q) => q.where('product_id', 'in', products as string[]));
    const { first, last } = scope.kind === 'range' ? scope : { first: '', last: '' };
    const [installed, stored] = await Promise.all([
      inScope(scope, (ids) =>
        (ids
          ? versions.where('host_id', 'in', ids)
          : versions.where('host_id', '>=', first).where('host_id', '<=', last)
        )
          .orderBy('host_id')
          .orderBy('product_id')
          .execute(),
      ),
      inScope(scope, (ids) =>
        (ids
          ? sigs.where('host_id', 'in', ids)
          : sigs.where('host_id', '>=', first).where('host_id', '<=', last)
        )
          .orderBy('host_id')
          .orderBy('product_id')
          .execute(),
      ),
    ]);
    return mergeByKey(installed, stored);
  }

  /**
   * Write a batch's differences in one transaction: new rows, changed rows, rows that must go,
   * the revisions the batch's hosts were evaluated from, and (when a row moved) the summaries
   * of the batch's hosts, so `host_status` never disagrees with the findings it sums.
   */
  async write(
    added: readonly FindingRow[],
    changed: readonly FindingRow[],
    gone: readonly FindingKey[],
    evaluated: readonly HostRevRow[],
    scope: HostScope,
  ): Promise<void> {
    const revs = evaluated.filter((h) => h.rev !== h.eval_rev);
    const moved = added.length + changed.length + gone.length > 0;
    if (!moved && revs.length === 0) return;
    await this.k.transaction().execute(async (trx) => {
      for (const [product, rows] of groupBy(gone, (r) => r.product_id)) {
        for (let i = 0; i < rows.length; i += IN_BATCH) {
          const ids = rows.slice(i, i + IN_BATCH).map((r) => r.host_id);
          await trx
            .deleteFrom('findings')
            .where('product_id', '=', product)
            .where('host_id', 'in', ids)
            .execute();
        }
      }
      // Rows the batch read as absent are plain inserts: no conflict clause to plan or check.
      await insertRows(trx, 'findings', added);
      await upsertRows(
        trx,
        'findings',
        changed,
        ['host_id', 'product_id'],
        [
          'track',
          'status',
          'installed',
          'required',
          'required_released_at',
          'due_at',
          'exploited_cves',
          'cve_count',
          'reason',
          'sig',
        ],
      );
      // Only where the revision is still the one evaluated: a change that landed meanwhile
      // keeps its host marked for the next refresh.
      for (const [rev, hosts] of groupBy(revs, (h) => h.rev)) {
        for (let i = 0; i < hosts.length; i += IN_BATCH) {
          await trx
            .updateTable('hosts')
            .set({ eval_rev: rev })
            .where('rev', '=', rev)
            .where(
              'id',
              'in',
              hosts.slice(i, i + IN_BATCH).map((h) => h.id),
            )
            .execute();
        }
      }
      if (moved) await summariseHosts(trx, scope);
    });
  }

  /** Each product's stored fingerprint. */
  async fingerprints(): Promise<Map<string, string>> {
    const rows = await this.k
      .selectFrom('finding_products')
      .select(['product_id', 'fingerprint'])
      .execute();
    return new Map(rows.map((r) => [r.product_id, r.fingerprint]));
  }

  async saveFingerprints(fps: ReadonlyMap<string, string>, now: Date): Promise<void> {
    const rows = [...fps].map(([product_id, fingerprint]) => ({
      product_id,
      fingerprint,
      evaluated_at: now.toISOString(),
    }));
    await upsertRows(
      this.k,
      'finding_products',
      rows,
      ['product_id'],
      ['fingerprint', 'evaluated_at'],
    );
  }

  /**
   * A product the catalog no longer has: its findings and fingerprint go, and the summaries of
   * the hosts that held it are rebuilt in the same transaction (read from the product's index).
   */
  async dropProducts(products: readonly string[]): Promise<number> {
    if (products.length === 0) return 0;
    return this.k.transaction().execute(async (trx) => {
      const holders = await trx
        .selectFrom('findings')
        .select('host_id')
        .distinct()
        .where('product_id', 'in', [...products])
        .orderBy('host_id')
        .execute();
      const res = await trx
        .deleteFrom('findings')
        .where('product_id', 'in', [...products])
        .executeTakeFirst();
      await trx
        .deleteFrom('finding_products')
        .where('product_id', 'in', [...products])
        .execute();
      await summariseHosts(trx, { kind: 'ids', ids: holders.map((h) => h.host_id) });
      return Number(res.numDeletedRows);
    });
  }
}

/** Run a scoped read once for a range, or once per IN-list slice of the ids. */
async function inScope<T>(
  scope: HostScope,
  read: (ids: string[] | null) => Promise<T[]>,
): Promise<T[]> {
  if (scope.kind === 'range') return read(null);
  const out: T[] = [];
  for (let i = 0; i < scope.ids.length; i += IN_BATCH) {
    out.push(...(await read(scope.ids.slice(i, i + IN_BATCH))));
  }
  return out;
}

const compareKeys = (a: FindingKey, b: FindingKey): number =>
  a.host_id < b.host_id
    ? -1
    : a.host_id > b.host_id
      ? 1
      : a.product_id < b.product_id
        ? -1
        : a.product_id > b.product_id
          ? 1
          : 0;

/**
 * Pure: walk two lists ordered by (host, product) together. IN-list slices are each ordered and
 * follow each other in id order, so their concatenation is ordered too; the sort only guards
 * that promise (a database collation that orders ids differently from JavaScript).
 */
export function mergeByKey(
  installed: readonly { host_id: string; product_id: string; version: string }[],
  stored: readonly { host_id: string; product_id: string; sig: string }[],
): { pairs: PairRow[]; orphans: FindingKey[] } {
  const a = isOrdered(installed) ? installed : [...installed].sort(compareKeys);
  const b = isOrdered(stored) ? stored : [...stored].sort(compareKeys);
  const pairs: PairRow[] = [];
  const orphans: FindingKey[] = [];
  let j = 0;
  const orphan = (o: FindingKey): void => {
    orphans.push({ host_id: o.host_id, product_id: o.product_id });
  };
  for (const v of a) {
    while (j < b.length && compareKeys(b[j] as FindingKey, v) < 0) orphan(b[j++] as FindingKey);
    const match = j < b.length && compareKeys(b[j] as FindingKey, v) === 0 ? b[j++] : undefined;
    pairs.push({
      host_id: v.host_id,
      product_id: v.product_id,
      version: v.version,
      sig: match?.sig ?? null,
    });
  }
  while (j < b.length) orphan(b[j++] as FindingKey);
  return { pairs, orphans };
}

function isOrdered(rows: readonly FindingKey[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    if (compareKeys(rows[i - 1] as FindingKey, rows[i] as FindingKey) > 0) return false;
  }
  return true;
}
