import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/db/db.js';
import type { FindingStatus } from './model.js';

/**
 * The read side of `host_status` (migration 0015): one summary row per host with findings,
 * aliased `s`. A row holds no clock-dependent status, so each expression here compares the
 * stored deadlines with `now`, given as a literal: the same expression in SELECT and GROUP BY
 * must be the same text for PostgreSQL to see one expression.
 */

const at = (now: Date): RawBuilder<string> => sql.lit(now.toISOString());

/** A far-future ISO time: "never overdue" sorts after every real deadline. */
export const NEVER = '9999-12-31T00:00:00.000Z';

/**
 * The worst status of the host's findings as of `now`, as statusAt would read each of them:
 * overdue when its earliest deadline has passed, pending when it has one still ahead, then
 * unsupported, unknown (behind without a deadline counts there), current.
 */
export function worstOfSummary(now: Date): RawBuilder<FindingStatus> {
  return sql<FindingStatus>`case when s.behind_min_due <= ${at(now)} then 'overdue' when s.behind_min_due is not null then 'pending' when s.unsupported > 0 then 'unsupported' when s.unknown > 0 then 'unknown' else 'current' end`;
}

/** The oldest deadline the host has missed as of `now`, or null when nothing is overdue. */
export function oldestMissedOfSummary(now: Date): RawBuilder<string | null> {
  return sql<string | null>`case when s.behind_min_due <= ${at(now)} then s.behind_min_due end`;
}

/** Whether the host holds at least one finding of `status` as of `now`. */
export function summaryHas(status: FindingStatus, now: Date): RawBuilder<boolean> {
  switch (status) {
    case 'overdue':
      return sql<boolean>`s.behind_min_due <= ${at(now)}`;
    case 'pending':
      return sql<boolean>`s.behind_max_due > ${at(now)}`;
    case 'unsupported':
      return sql<boolean>`s.unsupported > 0`;
    case 'unknown':
      return sql<boolean>`s.unknown > 0`;
    case 'current':
      return sql<boolean>`s.current > 0`;
  }
}

/** Computers by their worst finding, and how many findings they hold in all. */
export interface ComputerCounts {
  /** Active computers with at least one finding, by the worst status among their findings. */
  readonly byWorst: Record<FindingStatus, number>;
  /**
   * Of `byWorst.unsupported`, the computers that need new hardware: one of their findings is
   * unsupported with no version to reach (needsNewHardware), so no update will help them.
   */
  readonly needNewHardware: number;
  /** All their findings (one per computer and watched product). */
  readonly findings: number;
}

/**
 * The headline in computers, not host x product pairs: a computer counts as current only when
 * every watched product on it is current, as overdue when any product is overdue, and so on.
 * One GROUP BY over the per-host summaries of active hosts (one row per computer, not one per
 * finding), so the cost follows the fleet's computers, not its findings.
 */
export async function computerCounts(db: Db, now: Date): Promise<ComputerCounts> {
  const perHost = db.kysely
    .selectFrom('host_status as s')
    .innerJoin('hosts as h', 'h.id', 's.host_id')
    // Summaries go with findings at the next refresh: a host just retired is not counted.
    .where('h.active', '=', 1)
    .select([
      worstOfSummary(now).as('worst'),
      's.findings',
      sql<number>`case when s.hardware > 0 then 1 else 0 end`.as('hardware'),
    ]);
  const rows = await db.kysely
    .selectFrom(perHost.as('w'))
    .select([
      'w.worst',
      (eb) => eb.fn.countAll<string | number>().as('hosts'),
      (eb) => eb.fn.sum<string | number>('w.findings').as('findings'),
      (eb) => eb.fn.sum<string | number>('w.hardware').as('hardware'),
    ])
    .groupBy('w.worst')
    .execute();
  const byWorst: Record<FindingStatus, number> = {
    current: 0,
    pending: 0,
    overdue: 0,
    unsupported: 0,
    unknown: 0,
  };
  let findings = 0;
  let needNewHardware = 0;
  for (const r of rows) {
    byWorst[r.worst] += Number(r.hosts);
    findings += Number(r.findings);
    if (r.worst === 'unsupported') needNewHardware = Number(r.hardware);
  }
  return { byWorst, needNewHardware, findings };
}
