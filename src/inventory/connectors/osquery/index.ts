import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostRecord, InventoryIssue } from '../../model.js';
import type { ConnectorContext, InventoryConnector, InventoryPage } from '../types.js';
import { hostRecordOf } from './host-record.js';
import type { OsqueryStore } from './osquery-store.js';
import { osquerySettingsSchema, type OsquerySettings } from './schema.js';

export { buildOsqueryConfig, QUERY } from './config.js';
export { OsqueryStore, hashNodeKey } from './osquery-store.js';
export { OSQUERY_PATHS, osqueryRoutes, type OsqueryRouteDeps } from './routes.js';

/** Validate `inventory.osquery`; E_CONFIG_INVALID names the key when the secret is missing. */
export function parseOsquerySettings(settings: Readonly<Record<string, unknown>>): OsquerySettings {
  const res = osquerySettingsSchema.safeParse(settings);
  if (res.success) return res.data;
  const key = `inventory.osquery.${res.error.issues[0]?.path.join('.') ?? 'enrollSecret'}`;
  throw new PatchbayError('E_CONFIG_INVALID', `${key} is required to serve osquery's TLS API`, {
    key,
  });
}

export interface OsqueryConnectorOptions {
  /** Hosts per page (one SQL query for the nodes, one for their results). */
  readonly pageSize?: number;
}

/**
 * Hosts that report to Patchbay's own osquery TLS API (see routes.ts). Nothing is fetched: the
 * connector reads what osqueryd has sent, from the store, so it needs the store, not HTTP.
 */
export class OsqueryConnector implements InventoryConnector {
  static readonly id = 'osquery';
  readonly id = OsqueryConnector.id;
  private readonly pageSize: number;

  constructor(
    private readonly store: OsqueryStore,
    opts: OsqueryConnectorOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? 500;
  }

  async *read(_ctx: ConnectorContext): AsyncIterable<InventoryPage> {
    const store = this.store;
    const total = await store.countNodes();
    let after: string | null = null;
    for (;;) {
      const nodes = await store.pageOfNodes(after, this.pageSize);
      if (nodes.length === 0) return;
      const hosts: HostRecord[] = [];
      const issues: InventoryIssue[] = [];
      for (const node of nodes) {
        const r = hostRecordOf(node);
        hosts.push(r.host);
        issues.push(...r.issues);
      }
      yield { hosts, issues, total };
      after = nodes[nodes.length - 1]?.hostIdentifier ?? null;
      if (nodes.length < this.pageSize) return;
    }
  }
}
