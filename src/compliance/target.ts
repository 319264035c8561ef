import type { CatalogEntry } from '../catalog/catalog.js';
import type { ParsedVersion } from '../catalog/versions/types.js';
import type { Policy } from './model.js';
import type { ProductView } from './product-view.js';

/** What a policy asks of one host, or why that cannot be said. */
export type Target =
  | {
      readonly ok: true;
      readonly required: ParsedVersion;
      /** Tracks whose releases count as lacked; null: any track. */
      readonly tracks: ReadonlySet<string> | null;
      /**
       * `each`: every lacked release starts its own grace period (the host was told about each);
       * `first-satisfying`: one period from the first release that meets a minimum, because
       * older releases were never required by that policy.
       */
      readonly clock: 'each' | 'first-satisfying';
      /** For reasons: "the latest macOS Sequoia 15 release". */
      readonly label: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Resolve the policy's target for a host placed on `entry`. */
export function targetFor(view: ProductView, policy: Policy, entry: CatalogEntry): Target {
  const { product, scheme } = view;
  switch (policy.target) {
    case 'latest-in-track':
      return fromEntry(
        view,
        entry,
        new Set([entry.track]),
        `the latest ${entry.trackName} release`,
      );
    case 'latest': {
      const top = highest(view);
      if (!top) return { ok: false, reason: `no ${product.name} release can be read` };
      if (top.stale) return { ok: false, reason: top.staleReason ?? `${top.trackName} is stale` };
      // The required version lives in the target's track; the host's own track still counts.
      return fromEntry(view, top, new Set([entry.track, top.track]), 'the latest release');
    }
    case 'minimum': {
      if (policy.minimum === null) {
        return { ok: false, reason: `the ${product.name} policy has no minimum version` };
      }
      const parsed = scheme.parse(policy.minimum);
      if (!parsed.ok) {
        return {
          ok: false,
          reason: `the ${product.name} policy minimum "${policy.minimum}" cannot be read: ${parsed.error}`,
        };
      }
      return {
        ok: true,
        required: parsed.value,
        tracks: null,
        clock: 'first-satisfying',
        label: `the minimum ${policy.minimum}`,
      };
    }
  }
}

function fromEntry(
  view: ProductView,
  entry: CatalogEntry,
  tracks: ReadonlySet<string>,
  label: string,
): Target {
  const parsed = view.scheme.parse(entry.version);
  if (!parsed.ok) {
    return {
      ok: false,
      reason: `the latest ${entry.trackName} release cannot be read: ${parsed.error}`,
    };
  }
  return { ok: true, required: parsed.value, tracks, clock: 'each', label };
}

/** The supported track with the highest latest release. */
function highest(view: ProductView): CatalogEntry | null {
  let best: { entry: CatalogEntry; parsed: ParsedVersion } | null = null;
  for (const entry of view.entries) {
    const parsed = view.scheme.parse(entry.version);
    if (!entry.supported || !parsed.ok) continue;
    if (best === null || view.scheme.compare(parsed.value, best.parsed) > 0) {
      best = { entry, parsed: parsed.value };
    }
  }
  return best?.entry ?? null;
}
