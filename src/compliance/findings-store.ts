import { sql, type Kysely } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { insertRows, upsertRows } from '../platform/db/upsert.js';
import { groupBy } from '../platform/collections/group-by.js';
import type { FindingRow } from './finding-rows.js';

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

  /**
   * Each installed version of the scope's hosts with its stored finding's signature, in one
   * read: both tables are ordered by (host, product), so this is one pass over each.
   */
  async pairs(scope: HostScope, products: readonly string[] | null): Promise<PairRow[]> {
    const base = this.k
      .selectFrom('host_versions as hv')
      .leftJoin('findings as f', (j) =>
        j.onRef('f.host_id', '=', 'hv.host_id').onRef('f.product_id', '=', 'hv.product_id'),
      )
      .select(['hv.host_id', 'hv.product_id', 'hv.version', 'f.sig'])
      .$if(products !== null, (q) => q.where('hv.product_id', 'in', products as string[]));
    return inScope(scope, (ids) =>
      ids
        ? base.where('hv.host_id', 'in', ids).execute()
        : base
            .where('hv.host_id', '>=', (scope as { first: string }).first)
            .where('hv.host_id', '<=', (scope as { last: string }).last)
            .execute(),
    );
  }

  /** How many findings the scope has stored: when it exceeds the pairs matched, some are orphans. */
  async storedCount(scope: HostScope, products: readonly string[] | null): Promise<number> {
    const base = this.k
      .selectFrom('findings as f')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .$if(products !== null, (q) => q.where('f.product_id', 'in', products as string[]));
    const counts = await inScope(scope, (ids) =>
      ids
        ? base.where('f.host_id', 'in', ids).execute()
        : base
            .where('f.host_id', '>=', (scope as { first: string }).first)
            .where('f.host_id', '<=', (scope as { last: string }).last)
            .execute(),
    );
    return counts.reduce((n, r) => n + Number(r.n), 0);
  }

  /** Findings of the scope whose host no longer reports the product. */
  async orphans(scope: HostScope, products: readonly string[] | null): Promise<FindingKey[]> {
    const base = this.k
      .selectFrom('findings as f')
      .select(['f.host_id', 'f.product_id'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('host_versions as hv')
              .select(sql.lit(1).as('one'))
              .whereRef('hv.host_id', '=', 'f.host_id')
              .whereRef('hv.product_id', '=', 'f.product_id'),
          ),
        ),
      )
      .$if(products !== null, (q) => q.where('f.product_id', 'in', products as string[]));
    return inScope(scope, (ids) =>
      ids
        ? base.where('f.host_id', 'in', ids).execute()
        : base
            .where('f.host_id', '>=', (scope as { first: string }).first)
            .where('f.host_id', '<=', (scope as { last: string }).last)
            .execute(),
    );
  }

  /**
   * Write a batch's differences in one transaction: new rows, changed rows, rows that must go,
   * and the revisions the batch's hosts were evaluated from.
   */
  async write(
    added: readonly FindingRow[],
    changed: readonly FindingRow[],
    gone: readonly FindingKey[],
    evaluated: readonly HostRevRow[],
  ): Promise<void> {
    const revs = evaluated.filter((h) => h.rev !== h.eval_rev);
    if (added.length + changed.length + gone.length + revs.length === 0) return;
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
