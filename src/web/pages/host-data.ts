import { listFindings } from '../../compliance/findings-query.js';
import type { Finding } from '../../compliance/model.js';
import type { AppContext } from '../../context.js';
import { listHosts, type HostView } from '../../inventory/host-query.js';
import type { ClaimOutcome } from '../../reminders/tables.js';
import { worstFirst } from './person-data.js';

/** Version changes shown on a host's page, newest first. */
export const HISTORY_ROWS = 200;
/** Digests to the owner shown on a host's page, newest first. */
export const DIGEST_ROWS = 20;

/** One observed version change of a product on the host. */
export interface VersionChange {
  readonly product: string;
  readonly productName: string;
  readonly version: string;
  readonly previous: string | null;
  readonly source: string;
  readonly observedAt: string;
}

/** A digest DM sent (or tried) to the host's owner: each one covers all of their computers. */
export interface DigestSent {
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly status: string;
  readonly items: number;
  readonly maxDaysOverdue: number;
  readonly lastError: string | null;
}

export interface HostData {
  readonly host: HostView;
  /** Every watched product on the host, worst first. */
  readonly findings: readonly Finding[];
  readonly history: readonly VersionChange[];
  readonly digests: readonly DigestSent[];
  readonly snoozes: readonly { product: string; productName: string; until: string; by: string }[];
  readonly claims: readonly {
    claimedAt: string;
    resolvedAt: string | null;
    outcome: ClaimOutcome | null;
    by: string;
  }[];
}

/**
 * One host (inactive ones too) with its findings, version history and the reminders about it,
 * or null when there is no such host. Every read is by host id or owner email (indexed), so the
 * page costs one host whatever the fleet's size.
 */
export async function loadHost(ctx: AppContext, id: string, now: Date): Promise<HostData | null> {
  const [host] = await listHosts(ctx.db, { id, all: true });
  if (!host) return null;
  const k = ctx.db.kysely;
  const [findings, history, digests, snoozes, claims, input] = await Promise.all([
    listFindings(ctx.db, now, { hostIds: [id] }),
    k
      .selectFrom('version_history')
      .select(['product_id', 'version', 'previous_version', 'source', 'first_observed_at'])
      .where('host_id', '=', id)
      .orderBy('first_observed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(HISTORY_ROWS)
      .execute(),
    host.owner
      ? k
          .selectFrom('digests')
          .select(['created_at', 'sent_at', 'status', 'items', 'max_days_overdue', 'last_error'])
          .where('email', '=', host.owner.email)
          .orderBy('created_at', 'desc')
          .limit(DIGEST_ROWS)
          .execute()
      : Promise.resolve([]),
    k.selectFrom('snoozes').selectAll().where('host_id', '=', id).orderBy('product').execute(),
    k
      .selectFrom('update_claims')
      .selectAll()
      .where('host_id', '=', id)
      .orderBy('claimed_at', 'desc')
      .limit(DIGEST_ROWS)
      .execute(),
    ctx.catalog.loadCatalogInput(),
  ]);
  const names = new Map(input.products.map((p) => [p.id, p.name]));
  const name = (p: string): string => names.get(p) ?? p;
  return {
    host,
    findings: worstFirst(findings),
    history: history.map((h) => ({
      product: h.product_id,
      productName: name(h.product_id),
      version: h.version,
      previous: h.previous_version,
      source: h.source,
      observedAt: h.first_observed_at,
    })),
    digests: digests.map((d) => ({
      createdAt: d.created_at,
      sentAt: d.sent_at,
      status: d.status,
      items: Number(d.items),
      maxDaysOverdue: Number(d.max_days_overdue),
      lastError: d.last_error,
    })),
    snoozes: snoozes.map((s) => ({
      product: s.product,
      productName: name(s.product),
      until: s.until,
      by: s.email,
    })),
    claims: claims.map((c) => ({
      claimedAt: c.claimed_at,
      resolvedAt: c.resolved_at,
      outcome: c.outcome,
      by: c.email,
    })),
  };
}
