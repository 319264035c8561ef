import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** The hosts to summarise: an id range (every host in it) or a list (FindingsStore's HostScope). */
export type SummaryScope =
  | { readonly kind: 'range'; readonly first: string; readonly last: string }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** Hosts per IN list: far below both databases' parameter limits. */
const IN_BATCH = 500;

/**
 * The write side of `host_status` (migration 0015): each host's row is rebuilt from its stored
 * findings by one GROUP BY over that host's rows, in the transaction that wrote them. A host
 * with no findings left (gone inactive, every product dropped) has no row.
 */
export async function summariseHosts(k: Kysely<Database>, scope: SummaryScope): Promise<void> {
  if (scope.kind === 'range') {
    await k
      .deleteFrom('host_status')
      .where('host_id', '>=', scope.first)
      .where('host_id', '<=', scope.last)
      .execute();
    await insertSummaries(k, (q) =>
      q.where('host_id', '>=', scope.first).where('host_id', '<=', scope.last),
    );
    return;
  }
  for (let i = 0; i < scope.ids.length; i += IN_BATCH) {
    const ids = scope.ids.slice(i, i + IN_BATCH);
    await k.deleteFrom('host_status').where('host_id', 'in', ids).execute();
    await insertSummaries(k, (q) => q.where('host_id', 'in', ids));
  }
}

type FindingsQuery = ReturnType<typeof findingsOf>;

function findingsOf(k: Kysely<Database>) {
  return k.selectFrom('findings');
}

async function insertSummaries(
  k: Kysely<Database>,
  scoped: (q: FindingsQuery) => FindingsQuery,
): Promise<void> {
  const count = (when: ReturnType<typeof sql>) =>
    sql<number>`sum(case when ${when} then 1 else 0 end)`;
  // What statusAt reads as unknown: no verdict, or behind without a deadline to be late for.
  const unknown = sql`status = 'unknown' or (status = 'behind' and due_at is null)`;
  const dated = sql`status = 'behind' and due_at is not null`;
  await k
    .insertInto('host_status')
    .columns([
      'host_id',
      'findings',
      'current',
      'unknown',
      'unsupported',
      'hardware',
      'behind_min_due',
      'behind_max_due',
    ])
    .expression(
      scoped(findingsOf(k))
        .select([
          'host_id',
          (eb) => eb.fn.countAll<number>().as('findings'),
          count(sql`status = 'current'`).as('current'),
          count(unknown).as('unknown'),
          count(sql`status = 'unsupported'`).as('unsupported'),
          // needsNewHardware: unsupported with no version to reach.
          count(sql`status = 'unsupported' and required is null`).as('hardware'),
          sql<string | null>`min(case when ${dated} then due_at end)`.as('behind_min_due'),
          sql<string | null>`max(case when ${dated} then due_at end)`.as('behind_max_due'),
        ])
        .groupBy('host_id'),
    )
    .execute();
}

/**
 * Whether hosts with findings lack their summary (a database that predates `host_status`, or a
 * fill cut short). Two key look-ups: the fill goes in host id order, so it is complete when the
 * last host with findings has its row; refreshes write findings and summaries together.
 */
export async function needsFill(k: Kysely<Database>): Promise<boolean> {
  const last = await k
    .selectFrom('findings')
    .select('host_id')
    .orderBy('host_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return false;
  const row = await k
    .selectFrom('host_status')
    .select('host_id')
    .where('host_id', '=', last.host_id)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Summarise every host with findings, `batch` hosts per transaction in host id order, the event
 * loop getting a turn between batches (a fleet's first fill reads every finding once).
 */
export async function fillHostStatus(k: Kysely<Database>, batch = 1000): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const ids: string[] = (
      await k
        .selectFrom('findings')
        .select('host_id')
        .distinct()
        .$if(after !== null, (q) => q.where('host_id', '>', after as string))
        .orderBy('host_id')
        .limit(batch)
        .execute()
    ).map((r) => r.host_id);
    const first = ids[0];
    const last = ids[ids.length - 1];
    if (first === undefined || last === undefined) return;
    await k.transaction().execute((trx) => summariseHosts(trx, { kind: 'range', first, last }));
    after = last;
    if (ids.length < batch) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
