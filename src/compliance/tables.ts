export interface ComplianceSnapshotsTable {
  day: string;
  product: string;
  status: string;
  hosts: number;
  taken_at: string;
}

/**
 * One stored finding per active host x watched product. `status` is `current`, `behind`,
 * `unsupported` or `unknown`: whether a host that is behind is pending or overdue is
 * `due_at` compared with now at read time, so time passing needs no rewrite.
 */
export interface FindingsTable {
  host_id: string;
  product_id: string;
  track: string | null;
  status: string;
  installed: string;
  required: string | null;
  required_released_at: string | null;
  due_at: string | null;
  /** Space-separated CVE ids, sorted. */
  exploited_cves: string;
  cve_count: number;
  /** Set for current, unsupported and unknown; a behind reason depends on now, built at read. */
  reason: string | null;
  /** A hash of everything above but the key: equal hashes, equal rows. */
  sig: string;
}

/** Each product's evaluation inputs, hashed: a change re-evaluates that product everywhere. */
export interface FindingProductsTable {
  product_id: string;
  fingerprint: string;
  evaluated_at: string;
}

/** Findings counted by product, track, status and deadline (see migration 0009). */
export interface FindingCountsTable {
  product_id: string;
  track: string | null;
  status: string;
  due_at: string | null;
  n: number;
}

/**
 * One row per host with stored findings, rebuilt from them by the refresh batch that wrote them
 * (see migration 0015): what the computers headline and the hosts table's sorts read.
 */
export interface HostStatusTable {
  host_id: string;
  findings: number;
  current: number;
  /** `unknown` rows and `behind` rows without a deadline. */
  unknown: number;
  unsupported: number;
  /** Unsupported rows with no version to reach (needsNewHardware). */
  hardware: number;
  /** Earliest and latest deadline among the host's `behind` rows; null when none has one. */
  behind_min_due: string | null;
  behind_max_due: string | null;
}

export interface ComplianceTables {
  host_status: HostStatusTable;
  finding_counts: FindingCountsTable;
  compliance_snapshots: ComplianceSnapshotsTable;
  findings: FindingsTable;
  finding_products: FindingProductsTable;
}
