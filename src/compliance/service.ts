import type { CatalogStore } from '../catalog/store.js';
import type { Db } from '../platform/db/db.js';
import { listFindings, type FindingFilter, type FindingWithHost } from './findings-query.js';
import type { HostForEvaluation } from './inputs.js';
import type { Finding, TtiStats } from './model.js';
import type { SingleFlight } from '../platform/collections/single-flight.js';
import type { Policies } from './policy.js';
import { refreshFindings } from './refresh.js';

export interface ComplianceDeps {
  readonly db: Db;
  readonly catalog: CatalogStore;
  readonly policies: Policies;
  /** Time-to-install runs in flight, shared by concurrent callers (held by the context). */
  readonly ttiRuns?: SingleFlight<TtiStats[]>;
}

export interface FindingsView {
  readonly findings: readonly Finding[];
  readonly hosts: ReadonlyMap<string, HostForEvaluation>;
}

/** What the reminder cycle acts on: nothing current or unknown ever reaches a digest. */
export const ACTIONABLE = ['pending', 'overdue', 'unsupported'] as const;

/**
 * Stored findings as of `now` (refreshFindings keeps them current), with their hosts, read with
 * SQL through the filter: a button click reads one host, a reminder cycle the actionable rows.
 */
export async function readFindings(
  deps: Pick<ComplianceDeps, 'db'>,
  now: Date,
  filter: FindingFilter = {},
): Promise<FindingsView> {
  const rows = await listFindings(deps.db, now, filter);
  return viewOf(rows);
}

/** Group rows read with their host into the findings + hosts view the reminder code uses. */
export function viewOf(rows: readonly FindingWithHost[]): FindingsView {
  const hosts = new Map<string, HostForEvaluation>();
  const findings: Finding[] = [];
  for (const r of rows) {
    const { hostName, serial, platform, ownerEmail, ownerName, ...finding } = r;
    findings.push(finding);
    if (!hosts.has(r.hostId)) {
      hosts.set(r.hostId, {
        id: r.hostId,
        name: hostName,
        serial,
        platform,
        ownerEmail,
        ownerName,
        active: true,
        products: {},
      });
    }
  }
  return { findings, hosts };
}

/**
 * What a reminder cycle reads: the actionable findings (pending, overdue, unsupported) and every
 * finding of `alsoHosts` (hosts with an open "I updated" claim, to see them current).
 */
export async function actionableFindings(
  deps: Pick<ComplianceDeps, 'db'>,
  now: Date,
  alsoHosts: readonly string[] = [],
): Promise<FindingsView> {
  // A host in an identity conflict is for an admin to sort out: its owner is whoever the node
  // named, so reminding "them" would let any enrolled node send DMs about a computer it made up.
  const rows = await listFindings(deps.db, now, {
    statuses: [...ACTIONABLE],
    withoutIdentityConflicts: true,
  });
  if (alsoHosts.length > 0) {
    const seen = new Set(rows.map((r) => `${r.hostId}\u0000${r.product}`));
    const extra = await listFindings(deps.db, now, {
      hostIds: alsoHosts,
      withoutIdentityConflicts: true,
    });
    rows.push(...extra.filter((r) => !seen.has(`${r.hostId}\u0000${r.product}`)));
  }
  return viewOf(rows);
}

/** An incremental refresh, then actionableFindings: a cycle never acts on an unevaluated change. */
export async function reminderFindings(
  deps: ComplianceDeps,
  now: Date,
  alsoHosts: readonly string[] = [],
): Promise<FindingsView> {
  await refreshFindings(deps, now);
  return actionableFindings(deps, now, alsoHosts);
}
