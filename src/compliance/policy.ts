/**
 * Compliance policies from config: `policies.default` and per-product overrides in
 * `policies.products.<id>`. Objects are strict so a typo ("gracedays") is reported with its key
 * path instead of silently falling back to the default the admin meant to change.
 */
import { z } from 'zod';
import type { HostPlatform } from '../inventory/model.js';
import type { Policy, PolicyTarget } from './model.js';
import { DEFAULT_SUPPORTED_MAJORS } from '../catalog/support-window.js';

/** The policies block as loaded: a full default and partial per-product overrides. */
export interface Policies {
  readonly default: Policy;
  readonly products: Readonly<Record<string, Partial<Policy>>>;
  /** The Apple support window (absent: the default, newest 3 majors). */
  readonly apple?: AppleSupport;
}

/** `policies.apple`: how many of the newest macOS and iOS/iPadOS majors get security fixes. */
export interface AppleSupport {
  readonly supportedMajors: number;
}

/** The support window in force: config's, else Apple's practice of three majors. */
export function supportedMajorsOf(policies: Policies): number {
  return policies.apple?.supportedMajors ?? DEFAULT_SUPPORTED_MAJORS;
}

export const POLICY_TARGETS = [
  'latest-in-track',
  'latest',
  'minimum',
] as const satisfies readonly PolicyTarget[];

/** Platforms a policy can be scoped to: the inventory's, so "macOS" or "mac" is caught at load. */
export const POLICY_PLATFORMS = [
  'macos',
  'ios',
  'windows',
  'linux',
  'chromeos',
] as const satisfies readonly HostPlatform[];

/** What applies when config says nothing. */
export const DEFAULT_POLICY: Policy = {
  target: 'latest-in-track',
  minimum: null,
  graceDays: 14,
  exploitedGraceDays: 3,
  platforms: [],
  exclude: [],
};

const field = {
  target: z.enum(POLICY_TARGETS),
  minimum: z.string().trim().min(1, 'expected a version like "15.7.5"').nullable(),
  graceDays: z.number().int('expected whole days').nonnegative('expected days >= 0'),
  exploitedGraceDays: z.number().int('expected whole days').nonnegative('expected days >= 0'),
  platforms: z.array(z.enum(POLICY_PLATFORMS)),
  exclude: z.array(z.string().trim().min(1, 'expected a serial number or an email')),
};

const defaultPolicySchema = z.strictObject({
  target: field.target.default(DEFAULT_POLICY.target),
  minimum: field.minimum.default(null),
  graceDays: field.graceDays.default(DEFAULT_POLICY.graceDays),
  exploitedGraceDays: field.exploitedGraceDays.default(DEFAULT_POLICY.exploitedGraceDays),
  platforms: field.platforms.default([]),
  exclude: field.exclude.default([]),
});

const overrideSchema = z.strictObject({
  target: field.target.optional(),
  minimum: field.minimum.optional(),
  graceDays: field.graceDays.optional(),
  exploitedGraceDays: field.exploitedGraceDays.optional(),
  platforms: field.platforms.optional(),
  exclude: field.exclude.optional(),
});

/**
 * The `policies` config block. Rules are checked on each product's resolved policy (default plus
 * override), because `products.chrome.graceDays: 2` breaks the inherited exploitedGraceDays 3.
 */
export const policiesSchema = z
  .strictObject({
    // prefault, not default: zod 4 returns a default as-is, so the inner defaults would not apply.
    default: defaultPolicySchema.prefault({}),
    products: z.record(z.string().min(1), overrideSchema).default({}),
    apple: z
      .strictObject({
        supportedMajors: z
          .number()
          .int('expected a whole number of majors')
          .min(1, 'expected at least 1 supported major')
          .default(DEFAULT_SUPPORTED_MAJORS),
      })
      .prefault({}),
  })
  .prefault({})
  .superRefine((policies, ctx) => {
    checkPolicy(policies.default, policies.default, ['default'], ctx);
    for (const [id, own] of Object.entries(policies.products)) {
      checkPolicy(
        resolvePolicy(policies.default, policies.products, id),
        own,
        ['products', id],
        ctx,
      );
    }
  });

// Compile-time guard: what the schema yields is what evaluate() takes.
const parsedFits: Policies = {} as z.output<typeof policiesSchema>;
void parsedFits;

/** Report a broken rule at the key the admin wrote (or inherited), so the fix is obvious. */
function checkPolicy(
  policy: Policy,
  own: Partial<Policy>,
  path: readonly string[],
  ctx: z.RefinementCtx,
): void {
  if (policy.exploitedGraceDays > policy.graceDays) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, own.exploitedGraceDays === undefined ? 'graceDays' : 'exploitedGraceDays'],
      message: `exploitedGraceDays (${policy.exploitedGraceDays}) must not exceed graceDays (${policy.graceDays})`,
    });
  }
  if (policy.target === 'minimum' && policy.minimum === null) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'minimum'],
      message: 'target "minimum" needs a minimum version',
    });
  }
  // A minimum under another target does nothing; the admin almost surely forgot the target.
  if (own.minimum != null && policy.target !== 'minimum') {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'target'],
      message: `minimum is set but target is "${policy.target}": set target: minimum`,
    });
  }
}

/** A product's policy: its override's fields where set, the default's otherwise. */
export function resolvePolicy(
  defaults: Policy,
  overrides: Readonly<Record<string, Partial<Policy>>>,
  product: string,
): Policy {
  // Own keys only: a product id like "constructor" must not find Object.prototype's.
  const own = Object.hasOwn(overrides, product) ? overrides[product] : undefined;
  if (!own) return defaults;
  return {
    target: own.target ?? defaults.target,
    minimum: own.minimum === undefined ? defaults.minimum : own.minimum,
    graceDays: own.graceDays ?? defaults.graceDays,
    exploitedGraceDays: own.exploitedGraceDays ?? defaults.exploitedGraceDays,
    platforms: own.platforms ?? defaults.platforms,
    exclude: own.exclude ?? defaults.exclude,
  };
}
