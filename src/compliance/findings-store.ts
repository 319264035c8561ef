import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { upsertRows } from '../platform/db/upsert.js';
import { groupBy } from '../platform/collections/group-by.js';
import { keyOf, sameRow, type FindingRow } from './finding-rows.js';
import type { FindingsTable } from './tables.js';

/** Rows per IN list: far below both databases' parameter limits. */
const IN_BATCH = 500;

/** Which hosts a batch covers: a key range (a full pass) or a list (changed hosts). */
export type HostScope =
  | { readonly kind: 'range'; readonly first: string; readonly last: string }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** A host row as a refresh reads it. */
export interface HostRevRow {
  readonly id: string;
  readonly serial: string | null;
  readonly platform: string;
  readonly owner_email: string | null;
  readonly active: number;
  readonly rev: number;
  readonly eval_rev: number;
}

export interface WriteCounts {
  readonly written: number;
  readonly deleted: number;
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
      .select(['id', 'serial', 'platform', 'owner_email', 'active', 'rev', 'eval_rev'])
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

  /** Installed versions of the scope's hosts (of `products` only, when given). */
  async versions(
    scope: HostScope,
    products: readonly string[] | null,
  ): Promise<{ host_id: string; product_id: string; version: string }[]> {
    const base = this.k
      .selectFrom('host_versions')
      .select(['host_id', 'product_id', 'version'])
      .$if(products !== null, (q) => q.where('product_id', 'in', products as string[]));
    if (scope.kind === 'range') {
      return base.where('host_id', '>=', scope.first).where('host_id', '<=', scope.last).execute();
    }
    const out: { host_id: string; product_id: string; version: string }[] = [];
    for (let i = 0; i < scope.ids.length; i += IN_BATCH) {
      out.push(...(await base.where('host_id', 'in', scope.ids.slice(i, i + IN_BATCH)).execute()));
    }
    return out;
  }

  /** Stored findings of the scope's hosts (of `products` only, when given). */
  async stored(
    scope: HostScope,
    products: readonly string[] | null,
  ): Promise<Selectable<FindingsTable>[]> {
    const base = this.k
      .selectFrom('findings')
      .selectAll()
      .$if(products !== null, (q) => q.where('product_id', 'in', products as string[]));
    if (scope.kind === 'range') {
      return base.where('host_id', '>=', scope.first).where('host_id', '<=', scope.last).execute();
    }
    const out: Selectable<FindingsTable>[] = [];
    for (let i = 0; i < scope.ids.length; i += IN_BATCH) {
      out.push(...(await base.where('host_id', 'in', scope.ids.slice(i, i + IN_BATCH)).execute()));
    }
    return out;
  }

  /**
   * Make the stored rows of a batch equal `next`: rows in `before` but not in `next` go, new and
   * changed rows are written, unchanged rows are left alone. One transaction, which also records
   * the revisions the batch was evaluated from.
   */
  async write(
    before: readonly Selectable<FindingsTable>[],
    next: readonly FindingRow[],
    evaluated: readonly HostRevRow[],
  ): Promise<WriteCounts> {
    const old = new Map(before.map((r) => [keyOf(r.host_id, r.product_id), r]));
    const changed: FindingRow[] = [];
    for (const row of next) {
      const key = keyOf(row.host_id, row.product_id);
      const prev = old.get(key);
      old.delete(key);
      if (!prev || !sameRow(prev, row)) changed.push(row);
    }
    const gone = [...old.values()];
    const revs = evaluated.filter((h) => h.rev !== h.eval_rev);
    if (changed.length === 0 && gone.length === 0 && revs.length === 0) {
      return { written: 0, deleted: 0 };
    }
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
    });
    return { written: changed.length, deleted: gone.length };
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

  /** A product the catalog no longer has: its findings and fingerprint go. */
  async dropProducts(products: readonly string[]): Promise<number> {
    if (products.length === 0) return 0;
    return this.k.transaction().execute(async (trx) => {
      const res = await trx
        .deleteFrom('findings')
        .where('product_id', 'in', [...products])
        .executeTakeFirst();
      await trx
        .deleteFrom('finding_products')
        .where('product_id', 'in', [...products])
        .execute();
      return Number(res.numDeletedRows);
    });
  }
}
