/** Operating systems a host can run, as inventory reports them. */
export type HostPlatform = 'macos' | 'windows' | 'linux' | 'chromeos' | 'ios' | 'unknown';

/**
 * How an installed app is identified on its platform, so the app map can turn it into a catalog
 * product: a macOS bundle id, a Windows program name, a Linux package name.
 */
export type AppKeyKind = 'bundle-id' | 'program' | 'package';

export interface InstalledApp {
  readonly kind: AppKeyKind;
  /** `com.google.Chrome`, `Google Chrome`, `google-chrome-stable`. */
  readonly key: string;
  /** Display name as the source gives it, for people. */
  readonly name: string | null;
  /** The version string exactly as the source reports it. */
  readonly version: string;
}

/** The person who uses a host, as one source knows them. */
export interface OwnerRecord {
  readonly email: string;
  readonly name: string | null;
}

/** One host as one connector reports it. Times are ISO 8601 UTC. */
export interface HostRecord {
  /** Connector id: `fleet`, `jamf`, `osquery`, `file`. */
  readonly source: string;
  /** The host's id inside that source (Fleet host id, Jamf computer id, osquery host identifier). */
  readonly sourceId: string;
  /** Hardware serial number: hosts from several sources merge on it. */
  readonly serial: string | null;
  /**
   * The hardware UUID (IOPlatformUUID on a Mac: Jamf's `udid`, Fleet's and osquery's `uuid`).
   * A serial a device reports about itself joins another source's host only when this matches
   * (see host-identity.ts). Absent or null when the source does not know it.
   */
  readonly hardwareUuid?: string | null;
  /**
   * The hardware model identifier (`Mac14,10`: Jamf's `hardware.modelIdentifier`, Fleet's
   * `hardware_model`): which OS majors the machine can run. Absent or null when unknown.
   */
  readonly model?: string | null;
  readonly name: string | null;
  readonly platform: HostPlatform;
  /** OS version without the name: `15.1.1`, `10.0.22631`, `24.04`. */
  readonly osVersion: string | null;
  readonly osBuild: string | null;
  readonly lastSeenAt: string | null;
  readonly owner: OwnerRecord | null;
  /**
   * Installed apps. `null` means this source does not report apps (a saved query with only OS
   * columns, say), which is different from `[]`, "reports apps and found none".
   */
  readonly apps: readonly InstalledApp[] | null;
}

/** A bad host record, reported and skipped; the other hosts still land. */
export interface InventoryIssue {
  readonly source: string;
  /** Which host: its source id, serial or name; or a page. */
  readonly record: string;
  readonly field: string;
  readonly message: string;
}
