import type { HostPlatform, OwnerRecord } from './model.js';
import { resolveOwner } from './owners.js';

/** One source's stored view of a host. */
export interface SourceView {
  readonly source: string;
  readonly serial: string | null;
  readonly name: string | null;
  readonly platform: HostPlatform;
  readonly osVersion: string | null;
  readonly osBuild: string | null;
  readonly lastSeenAt: string | null;
  readonly owner: OwnerRecord | null;
  /** The hardware model identifier, when this source reports one. */
  readonly model?: string | null;
}

export interface MergedHost {
  readonly serial: string | null;
  readonly name: string | null;
  readonly platform: HostPlatform;
  readonly osVersion: string | null;
  readonly osBuild: string | null;
  readonly lastSeenAt: string | null;
  readonly owner: OwnerRecord | null;
  readonly ownerSource: string | null;
  readonly model: string | null;
}

/**
 * A host's fields from all its sources: facts that change (OS, name) come from the source that
 * saw the host most recently; the owner comes by precedence; last seen is the latest of all.
 */
export function mergeHost(
  views: readonly SourceView[],
  ownerPrecedence: readonly string[],
): MergedHost {
  const byRecency = [...views].sort((a, b) =>
    (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''),
  );
  const pick = <K extends keyof SourceView>(key: K): SourceView[K] | null =>
    byRecency.find((v) => v[key] !== null && v[key] !== 'unknown')?.[key] ?? null;
  const owner = resolveOwner(views, ownerPrecedence);
  return {
    serial: pick('serial'),
    name: pick('name'),
    platform: pick('platform') ?? 'unknown',
    osVersion: pick('osVersion'),
    osBuild: pick('osBuild'),
    lastSeenAt: byRecency[0]?.lastSeenAt ?? null,
    owner: owner?.owner ?? null,
    ownerSource: owner?.source ?? null,
    // Like the OS: the most recent source that names a model (a logic board swap changes it).
    model: byRecency.find((v) => v.model)?.model ?? null,
  };
}
