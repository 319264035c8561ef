import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { SortDir } from './findings-pages.js';
import { NEVER, oldestMissedOfSummary, summaryHas } from './host-status-query.js';

/**
 * The people figures of the overview and the people table, in computers: per owner of active
 * hosts, one GROUP BY over the per-host summaries (host_status, one row per computer with
 * findings) instead of their ~30 findings each, so the cost follows the fleet's computers.
 */

/** One owner's active computers with findings, and how many of them need updating. */
export interface PersonRow {
  readonly email: string;
  readonly name: string | null;
  /** Active computers they own that hold at least one finding. */
  readonly computers: number;
  /** Of those, computers with at least one update past its deadline. */
  readonly computersOverdue: number;
  /**
   * Of those, computers with at least one update still within its grace period (a computer can
   * be both overdue and pending: one product late, another not yet).
   */
  readonly computersPending: number;
  /** The oldest deadline any of their computers missed, or null when nothing is overdue. */
  readonly oldestMissed: string | null;
}

/** Someone to follow up on the overview: a person with overdue or pending computers. */
export type PersonToChase = PersonRow;

/** Columns the people table sorts by (URL values: `overdue` and `pending` count computers). */
export const PEOPLE_SORTS = ['name', 'computers', 'overdue', 'pending', 'days'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

/**
 * The aggregates of one owner's group. The clock is a literal inside them, so each is the same
 * text in SELECT and ORDER BY, which PostgreSQL needs to see one expression.
 */
function aggregates(now: Date) {
  const flag = (b: RawBuilder<boolean>) =>
    sql<string | number>`sum(case when ${b} then 1 else 0 end)`;
  const oldest = sql<string | null>`min(${oldestMissedOfSummary(now)})`;
  return {
    computers: sql<string | number>`count(*)`,
    overdue: flag(summaryHas('overdue', now)),
    pending: flag(summaryHas('pending', now)),
    oldest,
    // Nobody overdue sorts as zero days: after every real deadline, on both dialects (no null).
    oldestOrNever: sql<string>`coalesce(${oldest}, ${sql.lit(NEVER)})`,
    name: sql<string>`lower(coalesce(max(h.owner_name), h.owner_email))`,
  };
}

/** Per-host summaries of active hosts with an owner, aliased `s` and `h`. */
function ownedSummaries(db: Db) {
  return (
    db.kysely
      .selectFrom('host_status as s')
      .innerJoin('hosts as h', 'h.id', 's.host_id')
      // Summaries go with findings at the next refresh: a host just retired is not counted.
      .where('h.active', '=', 1)
      .where('h.owner_email', 'is not', null)
  );
}

function groupedPeople(db: Db, now: Date) {
  const a = aggregates(now);
  return ownedSummaries(db)
    .select([
      'h.owner_email as email',
      (eb) => eb.fn.max('h.owner_name').as('name'),
      a.computers.as('computers'),
      a.overdue.as('overdue'),
      a.pending.as('pending'),
      a.oldest.as('oldest'),
    ])
    .groupBy('h.owner_email');
}

function toRow(r: {
  email: string | null;
  name: string | null;
  computers: string | number;
  overdue: string | number;
  pending: string | number;
  oldest: string | null;
}): PersonRow {
  return {
    email: r.email as string,
    name: r.name,
    computers: Number(r.computers),
    computersOverdue: Number(r.overdue),
    computersPending: Number(r.pending),
    oldestMissed: r.oldest,
  };
}

/**
 * The `limit` people to chase: most computers overdue, then the oldest missed deadline, then
 * most computers pending, then by email. Everyone's group is read (their `computers` counts
 * all their computers with findings), then only people behind on a dated update are kept.
 */
export async function topPeople(db: Db, now: Date, limit: number): Promise<PersonToChase[]> {
  const a = aggregates(now);
  const rows = await groupedPeople(db, now)
    // Behind with a deadline, passed or not: exactly someone overdue or pending.
    .having(sql<boolean>`count(s.behind_min_due) > 0`)
    .orderBy(a.overdue, 'desc')
    .orderBy(a.oldestOrNever, 'asc')
    .orderBy(a.pending, 'desc')
    .orderBy('h.owner_email', 'asc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** One page of the owners of active computers with findings, sorted by a column in SQL. */
export async function listPeople(
  db: Db,
  now: Date,
  sort: PeopleSort,
  dir: SortDir,
  page: { readonly limit: number; readonly offset: number },
): Promise<PersonRow[]> {
  const a = aggregates(now);
  const flip: SortDir = dir === 'asc' ? 'desc' : 'asc';
  const key: Record<PeopleSort, { expr: RawBuilder<unknown>; dir: SortDir }> = {
    name: { expr: a.name, dir },
    computers: { expr: a.computers, dir },
    overdue: { expr: a.overdue, dir },
    pending: { expr: a.pending, dir },
    // More days overdue is an earlier missed deadline: the order of the deadline is reversed.
    days: { expr: a.oldestOrNever, dir: flip },
  };
  const rows = await groupedPeople(db, now)
    .orderBy(key[sort].expr, key[sort].dir)
    .orderBy(a.name, 'asc')
    .orderBy('h.owner_email', 'asc')
    .limit(page.limit)
    .$if(page.offset > 0, (qb) => qb.offset(page.offset))
    .execute();
  return rows.map(toRow);
}

/** How many owners of active computers with findings there are: one COUNT DISTINCT. */
export async function countPeople(db: Db): Promise<number> {
  const row = await ownedSummaries(db)
    .select(sql<string | number>`count(distinct h.owner_email)`.as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The figures of the listed owners (a page of the API's people listing), keyed by email: one
 * GROUP BY over their computers' summaries. An owner whose computers hold no findings is absent.
 */
export async function peopleFiguresOf(
  db: Db,
  now: Date,
  emails: readonly string[],
): Promise<Map<string, PersonRow>> {
  if (emails.length === 0) return new Map();
  const rows = await groupedPeople(db, now)
    .where('h.owner_email', 'in', [...emails])
    .execute();
  return new Map(rows.map((r) => [r.email as string, toRow(r)]));
}
