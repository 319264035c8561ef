import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { FindingsTable } from './tables.js';
import type { Verdict } from './verdict.js';

export type FindingRow = FindingsTable;

/** A verdict with the signature of the row it makes for a given installed version. */
export interface SignedVerdict {
  readonly verdict: Verdict;
  readonly sig: string;
}

/** The signature of a row's content (all but its key): one column to compare, not eleven. */
export function signatureOf(installed: string, v: Verdict): string {
  const content = [
    installed,
    v.status,
    v.track,
    v.required,
    v.requiredReleasedAt,
    v.dueAt,
    v.exploitedCves.join(' '),
    v.cveCount,
    v.reason,
  ];
  return createHash('sha1').update(JSON.stringify(content)).digest('base64url').slice(0, 24);
}

/** The stored row of one verdict. */
export function toRow(
  hostId: string,
  product: string,
  installed: string,
  { verdict: v, sig }: SignedVerdict,
): FindingRow {
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
    sig,
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
