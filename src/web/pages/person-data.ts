import type { Finding } from '../../compliance/model.js';
import { computeFindings } from '../../compliance/service.js';
import { complianceDeps, type AppContext } from '../../context.js';
import { listHosts, type HostView } from '../../inventory/host-query.js';
import { emptyCounts, SEVERITY, type StatusCounts } from './summary.js';
import { groupBy } from '../../platform/collections/group-by.js';

export interface PersonData {
  readonly email: string;
  readonly name: string | null;
  readonly counts: StatusCounts;
  /** Each host with its findings, worst first. */
  readonly hosts: readonly { host: HostView; findings: readonly Finding[] }[];
}

/** A person's hosts (inactive ones too) and findings, or null when they own no host. */
export async function loadPerson(
  ctx: AppContext,
  email: string,
  now: Date,
): Promise<PersonData | null> {
  const owner = email.trim().toLowerCase();
  const hosts = await listHosts(ctx.db, { owner, all: true });
  if (hosts.length === 0) return null;
  const ids = new Set(hosts.map((h) => h.id));
  const { findings } = await computeFindings(complianceDeps(ctx), now);
  const theirs = findings.filter((f) => ids.has(f.hostId));
  const byHost = groupBy(theirs, (f) => f.hostId);
  const counts = emptyCounts();
  for (const f of theirs) counts[f.status]++;
  const sortFindings = (list: readonly Finding[]): Finding[] =>
    [...list].sort(
      (a, b) =>
        SEVERITY[b.status] - SEVERITY[a.status] || a.productName.localeCompare(b.productName),
    );
  return {
    email: owner,
    name: hosts.find((h) => h.owner?.name)?.owner?.name ?? null,
    counts,
    hosts: hosts.map((host) => ({ host, findings: sortFindings(byHost.get(host.id) ?? []) })),
  };
}
