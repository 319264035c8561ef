import type { Platform } from '../catalog/model.js';

/** What a host must run: the latest of its track, the latest overall, or at least a version. */
export type PolicyTarget = 'latest-in-track' | 'latest' | 'minimum';

/** One product's policy (or the default), from `policies.default` and `policies.products.<id>`. */
export interface Policy {
  readonly target: PolicyTarget;
  /** With target `minimum`: the lowest acceptable version. */
  readonly minimum: string | null;
  /** Days after a release before a host that lacks it is overdue. */
  readonly graceDays: number;
  /** Shorter grace when the release fixes an actively exploited CVE. */
  readonly exploitedGraceDays: number;
  /** Only hosts on these platforms are evaluated for the product (empty: all). */
  readonly platforms: readonly Platform[] | readonly string[];
  /** Host serials or owner emails never evaluated for this product. */
  readonly exclude: readonly string[];
}

export type FindingStatus = 'current' | 'pending' | 'overdue' | 'unsupported' | 'unknown';

/** One host x product verdict. Times are ISO 8601 UTC. */
export interface Finding {
  readonly hostId: string;
  readonly product: string;
  readonly productName: string;
  /** The host's track (e.g. macOS "15"); null when the product has one track. */
  readonly track: string | null;
  readonly status: FindingStatus;
  readonly installed: string;
  /** The version the host must reach; null for unknown. */
  readonly required: string | null;
  /** The release that made the host out of date: its date starts the grace period. */
  readonly requiredReleasedAt: string | null;
  /** When pending turns overdue; null for current/unknown/unsupported. */
  readonly deadline: string | null;
  /** Whole days past the deadline (0 unless overdue). */
  readonly daysOverdue: number;
  /** CVE ids fixed between the installed and required versions that are actively exploited. */
  readonly exploitedCves: readonly string[];
  readonly cveCount: number;
  /** Why, in words, for reports and the digest ("feed sofa-macos failed: ...", "macOS 13 is no longer supported"). */
  readonly reason: string;
}

/**
 * Time-to-install of one release across the hosts that needed it, as a Kaplan-Meier estimate:
 * hosts still waiting count as censored at `now`, hosts that left the fleet (inactive) as
 * censored when they left, so the figures are not those of the fast installers alone.
 */
export interface TtiStats {
  readonly product: string;
  readonly track: string;
  readonly version: string;
  readonly releasedAt: string;
  /** Days the release has been out at `now`: every waiting host has waited this long. */
  readonly ageDays: number;
  /** Hosts that needed the release (ran an older version of the track when it came out or later). */
  readonly hostsNeeding: number;
  readonly hostsInstalled: number;
  /** Hosts that still need it at `now` (censored at `now`). */
  readonly hostsWaiting: number;
  /** Hosts that left the fleet before installing it (censored when they left). */
  readonly hostsLeft: number;
  /** Days by which half / 90% of the hosts installed; null while not reached yet. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /**
   * Estimated share (0..1) installed within 7 / 14 / 30 days; null while the release is younger
   * than that many days, or nobody needed it.
   */
  readonly within7: number | null;
  readonly within14: number | null;
  readonly within30: number | null;
}
