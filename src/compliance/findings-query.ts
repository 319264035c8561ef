import {
  sql,
  type ExpressionBuilder,
  type Expression,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import { fromRow } from './finding-rows.js';
import type { Finding, FindingStatus } from './model.js';
import { findingAt } from './verdict.js';

/** Which stored findings to read. Every filter is a WHERE on indexed columns. */
export interface FindingFilter {
  readonly product?: string;
  readonly statuses?: readonly FindingStatus[];
  /** Owner email, lower-case. */
  readonly owner?: string;
  /** Any of these owner emails, lower-case (a page of people). */
  readonly owners?: readonly string[];
  readonly hostIds?: readonly string[];
  /**
   * Leave out hosts flagged as an identity conflict (an osquery node claiming another host's
   * serial): whom they belong to is in doubt, so nobody is reminded about them.
   */
  readonly withoutIdentityConflicts?: boolean;
}

/** A finding with what a table row shows of its host. */
export interface FindingWithHost extends Finding {
  readonly hostName: string | null;
  readonly serial: string | null;
  readonly platform: string;
  readonly ownerEmail: string | null;
  readonly ownerName: string | null;
}

/** A keyset position: the last row of the previous page. */
export interface FindingCursor {
  readonly hostId: string;
  readonly product: string;
}

type Eb = ExpressionBuilder<
  Database & { f: Database['findings']; h: Database['hosts'] },
  'f' | 'h'
>;

/**
 * The status as of `now`, in SQL: a stored `behind` is pending before its deadline and overdue
 * from it on, so counts by status are one GROUP BY and never a rewrite.
 */
export function statusAt(now: Date): RawBuilder<string> {
  // A literal, not a parameter: the same expression in SELECT and GROUP BY must be the same
  // text for PostgreSQL to see one expression (an ISO date has no quote to escape).
  const at = sql.lit(now.toISOString());
  // A behind row without a deadline reads as unknown, as findingAt reads it.
  return sql<string>`case when f.status = 'behind' then (case when f.due_at is null then 'unknown' when f.due_at <= ${at} then 'overdue' else 'pending' end) else f.status end`;
}

function statusIn(eb: Eb, statuses: readonly FindingStatus[], now: Date): Expression<SqlBool> {
  const at = now.toISOString();
  const ors = statuses.map((s) => {
    if (s === 'pending') return eb.and([eb('f.status', '=', 'behind'), eb('f.due_at', '>', at)]);
    if (s === 'overdue') return eb.and([eb('f.status', '=', 'behind'), eb('f.due_at', '<=', at)]);
    // A behind row without a deadline reads as unknown (statusAt, findingAt).
    if (s === 'unknown') {
      return eb.or([
        eb('f.status', '=', 'unknown'),
        eb.and([eb('f.status', '=', 'behind'), eb('f.due_at', 'is', null)]),
      ]);
    }
    return eb('f.status', '=', s);
  });
  return eb.or(ors);
}

/** An IN list's values; an empty list matches nothing (no id or email is ''), as SQL has no `in ()`. */
function inList(values: readonly string[] | undefined): string[] {
  return values?.length ? [...values] : [''];
}

/** The findings query with its filters, before columns, order and paging. */
export function findingsFrom(db: Db, filter: FindingFilter, now: Date) {
  return db.kysely
    .selectFrom('findings as f')
    .innerJoin('hosts as h', 'h.id', 'f.host_id')
    .$if(filter.product !== undefined, (q) =>
      q.where('f.product_id', '=', filter.product as string),
    )
    .$if(filter.owner !== undefined, (q) => q.where('h.owner_email', '=', filter.owner as string))
    .$if(filter.owners !== undefined, (q) => q.where('h.owner_email', 'in', inList(filter.owners)))
    .$if(filter.hostIds !== undefined, (q) => q.where('f.host_id', 'in', inList(filter.hostIds)))
    .$if(filter.statuses !== undefined && filter.statuses.length > 0, (q) =>
      q.where((eb) => statusIn(eb as Eb, filter.statuses ?? [], now)),
    )
    .$if(filter.withoutIdentityConflicts === true, (q) => q.where('h.conflict_serial', 'is', null));
}

/**
 * The findings query without the hosts join, for counts that need no host column: an owner
 * filter becomes a subquery on the owner index, and a count reads the findings index alone.
 */
export function findingsOnly(db: Db, filter: FindingFilter, now: Date) {
  return db.kysely
    .selectFrom('findings as f')
    .$if(filter.product !== undefined, (q) =>
      q.where('f.product_id', '=', filter.product as string),
    )
    .$if(filter.owner !== undefined, (q) =>
      q.where('f.host_id', 'in', (eb) =>
        eb
          .selectFrom('hosts')
          .select('hosts.id')
          .where('hosts.owner_email', '=', filter.owner as string),
      ),
    )
    .$if(filter.owners !== undefined, (q) =>
      q.where('f.host_id', 'in', (eb) =>
        eb
          .selectFrom('hosts')
          .select('hosts.id')
          .where('hosts.owner_email', 'in', inList(filter.owners)),
      ),
    )
    .$if(filter.hostIds !== undefined, (q) => q.where('f.host_id', 'in', inList(filter.hostIds)))
    .$if(filter.statuses !== undefined && filter.statuses.length > 0, (q) =>
      q.where((eb) => statusIn(eb as unknown as Eb, filter.statuses ?? [], now)),
    )
    .$if(filter.withoutIdentityConflicts === true, (q) =>
      q.where('f.host_id', 'not in', (eb) =>
        eb.selectFrom('hosts').select('hosts.id').where('hosts.conflict_serial', 'is not', null),
      ),
    );
}

/** The columns a FindingWithHost is made of, on a findingsFrom query. */
export function withHostColumns(q: ReturnType<typeof findingsFrom>) {
  return q
    .leftJoin('products as p', 'p.id', 'f.product_id')
    .selectAll('f')
    .select([
      'p.name as product_name',
      'h.name as host_name',
      'h.serial as host_serial',
      'h.platform as host_platform',
      'h.owner_email as owner_email',
      'h.owner_name as owner_name',
    ]);
}

type HostColumnsRow = Awaited<ReturnType<ReturnType<typeof withHostColumns>['execute']>>[number];

/** A row of withHostColumns as the finding it is as of `now`. */
export function findingWithHost(r: HostColumnsRow, now: Date): FindingWithHost {
  return {
    ...findingAt(
      {
        hostId: r.host_id,
        product: r.product_id,
        productName: r.product_name ?? r.product_id,
        installed: r.installed,
      },
      fromRow(r),
      now,
    ),
    hostName: r.host_name,
    serial: r.host_serial,
    platform: r.host_platform,
    ownerEmail: r.owner_email,
    ownerName: r.owner_name,
  };
}

/** One page of findings in (host, product) order, after `cursor`. */
export async function listFindings(
  db: Db,
  now: Date,
  filter: FindingFilter,
  page: {
    readonly after?: FindingCursor | null;
    readonly limit?: number;
    readonly offset?: number;
  } = {},
): Promise<FindingWithHost[]> {
  const after = page.after ?? null;
  const rows = await withHostColumns(findingsFrom(db, filter, now))
    // The leading `host_id >=` gives the planner an index range to start from; with the OR
    // alone SQLite scanned from the first finding on every page (a 1M-row export took 125 s,
    // 33 s with it: bench/csv-export.ts).
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.and([
          eb('f.host_id', '>=', after?.hostId ?? ''),
          eb.or([
            eb('f.host_id', '>', after?.hostId ?? ''),
            eb('f.product_id', '>', after?.product ?? ''),
          ]),
        ]),
      ),
    )
    .orderBy('f.host_id')
    .orderBy('f.product_id')
    .$if(page.limit !== undefined, (q) => q.limit(page.limit as number))
    .$if(page.offset !== undefined && page.offset > 0, (q) => q.offset(page.offset as number))
    .execute();
  return rows.map((r) => findingWithHost(r, now));
}

/** How many findings match, for totals and paging headers. */
export async function countFindings(db: Db, now: Date, filter: FindingFilter): Promise<number> {
  const row = await findingsOnly(db, filter, now)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Every matching finding, page by page in constant memory: for exports and streamed answers.
 * The event loop gets a turn between pages.
 */
export async function* streamFindings(
  db: Db,
  now: Date,
  filter: FindingFilter,
  pageSize = 2000,
): AsyncGenerator<FindingWithHost[]> {
  let after: FindingCursor | null = null;
  for (;;) {
    const page = await listFindings(db, now, filter, { after, limit: pageSize });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
    after = { hostId: last.hostId, product: last.product };
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
