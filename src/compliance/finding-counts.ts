import type { Db } from '../platform/db/db.js';
import { statusAt } from './findings-query.js';
import type { FindingStatus } from './model.js';

/** Status counts of one product track as of a time. */
export interface TrackCounts {
  readonly product: string;
  readonly track: string | null;
  readonly counts: Record<FindingStatus, number>;
}

/**
 * Recount the given products' findings into `finding_counts`, one product per transaction: a
 * GROUP BY over one product's rows, so no single statement holds the event loop for long.
 */
export async function recount(db: Db, products: Iterable<string>): Promise<void> {
  for (const product of products) {
    await db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('finding_counts').where('product_id', '=', product).execute();
      await trx
        .insertInto('finding_counts')
        .columns(['product_id', 'track', 'status', 'due_at', 'n'])
        .expression((eb) =>
          eb
            .selectFrom('findings')
            .select((e) => [
              'product_id',
              'track',
              'status',
              'due_at',
              e.fn.countAll<number>().as('n'),
            ])
            .where('product_id', '=', product)
            .groupBy(['product_id', 'track', 'status', 'due_at']),
        )
        .execute();
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Products with findings but no counts yet (a database that predates the counts). */
export async function uncounted(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('finding_products as p')
    .select('p.product_id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('finding_counts as c')
            .select('c.product_id')
            .whereRef('c.product_id', '=', 'p.product_id'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.product_id);
}

/**
 * Counts by product, track and status as of `now`, from the maintained counts: a stored
 * `behind` is pending before its deadline and overdue from it on.
 */
export async function countsByTrack(db: Db, now: Date): Promise<TrackCounts[]> {
  // The same status rule as the findings pages (statusAt), read over the counts table as `f`.
  const status = statusAt(now);
  const rows = await db.kysely
    .selectFrom('finding_counts as f')
    .select((e) => [
      'f.product_id',
      'f.track',
      status.as('status'),
      e.fn.sum<string | number>('f.n').as('n'),
    ])
    .groupBy(['f.product_id', 'f.track', status])
    .execute();
  const out = new Map<string, TrackCounts>();
  for (const r of rows) {
    const key = `${r.product_id}\u0000${r.track ?? ''}`;
    const entry = out.get(key) ?? {
      product: r.product_id,
      track: r.track,
      counts: { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 },
    };
    entry.counts[r.status as FindingStatus] += Number(r.n);
    out.set(key, entry);
  }
  return [...out.values()];
}
