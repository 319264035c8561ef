import { SEVERITY } from '../../compliance/findings-pages.js';
import { listFindings } from '../../compliance/findings-query.js';
import type { Finding } from '../../compliance/model.js';
import type { AppContext } from '../../context.js';
import { listHosts, type HostView } from '../../inventory/host-query.js';
import { groupBy } from '../../platform/collections/group-by.js';
import { ReminderHistoryStore, type HistoryEntry } from '../../reminders/history-store.js';
import { previewDigest, type DigestPreview } from './person-preview.js';
import { emptyCounts, type StatusCounts } from './summary.js';

export interface PersonData {
  readonly email: string;
  readonly name: string | null;
  readonly counts: StatusCounts;
  /** Each host with its findings, worst first. */
  readonly hosts: readonly { host: HostView; findings: readonly Finding[] }[];
  /** What the reminders did for them: DMs, failures, snoozes, claims (newest first). */
  readonly reminders: readonly HistoryEntry[];
  /** The digest they would get now, or why none. */
  readonly preview: DigestPreview;
}

/**
 * A person's hosts (inactive ones too) and findings, their reminder history and digest preview,
 * or null when they own no host: every read is by owner email (indexed), so the page costs one
 * person's hosts whatever the fleet's size.
 */
export async function loadPerson(
  ctx: AppContext,
  email: string,
  now: Date,
): Promise<PersonData | null> {
  const owner = email.trim().toLowerCase();
  const [hosts, findings, reminders, preview] = await Promise.all([
    listHosts(ctx.db, { owner, all: true }),
    listFindings(ctx.db, now, { owner }),
    new ReminderHistoryStore(ctx.db).personHistory(owner, now),
    previewDigest(ctx, owner, now),
  ]);
  if (hosts.length === 0) return null;
  const ids = new Set(hosts.map((h) => h.id));
  // Both reads see the same owner; a host that changed hands between them is left out.
  const theirs = findings.filter((f) => ids.has(f.hostId));
  const byHost = groupBy(theirs, (f) => f.hostId);
  const counts = emptyCounts();
  for (const f of theirs) counts[f.status]++;
  return {
    email: owner,
    name: hosts.find((h) => h.owner?.name)?.owner?.name ?? null,
    counts,
    hosts: hosts.map((host) => ({ host, findings: worstFirst(byHost.get(host.id) ?? []) })),
    reminders,
    preview,
  };
}

/** A host's findings worst first, then by product name: as the person and host pages list them. */
export function worstFirst(list: readonly Finding[]): Finding[] {
  return [...list].sort(
    (a, b) => SEVERITY[b.status] - SEVERITY[a.status] || a.productName.localeCompare(b.productName),
  );
}
