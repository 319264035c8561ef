import type { StoredRelease } from '../catalog/catalog.js';
import type { VersionSchemeId } from '../catalog/versions/types.js';
import { groupBy } from '../platform/collections/group-by.js';
import type { TtiStats } from './model.js';
import { TtiTally } from './tti-tally.js';

/** One inventory observation: from `firstObservedAt` on, the host ran `version`. */
export interface TtiHistoryEntry {
  readonly hostId: string;
  readonly product: string;
  readonly version: string;
  readonly firstObservedAt: string;
}

export interface TtiInput {
  /** The releases of one product. */
  readonly releases: readonly StoredRelease[];
  readonly scheme: VersionSchemeId;
  readonly history: readonly TtiHistoryEntry[];
  /** When each host that left the fleet (went inactive) left; hosts not in it are still here. */
  readonly leftAt?: ReadonlyMap<string, string>;
  readonly now: Date;
}

/**
 * Time-to-install per release R, dated by its release date (else first seen):
 * - a host needed R when the version it ran at R's date (its last entry at or before it), or
 *   its first entry after that date (a host enrolled later), was in R's track and below R;
 * - it installed R at its first entry at or after R's date with a version >= R (a jump to a
 *   newer major counts), and took (install - release) / 1 day, fractional;
 * - a host that has not installed R is censored: at `now` while it is still in the fleet
 *   (waiting), or when it left (inactive); a host that left at or before R's date did not
 *   need R. The figures are Kaplan-Meier estimates over both (tti-stats.ts).
 * The track of a version is placed as compliance places hosts (trackForVersion). Releases
 * dated after `now` and observations after `now` are left out, so a past date gives the
 * figures as they were then. Entries of other products than the releases' are ignored.
 *
 * The history is taken whole here; tti-report.ts feeds the same tally host by host from pages.
 */
export function computeTti(input: TtiInput): TtiStats[] {
  const tally = new TtiTally(input);
  const product = input.releases[0]?.product;
  const ofProduct = input.history.filter((h) => h.product === product);
  for (const [hostId, observations] of groupBy(ofProduct, (h) => h.hostId)) {
    tally.addHost(observations, input.leftAt?.get(hostId));
  }
  return tally.stats();
}
