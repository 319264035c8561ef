import type { Db } from '../platform/db/db.js';

/** A host as the evaluation sees it. Mirrors evaluate.ts's EvaluationHost. */
export interface HostForEvaluation {
  readonly id: string;
  readonly name: string | null;
  readonly serial: string | null;
  readonly platform: string;
  readonly ownerEmail: string | null;
  readonly ownerName: string | null;
  readonly active: boolean;
  readonly products: Readonly<Record<string, string>>;
  /** The hardware model identifier ("Mac14,10"), when the inventory reports one. */
  readonly model?: string | null;
}

/** Every host (or only `onlyHost`) with its installed product versions, in two reads. */
export async function loadHostsForEvaluation(
  db: Db,
  onlyHost?: string,
): Promise<HostForEvaluation[]> {
  const k = db.kysely;
  const [hosts, versions] = await Promise.all([
    k
      .selectFrom('hosts')
      .select(['id', 'name', 'serial', 'platform', 'owner_email', 'owner_name', 'active', 'model'])
      .$if(onlyHost !== undefined, (q) => q.where('id', '=', onlyHost as string))
      .orderBy('id')
      .execute(),
    k
      .selectFrom('host_versions')
      .select(['host_id', 'product_id', 'version'])
      .$if(onlyHost !== undefined, (q) => q.where('host_id', '=', onlyHost as string))
      .execute(),
  ]);
  const byHost = new Map<string, Record<string, string>>();
  for (const v of versions) {
    const m = byHost.get(v.host_id) ?? {};
    m[v.product_id] = v.version;
    byHost.set(v.host_id, m);
  }
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    serial: h.serial,
    platform: h.platform,
    ownerEmail: h.owner_email,
    ownerName: h.owner_name,
    active: Number(h.active) === 1,
    products: byHost.get(h.id) ?? {},
    model: h.model,
  }));
}

export interface HistoryRow {
  readonly hostId: string;
  readonly product: string;
  readonly version: string;
  readonly firstObservedAt: string;
}

/** The version history of one product, oldest first: what time-to-install is computed from. */
export async function loadHistory(db: Db, product: string): Promise<HistoryRow[]> {
  const rows = await db.kysely
    .selectFrom('version_history')
    .select(['host_id', 'product_id', 'version', 'first_observed_at'])
    .where('product_id', '=', product)
    .orderBy('first_observed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    hostId: r.host_id,
    product: r.product_id,
    version: r.version,
    firstObservedAt: r.first_observed_at,
  }));
}
