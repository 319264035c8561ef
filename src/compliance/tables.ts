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

export interface ComplianceTables {
  finding_counts: FindingCountsTable;
  compliance_snapshots: ComplianceSnapshotsTable;
  findings: FindingsTable;
  finding_products: FindingProductsTable;
}
