import type { Selectable } from 'kysely';
import type { FindingsTable } from './tables.js';
import type { Verdict } from './verdict.js';

export type FindingRow = FindingsTable;

/** The stored row of one verdict. */
export function toRow(hostId: string, product: string, installed: string, v: Verdict): FindingRow {
  return {
    host_id: hostId,
    product_id: product,
    track: v.track,
    status: v.status,
    installed,
    required: v.required,
    required_released_at: v.requiredReleasedAt,
    due_at: v.dueAt,
    exploited_cves: v.exploitedCves.join(' '),
    cve_count: v.cveCount,
    reason: v.reason,
  };
}

/** The verdict a stored row holds. */
export function fromRow(r: Selectable<FindingsTable>): Verdict {
  return {
    status: r.status as Verdict['status'],
    track: r.track,
    required: r.required,
    requiredReleasedAt: r.required_released_at,
    dueAt: r.due_at,
    exploitedCves: r.exploited_cves ? r.exploited_cves.split(' ') : [],
    cveCount: Number(r.cve_count),
    reason: r.reason,
  };
}

/** Two rows say the same thing: an unchanged finding is never rewritten. */
export function sameRow(a: Selectable<FindingsTable>, b: FindingRow): boolean {
  return (
    a.status === b.status &&
    a.installed === b.installed &&
    a.track === b.track &&
    a.required === b.required &&
    a.required_released_at === b.required_released_at &&
    a.due_at === b.due_at &&
    a.exploited_cves === b.exploited_cves &&
    Number(a.cve_count) === b.cve_count &&
    a.reason === b.reason
  );
}

export const keyOf = (hostId: string, product: string): string => `${hostId}\u0000${product}`;
