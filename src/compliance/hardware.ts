import type { AppleModel } from '../catalog/model.js';
import type { Finding } from './model.js';

/**
 * What a host's hardware can run, from the feed's model list (SOFA `Models`) and the model
 * identifier the inventory reports ("Mac14,10"). An old Mac cannot install the newest macOS, so
 * telling it to is no help: its target is the newest major its model runs, or new hardware.
 */
export interface HostHardware {
  /** The model identifier as the inventory reports it, e.g. "Mac14,10". */
  readonly model: string;
  /** "MacBook Pro (16-inch, M2 Pro, 2023)", when the feed names it. */
  readonly marketingName: string | null;
  /** The newest OS major this model can run; null when the feed does not know the model. */
  readonly maxMajor: number | null;
}

/** Model identifier -> what it runs, per product: product -> model -> AppleModel. */
export type ModelIndex = ReadonlyMap<string, ReadonlyMap<string, AppleModel>>;

export function indexModels(models: readonly AppleModel[]): ModelIndex {
  const index = new Map<string, Map<string, AppleModel>>();
  for (const m of models) {
    const byModel = index.get(m.product) ?? new Map<string, AppleModel>();
    byModel.set(m.model.trim(), m);
    index.set(m.product, byModel);
  }
  return index;
}

/**
 * The hardware of a host for one product; null when the host reports no model. A model the feed
 * does not list is kept (with maxMajor null) so its verdict can still be told apart from none.
 */
export function hardwareOf(
  index: ModelIndex,
  product: string,
  model: string | null | undefined,
): HostHardware | null {
  const id = model?.trim();
  if (!id) return null;
  const known = index.get(product)?.get(id);
  if (!known) return { model: id, marketingName: null, maxMajor: null };
  const maxMajor = known.majors.length > 0 ? Math.max(...known.majors) : null;
  return { model: id, marketingName: known.marketingName, maxMajor };
}

/** "MacBook Pro (16-inch, M2 Pro, 2023) (Mac14,10)", or the identifier alone. */
export function hardwareLabel(hw: HostHardware): string {
  return hw.marketingName ? `${hw.marketingName} (${hw.model})` : hw.model;
}

/**
 * A host whose hardware runs no OS major that still gets security fixes: `unsupported` with no
 * version to reach, because no update will help. Every view that counts or words findings asks
 * this instead of reading the reason, so "replace hardware" is told apart the same way everywhere.
 */
export function needsNewHardware(f: Pick<Finding, 'status' | 'required'>): boolean {
  return f.status === 'unsupported' && f.required === null;
}
