import type { Db } from '../platform/db/db.js';
import type { TtiObservation } from './tti-tally.js';

/** One host's observations of one product, in the order loadHistory gives them. */
export interface HostHistory {
  readonly hostId: string;
  readonly observations: readonly TtiObservation[];
  /** When the host left the fleet (inactive: its last check-in), or null while it is here. */
  readonly leftAt: string | null;
  /**
   * The host's platform (macos, windows, ...): the tally places its versions among that
   * platform's tracks, as compliance does. Null when the host row is missing.
   */
  readonly platform: string | null;
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
 * The version history of one product, host by host, in keyset pages of about `pageRows` rows,
 * so memory holds one page and not the fleet's history. Pages follow host_id alone, the order
 * of the version_history_product index (product_id, host_id): each read is a range scan that
 * needs no sort on SQLite or PostgreSQL (ordering by (host_id, id) made PostgreSQL sort the
 * rest of the history for every page). A full page may end inside a host, so its last host is
 * left for the next page to read whole; a host that fills a page alone is read by itself.
 */
export async function* readHostHistories(
  db: Db,
  product: string,
  pageRows = HISTORY_PAGE_ROWS,
): AsyncGenerator<HostHistory[]> {
  const select = () =>
    db.kysely
      .selectFrom('version_history')
      .select(['id', 'host_id', 'version', 'first_observed_at'])
      .where('product_id', '=', product);
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const rows: Row[] = await select()
      .$if(from !== null, (q) => q.where('host_id', '>', from as string))
      .orderBy('host_id')
      .limit(pageRows)
      .execute();
    const hosts = groupConsecutive(rows);
    const full = rows.length === pageRows;
    if (full && hosts.length === 1) {
      const hostId = (rows[0] as Row).host_id;
      const whole: Row[] = await select().where('host_id', '=', hostId).execute();
      hosts[0] = whole;
    } else if (full) {
      hosts.pop();
    }
    if (hosts.length > 0) {
      const facts = await loadHostFacts(
        db,
        hosts.map((h) => (h[0] as Row).host_id),
      );
      yield hosts.map((h) => hostHistory(h, facts));
    }
    if (!full) return;
    after = (hosts.at(-1)?.[0] as Row).host_id;
  }
}

/** Rows in host order, cut where the host changes. */
function groupConsecutive(rows: readonly Row[]): Row[][] {
  const groups: Row[][] = [];
  let current: Row[] = [];
  for (const row of rows) {
    if (current.length > 0 && current[0]?.host_id !== row.host_id) {
      groups.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * loadHistory orders a product's whole history by first_observed_at, then id; a host's rows
 * keep that order here, so observations at the same instant are taken in the same order.
 */
function hostHistory(rows: Row[], facts: ReadonlyMap<string, HostFacts>): HostHistory {
  rows.sort(
    (a, b) =>
      (a.first_observed_at < b.first_observed_at ? -1 : 0) ||
      (a.first_observed_at > b.first_observed_at ? 1 : 0) ||
      Number(a.id) - Number(b.id),
  );
  const hostId = (rows[0] as Row).host_id;
  return {
    hostId,
    observations: rows.map((r) => ({ version: r.version, firstObservedAt: r.first_observed_at })),
    leftAt: facts.get(hostId)?.leftAt ?? null,
    platform: facts.get(hostId)?.platform ?? null,
  };
}

/** Host ids per departures read: far below SQLite's and PostgreSQL's parameter limits. */
const DEPARTURE_CHUNK = 1_000;

interface HostFacts {
  readonly leftAt: string | null;
  readonly platform: string;
}

/**
 * Departure and platform of each host of a page, in chunked reads. An inactive host left at its
 * last check-in (else the time it was marked inactive), the last moment it could have installed
 * anything; hosts are never deleted, so an active host has not left.
 */
async function loadHostFacts(db: Db, hostIds: readonly string[]): Promise<Map<string, HostFacts>> {
  const facts = new Map<string, HostFacts>();
  for (let i = 0; i < hostIds.length; i += DEPARTURE_CHUNK) {
    const rows = await db.kysely
      .selectFrom('hosts')
      .select(['id', 'platform', 'active', 'last_seen_at', 'updated_at'])
      .where('id', 'in', hostIds.slice(i, i + DEPARTURE_CHUNK))
      .execute();
    for (const r of rows) {
      const left = Number(r.active) === 1 ? null : (r.last_seen_at ?? r.updated_at);
      facts.set(r.id, { leftAt: left, platform: r.platform });
    }
  }
  return facts;
}
