import type { Generated } from 'kysely';

/**
 * The osquery TLS API's tables (migrations 0003-osquery, 0011-osquery-enrollment). Times are
 * ISO 8601 UTC text, so text order is time order on SQLite and PostgreSQL alike.
 */
export interface OsqueryNodesTable {
  /** osqueryd's --host_identifier (a hardware UUID with `--host_identifier=uuid`). */
  host_identifier: string;
  /** sha256 (hex) of the node key handed out at enroll; the key itself is never stored. */
  node_key_hash: string;
  platform_type: string | null;
  /** The enroll request's host_details, as JSON: the fallback until the first results arrive. */
  host_details: string;
  enrolled_at: string;
  last_seen_at: string;
  /** Problems with the lines of the last result log, as a JSON array of LineIssue. */
  last_issues: string;
  /** When the node key was last used (config or log); null until its first use. */
  key_used_at: string | null;
  /** Enrollments refused because this node was live (enroll-policy.ts); the last one's time and client. */
  refused_enrolls: Generated<number>;
  last_refused_at: string | null;
  last_refused_from: string | null;
}

export interface OsqueryResultsTable {
  host_identifier: string;
  query_name: string;
  /** The query's latest rows, as a JSON array of objects. */
  rows_json: string;
  observed_at: string;
  counter: number;
  updated_at: string;
}

export interface OsqueryTables {
  osquery_nodes: OsqueryNodesTable;
  osquery_results: OsqueryResultsTable;
}
