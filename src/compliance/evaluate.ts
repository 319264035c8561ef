import type { CatalogInput } from '../catalog/catalog.js';
import { createEvaluator, verdictFor, type EvaluationHost } from './evaluator.js';
import type { Finding } from './model.js';
import type { Policies } from './policy.js';
import { findingAt } from './verdict.js';

export type { EvaluationHost } from './evaluator.js';

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
  const evaluator = createEvaluator(input.catalog, input.policies, input.now);
  const findings: Finding[] = [];
  for (const host of input.hosts) {
    // Inactive hosts are gone or in a drawer: reminding their owner would be noise.
    if (!host.active) continue;
    const products = Object.keys(host.products).sort();
    for (const productId of products) {
      const product = evaluator.products.get(productId);
      const installed = host.products[productId] as string;
      if (!product) continue;
      const signed = verdictFor(product, host, installed);
      if (!signed) continue;
      const { view } = product;
      const subject = { hostId: host.id, product: productId, productName: view.product.name };
      findings.push(findingAt({ ...subject, installed }, signed.verdict, input.now));
    }
  }
  return findings;
}
