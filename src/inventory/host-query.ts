import type { Db } from '../platform/db/db.js';
import { groupBy } from '../platform/collections/group-by.js';

export interface HostFilter {
  /** One host by id (inactive or not, when `all` is set). */
  readonly id?: string;
  readonly product?: string;
  readonly version?: string;
  readonly owner?: string;
  /** Include inactive hosts too. */
  readonly all?: boolean;
}

/** A host as `patchbay hosts` and the API show it. */
export interface HostView {
  readonly id: string;
  readonly serial: string | null;
  readonly name: string | null;
  readonly platform: string;
  readonly osVersion: string | null;
  readonly osBuild: string | null;
  readonly lastSeenAt: string | null;
  readonly active: boolean;
  readonly owner: { email: string; name: string | null; source: string | null } | null;
  /** Product id -> installed version. */
  readonly products: Readonly<Record<string, string>>;
  readonly sources: readonly string[];
}

/** Read hosts with their products and sources, filtered in SQL so large fleets stay cheap. */
export async function listHosts(db: Db, filter: HostFilter): Promise<HostView[]> {
  const k = db.kysely;
  let q = k.selectFrom('hosts').selectAll();
  if (!filter.all) q = q.where('active', '=', 1);
  if (filter.id) q = q.where('id', '=', filter.id);
  if (filter.owner) q = q.where('owner_email', '=', filter.owner.trim().toLowerCase());
  if (filter.product) {
    const product = filter.product;
    const version = filter.version;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('host_versions')
          .select('host_versions.host_id')
          .whereRef('host_versions.host_id', '=', 'hosts.id')
          .where('host_versions.product_id', '=', product)
          .$if(version !== undefined, (sq) =>
            sq.where('host_versions.version', '=', version as string),
          ),
      ),
    );
  }
  const hosts = await q.orderBy('name').orderBy('id').execute();
  if (hosts.length === 0) return [];
  const ids = new Set(hosts.map((h) => h.id));
  // For one host, read its rows; for many, one read of the side tables beats thousands of IN-lists.
  const one = filter.id;
  const [versions, sources] = await Promise.all([
    k
      .selectFrom('host_versions')
      .select(['host_id', 'product_id', 'version'])
      .$if(one !== undefined, (q2) => q2.where('host_id', '=', one as string))
      .execute(),
    k
      .selectFrom('host_sources')
      .select(['host_id', 'source'])
      .$if(one !== undefined, (q2) => q2.where('host_id', '=', one as string))
      .execute(),
  ]);
  const productsOf = new Map<string, Record<string, string>>();
  for (const v of versions) {
    if (!ids.has(v.host_id)) continue;
    const m = productsOf.get(v.host_id) ?? {};
    m[v.product_id] = v.version;
    productsOf.set(v.host_id, m);
  }
  const sourcesOf = groupBy(
    sources.filter((s) => ids.has(s.host_id)),
    (s) => s.host_id,
  );
  return hosts.map((h) => ({
    id: h.id,
    serial: h.serial,
    name: h.name,
    platform: h.platform,
    osVersion: h.os_version,
    osBuild: h.os_build,
    lastSeenAt: h.last_seen_at,
    active: Number(h.active) === 1,
    owner: h.owner_email
      ? { email: h.owner_email, name: h.owner_name, source: h.owner_source }
      : null,
    products: productsOf.get(h.id) ?? {},
    sources: (sourcesOf.get(h.id) ?? []).map((s) => s.source).sort(),
  }));
}
