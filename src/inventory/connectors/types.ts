import type { HttpClient } from '../../platform/http-client/http-client.js';
import type { Logger } from '../../platform/log/logger.js';
import type { HostRecord, InventoryIssue } from '../model.js';

/** One page of hosts as a connector read it: the unit of progress and of failure. */
export interface InventoryPage {
  readonly hosts: readonly HostRecord[];
  readonly issues: readonly InventoryIssue[];
  /** Total hosts the source says it has, when it says (for a progress bar). */
  readonly total?: number;
}

export interface ConnectorContext {
  /** This connector's config section (`inventory.fleet`, ...), already validated by its schema. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly http: HttpClient;
  readonly log: Logger;
  readonly now: () => Date;
}

/**
 * A source of inventory. One folder per connector under inventory/connectors/, registered in
 * api.ts. `read` yields pages so a 100,000-host fleet never sits in memory at once. A failure
 * that stops the whole read (auth refused, the server down after retries) throws a PatchbayError;
 * a bad host becomes an InventoryIssue and the page goes on.
 */
export interface InventoryConnector {
  readonly id: string;
  read(ctx: ConnectorContext): AsyncIterable<InventoryPage>;
}
