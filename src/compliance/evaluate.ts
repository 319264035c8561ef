import type { CatalogInput } from '../catalog/catalog.js';
import { judge } from './judge.js';
import type { Finding, Policy } from './model.js';
import { resolvePolicy, type Policies } from './policy.js';
import { buildProductViews } from './product-view.js';

/** A host as evaluation sees it: who it belongs to and what it runs. */
export interface EvaluationHost {
  readonly id: string;
  readonly serial: string | null;
  readonly platform: string;
  readonly ownerEmail: string | null;
  readonly active: boolean;
  /** Product id -> installed version. */
  readonly products: Readonly<Record<string, string>>;
}

export interface EvaluationInput {
  readonly hosts: readonly EvaluationHost[];
  readonly catalog: CatalogInput;
  readonly policies: Policies;
  readonly now: Date;
}

/**
 * One finding per active host x product that the host runs and the catalog knows, unless the
 * product's policy excludes the host or is scoped to other platforms.
 *
 * - The host's track: the one its version names (macOS 15.7.8 -> "15"), else the main channel
 *   ("stable", "release"). An Apple OS major the feed no longer supports is `unsupported`.
 * - The target: the latest of that track, the latest supported release, or a minimum.
 * - At or above it: `current`. Below: the releases it lacks each start a grace period (shorter
 *   for a fix of an actively exploited CVE); `pending` before the first one ends, `overdue` after.
 * - `unknown` (never a reminder): the feed is stale, or a version cannot be read.
 */
export function evaluate(input: EvaluationInput): Finding[] {
  const views = buildProductViews(input.catalog, input.now);
  const findings: Finding[] = [];
  for (const host of input.hosts) {
    // Inactive hosts are gone or in a drawer: reminding their owner would be noise.
    if (!host.active) continue;
    const products = Object.entries(host.products).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [productId, installed] of products) {
      const view = views.get(productId);
      if (!view) continue;
      const policy = resolvePolicy(input.policies.default, input.policies.products, productId);
      if (!inScope(host, policy)) continue;
      findings.push(judge(view, policy, host.id, installed, input.now));
    }
  }
  return findings;
}

/** Serials and emails are matched without case: inventories disagree on both. */
function inScope(host: EvaluationHost, policy: Policy): boolean {
  const platform = host.platform.toLowerCase();
  if (policy.platforms.length > 0 && !policy.platforms.some((p) => p.toLowerCase() === platform)) {
    return false;
  }
  const ids = [host.serial, host.ownerEmail].flatMap((v) => (v ? [v.trim().toLowerCase()] : []));
  return !policy.exclude.some((x) => ids.includes(x.trim().toLowerCase()));
}
