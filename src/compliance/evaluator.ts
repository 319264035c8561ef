import { createHash } from 'node:crypto';
import type { CatalogInput } from '../catalog/catalog.js';
import type { AppleModel } from '../catalog/model.js';
import { hardwareOf, indexModels, type ModelIndex } from './hardware.js';
import { judgeVersion } from './judge.js';
import type { Policy } from './model.js';
import { resolvePolicy, supportedMajorsOf, type Policies } from './policy.js';
import { buildProductViews, type ProductView } from './product-view.js';
import { signatureOf, type SignedVerdict } from './finding-rows.js';
import { withSupportWindow } from './support-window.js';
import { tracksForPlatform } from './track-of-host.js';

/** A host as evaluation sees it: who it belongs to and what it runs. */
export interface EvaluationHost {
  readonly id: string;
  readonly serial: string | null;
  readonly platform: string;
  readonly ownerEmail: string | null;
  readonly active: boolean;
  /** Product id -> installed version. */
  readonly products: Readonly<Record<string, string>>;
  /** The hardware model identifier ("Mac14,10"), when the inventory reports one. */
  readonly model?: string | null;
}

/** One product ready to judge many hosts: its view, its policy and a verdict per version. */
export interface ProductEvaluation {
  readonly view: ProductView;
  readonly policy: Policy;
  /**
   * A hash of everything a verdict of this product reads (releases, tracks, staleness, policy):
   * when it is unchanged, every stored verdict of the product still holds.
   */
  readonly fingerprint: string;
  /** Lower-cased platforms the policy is scoped to (empty: all). */
  readonly platforms: ReadonlySet<string>;
  /** Lower-cased serials and emails the policy excludes. */
  readonly exclude: ReadonlySet<string>;
  /** Hardware models by product, for products whose targets depend on the model (Apple OS). */
  readonly models: ModelIndex;
  /**
   * Verdicts by installed version, model and platform tracks: hosts on one version share one
   * verdict and signature, unless their hardware sets them a different target (an ended Apple
   * OS major) or their platform has its own tracks (Chrome on Windows).
   */
  readonly memo: Map<string, SignedVerdict>;
  /** Host platform -> which platform's tracks it follows (tracksForPlatform's key). */
  readonly scopes: Map<string, string>;
}

export interface Evaluator {
  readonly products: ReadonlyMap<string, ProductEvaluation>;
}

/**
 * Prepare to evaluate hosts against the catalog as of `now` (which decides staleness only).
 * Everything per product is done once here, so judging a host is a scope check and a map
 * lookup per product it runs.
 */
export function createEvaluator(catalog: CatalogInput, policies: Policies, now: Date): Evaluator {
  const products = new Map<string, ProductEvaluation>();
  const supportedMajors = supportedMajorsOf(policies);
  for (const [id, full] of buildProductViews(catalog, now)) {
    const view = withSupportWindow(full, supportedMajors);
    const policy = resolvePolicy(policies.default, policies.products, id);
    const own = (catalog.models ?? []).filter((m) => m.product === id);
    products.set(id, {
      view,
      policy,
      // The window is already in the entries' supported flags; the models set hosts' targets.
      fingerprint: fingerprintOf(view, policy, own),
      models: indexModels(own),
      platforms: new Set(policy.platforms.map((p) => p.toLowerCase())),
      exclude: new Set(policy.exclude.map((x) => x.trim().toLowerCase())),
      memo: new Map(),
      scopes: new Map(),
    });
  }
  return { products };
}

/** The verdict for one host x product, or null when the product is not evaluated for the host. */
export function verdictFor(
  product: ProductEvaluation,
  host: EvaluationHost,
  installed: string,
): SignedVerdict | null {
  if (!host.active || !inScope(product, host)) return null;
  // Only a product that lists models reads the host's; others share one verdict per version.
  const { id } = product.view.product;
  const hardware = product.models.has(id) ? hardwareOf(product.models, id, host.model) : null;
  const scope = scopeOf(product, host.platform);
  let key = hardware ? `${installed}\u0000${hardware.model}` : installed;
  if (scope !== '') key += `\u0001${scope}`;
  let signed = product.memo.get(key);
  if (signed === undefined) {
    const verdict = judgeVersion(product.view, product.policy, installed, hardware, host.platform);
    signed = { verdict, sig: signatureOf(installed, verdict) };
    product.memo.set(key, signed);
  }
  return signed;
}

/** Which platform's tracks hosts on `platform` follow, worked out once per platform. */
function scopeOf(product: ProductEvaluation, platform: string): string {
  let scope = product.scopes.get(platform);
  if (scope === undefined) {
    const { view } = product;
    scope = tracksForPlatform(view.entries, platform, view.product).key;
    product.scopes.set(platform, scope);
  }
  return scope;
}

/** Serials and emails are matched without case: inventories disagree on both. */
function inScope(p: ProductEvaluation, host: EvaluationHost): boolean {
  if (p.platforms.size > 0 && !p.platforms.has(host.platform.toLowerCase())) return false;
  if (p.exclude.size === 0) return true;
  for (const id of [host.serial, host.ownerEmail]) {
    if (id && p.exclude.has(id.trim().toLowerCase())) return false;
  }
  return true;
}

function fingerprintOf(view: ProductView, policy: Policy, models: readonly AppleModel[]): string {
  const releases = view.releases
    .map((r) => [
      r.release.track,
      r.release.version,
      r.date,
      r.release.cves.join(','),
      r.release.exploitedCves.join(','),
    ])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  const entries = view.entries
    .map((e) => [e.track, e.trackName, e.supported, e.version, e.stale, e.staleReason])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  const input = JSON.stringify({
    product: [view.product.id, view.product.name, view.product.scheme],
    entries,
    releases,
    policy,
    models: models
      .map((m) => [m.model, m.marketingName, [...m.majors].sort((a, b) => a - b)])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  });
  return createHash('sha256').update(input).digest('hex').slice(0, 32);
}
