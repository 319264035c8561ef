import type { CatalogStore } from '../catalog/store.js';
import type { Db } from '../platform/db/db.js';
import { evaluate } from './evaluate.js';
import { loadHistory, loadHostsForEvaluation, type HostForEvaluation } from './inputs.js';
import type { Finding, TtiStats } from './model.js';
import type { Policies } from './policy.js';
import { computeTti } from './tti.js';

export interface ComplianceDeps {
  readonly db: Db;
  readonly catalog: CatalogStore;
  readonly policies: Policies;
}

export interface FindingsView {
  readonly findings: readonly Finding[];
  readonly hosts: ReadonlyMap<string, HostForEvaluation>;
}

/**
 * Evaluate every host (or just `onlyHost`, for a button click or one host's page) against the
 * catalog now: the I/O around the pure evaluate().
 */
export async function computeFindings(
  deps: ComplianceDeps,
  now: Date,
  onlyHost?: string,
): Promise<FindingsView> {
  const [catalog, hosts] = await Promise.all([
    deps.catalog.loadCatalogInput(),
    loadHostsForEvaluation(deps.db, onlyHost),
  ]);
  const findings = evaluate({ hosts, catalog, policies: deps.policies, now });
  return { findings, hosts: new Map(hosts.map((h) => [h.id, h])) };
}

/** Time-to-install of every release of the given products (all products in the catalog by default). */
export async function computeTtiReport(
  deps: ComplianceDeps,
  now: Date,
  products?: readonly string[],
): Promise<TtiStats[]> {
  const catalog = await deps.catalog.loadCatalogInput();
  const out: TtiStats[] = [];
  for (const product of catalog.products) {
    if (products?.length && !products.includes(product.id)) continue;
    const releases = catalog.releases.filter((r) => r.product === product.id);
    if (releases.length === 0) continue;
    const history = await loadHistory(deps.db, product.id);
    out.push(...computeTti({ releases, scheme: product.scheme, history, now }));
  }
  return out;
}
