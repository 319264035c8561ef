import type { Db } from '../../platform/db/db.js';
import { FileConnector } from './file/index.js';
import { FleetConnector } from './fleet/index.js';
import { JamfConnector } from './jamf/index.js';
import { OsqueryConnector } from './osquery/index.js';
import { OsqueryStore } from './osquery/osquery-store.js';
import type { InventoryConnector } from './types.js';

/** What connectors may need from the composition root. */
export interface ConnectorDeps {
  readonly db: Db;
}

/**
 * Every inventory connector, by id: one line per connector folder. Built per context rather than
 * once per module, because connectors hold state (Jamf's token) that must not leak between
 * contexts or tests.
 */
export function createInventoryConnectors(
  deps: ConnectorDeps,
): ReadonlyMap<string, InventoryConnector> {
  return new Map<string, InventoryConnector>([
    [FleetConnector.id, new FleetConnector()],
    [JamfConnector.id, new JamfConnector()],
    [OsqueryConnector.id, new OsqueryConnector(new OsqueryStore(deps.db))],
    [FileConnector.id, new FileConnector()],
  ]);
}
