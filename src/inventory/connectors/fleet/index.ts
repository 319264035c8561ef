import { PatchbayError } from '../../../platform/errors/errors.js';
import type { HostPlatform, InventoryIssue } from '../../model.js';
import type { ConnectorContext, InventoryConnector, InventoryPage } from '../types.js';
import { fleetGet, hostsPath, reportPath } from './fleet-api.js';
import { SOURCE } from './issues.js';
import { mapHostsPage } from './map-host.js';
import { mapReportRows } from './report.js';
import {
  fleetSettingsSchema,
  hostsPageSchema,
  queryReportSchema,
  type FleetSettings,
} from './schema.js';

/** Validate `inventory.fleet`; a missing or bad key is E_CONFIG_INVALID naming it. */
export function parseFleetSettings(settings: Readonly<Record<string, unknown>>): FleetSettings {
  const parsed = fleetSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `inventory.fleet.${i.path.map(String).join('.')}: ${i.message}`,
  );
  const keys = parsed.error.issues.map((i) => `inventory.fleet.${i.path.map(String).join('.')}`);
  throw new PatchbayError('E_CONFIG_INVALID', `Invalid Fleet settings: ${problems.join('; ')}`, {
    keys,
  });
}

/**
 * Hosts from Fleet (fleetdm.com): `GET /api/v1/fleet/hosts` page by page with software and
 * device mapping inline (one request per page, never one per host), then, when
 * `inventory.fleet.queryId` is set, the saved query's report as extra pages of the same hosts.
 */
export class FleetConnector implements InventoryConnector {
  static readonly id = 'fleet';
  readonly id = FleetConnector.id;

  async *read(ctx: ConnectorContext): AsyncIterable<InventoryPage> {
    const settings = parseFleetSettings(ctx.settings);
    // The report does not say a host's platform; remember it from the list (a few bytes a host).
    const platforms = new Map<string, HostPlatform>();
    for (let page = 0; ; page++) {
      const what = `hosts page ${page}`;
      const body = await fleetGet(ctx, settings, hostsPath(page, settings.pageSize), what);
      const parsed = hostsPageSchema.safeParse(body);
      if (!parsed.success) throw pageError(what, parsed.error.issues[0]?.message);
      const { hosts, issues } = mapHostsPage(parsed.data.hosts, page);
      for (const h of hosts) platforms.set(h.sourceId, h.platform);
      ctx.log.debug(
        { source: SOURCE, page, hosts: hosts.length, issues: issues.length },
        'Fleet hosts page read',
      );
      yield { hosts, issues };
      // Fleet says nothing about totals: a short page is the last one.
      if (parsed.data.hosts.length < settings.pageSize) break;
    }
    if (settings.queryId !== null && settings.queryId !== undefined) {
      yield* this.readReport(ctx, settings, settings.queryId, platforms);
    }
  }

  private async *readReport(
    ctx: ConnectorContext,
    settings: FleetSettings,
    queryId: number,
    platforms: ReadonlyMap<string, HostPlatform>,
  ): AsyncIterable<InventoryPage> {
    const what = `query ${queryId} report`;
    const body = await fleetGet(ctx, settings, reportPath(queryId), what);
    const parsed = queryReportSchema.safeParse(body);
    if (!parsed.success) throw pageError(what, parsed.error.issues[0]?.message);
    const { hosts, issues } = mapReportRows(parsed.data.results ?? [], platforms);
    const extra: InventoryIssue[] = [];
    if (parsed.data.report_clipped) {
      // Fleet stops storing a report at its row cap (1,000 by default): hosts past it are missing.
      extra.push({
        source: SOURCE,
        record: what,
        field: 'report_clipped',
        message:
          'Fleet clipped this report at its row cap; some hosts have no report values (raise query_report_cap in Fleet)',
      });
      ctx.log.warn({ source: SOURCE, queryId }, 'Fleet query report is clipped');
    }
    const size = settings.pageSize;
    for (let start = 0; start === 0 || start < hosts.length; start += size) {
      yield {
        hosts: hosts.slice(start, start + size),
        issues: start === 0 ? [...issues, ...extra] : [],
      };
    }
  }
}

function pageError(what: string, detail: string | undefined): PatchbayError {
  return new PatchbayError(
    'E_INVENTORY_PARSE',
    `fleet: ${what} is not what Fleet's API documents (${detail ?? 'unexpected shape'})`,
    { source: SOURCE, record: what },
  );
}
