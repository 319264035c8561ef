import type { Db } from '../platform/db/db.js';
import type { TtiObservation } from './tti-tally.js';

/** One host's observations of one product, in the order loadHistory gives them. */
export interface HostHistory {
  readonly hostId: string;
  readonly observations: readonly TtiObservation[];
}

/** Rows per read: small enough that reading and tallying a page holds the loop ~10-20 ms. */
export const HISTORY_PAGE_ROWS = 5_000;

interface Row {
  readonly id: number;
  readonly host_id: string;
  readonly version: string;
  readonly first_observed_at: string;
}

/**
 * The version history of one product, host by host, in keyset pages of `pageRows` rows, so
 * memory holds one page and not the fleet's history. Pages follow (host_id, id), the order of
 * the version_history_product index (product_id, host_id; ids break ties), so each read
 * continues where the last one stopped without a sort of the whole history. A host cut by a
 * page boundary is held back and completed by the next page: each yielded host is whole.
 */
export async function* readHostHistories(
  db: Db,
  product: string,
  pageRows = HISTORY_PAGE_ROWS,
): AsyncGenerator<HostHistory[]> {
  let last: { hostId: string; id: number } | null = null;
  let open: Row[] = [];
  for (;;) {
    const from = last;
    const rows: Row[] = await db.kysely
      .selectFrom('version_history')
      .select(['id', 'host_id', 'version', 'first_observed_at'])
      .where('product_id', '=', product)
      .$if(from !== null, (q) =>
        q.where((eb) =>
          eb(eb.refTuple('host_id', 'id'), '>', eb.tuple(from?.hostId ?? '', from?.id ?? 0)),
        ),
      )
      .orderBy('host_id')
      .orderBy('id')
      .limit(pageRows)
      .execute();
    const hosts: HostHistory[] = [];
    for (const row of rows) {
      if (open.length > 0 && open[0]?.host_id !== row.host_id) {
        hosts.push(hostHistory(open));
        open = [];
      }
      open.push(row);
    }
    const end = rows.at(-1);
    if (!end || rows.length < pageRows) {
      if (open.length > 0) hosts.push(hostHistory(open));
      if (hosts.length > 0) yield hosts;
      return;
    }
    last = { hostId: end.host_id, id: Number(end.id) };
    if (hosts.length > 0) yield hosts;
  }
}

/**
 * loadHistory orders a product's whole history by first_observed_at, then id; a host's rows
 * keep that order here, so observations at the same instant are taken in the same order.
 */
function hostHistory(rows: Row[]): HostHistory {
  rows.sort(
    (a, b) =>
      (a.first_observed_at < b.first_observed_at ? -1 : 0) ||
      (a.first_observed_at > b.first_observed_at ? 1 : 0) ||
      Number(a.id) - Number(b.id),
  );
  return {
    hostId: (rows[0] as Row).host_id,
    observations: rows.map((r) => ({ version: r.version, firstObservedAt: r.first_observed_at })),
  };
}
