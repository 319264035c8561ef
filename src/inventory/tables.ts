import type { Generated } from 'kysely';

/**
 * The inventory's tables. A host is one machine, merged across sources by serial number; each
 * source's view of it is kept apart in host_sources so precedence can be re-applied at any time.
 */
export interface HostsTable {
  id: string;
  serial: string | null;
  name: string | null;
  platform: string;
  os_version: string | null;
  os_build: string | null;
  last_seen_at: string | null;
  owner_email: string | null;
  owner_name: string | null;
  owner_source: string | null;
  /** 0 when no source has seen the host for `inventory.inactiveAfter`; never deleted. */
  active: number;
  created_at: string;
  updated_at: string;
  /** Bumped by every change evaluation reads (versions, owner, serial, platform, activity). */
  rev: number;
  /** The `rev` the host's stored findings were computed from; behind `rev` means re-evaluate. */
  eval_rev: number;
  /**
   * Set when the host was kept apart in an identity conflict: the serial it reports, which
   * another host holds (`conflict_with`). Null for a host whose identity nothing contradicts.
   */
  conflict_serial: string | null;
  conflict_with: string | null;
  /** The hardware model identifier ("Mac14,10"), from the source that saw the host last. */
  model: string | null;
}

export interface HostSourcesTable {
  source: string;
  source_id: string;
  host_id: string;
  serial: string | null;
  name: string | null;
  platform: string;
  os_version: string | null;
  os_build: string | null;
  last_seen_at: string | null;
  owner_email: string | null;
  owner_name: string | null;
  /** The hardware UUID this source reports: what binds a self-reported serial to a host. */
  hardware_uuid: string | null;
  /** The hardware model identifier this source reports. */
  model: string | null;
  synced_at: string;
}

/** The version of each watched product on each host now. */
export interface HostVersionsTable {
  host_id: string;
  product_id: string;
  version: string;
  source: string;
  /** When the source last saw the host with this data: a newer report from another source wins. */
  source_seen_at: string;
  first_observed_at: string;
}

/** Every version change, with when it was first observed: what time-to-install is computed from. */
export interface VersionHistoryTable {
  id: Generated<number>;
  host_id: string;
  product_id: string;
  version: string;
  previous_version: string | null;
  source: string;
  first_observed_at: string;
}

export interface InventorySourcesTable {
  source: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
  last_issues: string;
}

export interface InventoryTables {
  hosts: HostsTable;
  host_sources: HostSourcesTable;
  host_versions: HostVersionsTable;
  version_history: VersionHistoryTable;
  inventory_sources: InventorySourcesTable;
}
