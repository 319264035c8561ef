/**
 * Tables of the dashboard's local accounts and sessions. Every secret is stored hashed: passwords
 * with scrypt, session ids and the setup code with SHA-256 (they are long random values, so a
 * fast hash is enough and lets us look a session up by its hash).
 */
export interface WebAdminsTable {
  username: string;
  /** `scrypt$N$r$p$salt$hash`, see auth/password.ts. */
  password_hash: string;
  created_at: string;
}

export interface WebSessionsTable {
  /** SHA-256 (hex) of the random id in the cookie; the id itself is never stored. */
  id_hash: string;
  username: string;
  created_at: string;
  last_seen_at: string;
  /** Idle expiry: pushed forward on every request. */
  expires_at: string;
}

/** The one-time code `patchbay serve` logs while no admin exists. */
export interface WebSetupCodesTable {
  code_hash: string;
  created_at: string;
}

/** Login attempts per throttle key (see auth/throttle.ts), counted before the password is checked. */
export interface WebLoginAttemptsTable {
  /** `pair:<address>|<user>`, `address:<address>`, `user:<user>`, `device:<id>` or `setup:<address>`. */
  key: string;
  failures: number;
  locked_until: string | null;
  last_attempt_at: string;
}

/** Browsers an admin has signed in from; their attempts are throttled apart from strangers'. */
export interface WebKnownDevicesTable {
  /** SHA-256 (hex) of the random id in the device cookie. */
  id_hash: string;
  username: string;
  created_at: string;
  last_used_at: string;
}

export interface WebTables {
  web_admins: WebAdminsTable;
  web_sessions: WebSessionsTable;
  web_setup_codes: WebSetupCodesTable;
  web_login_attempts: WebLoginAttemptsTable;
  web_known_devices: WebKnownDevicesTable;
}
