import { isPatchbayError, PatchbayError } from '../../../platform/errors/errors.js';
import type { ConnectorContext } from '../types.js';
import { SOURCE } from './issues.js';
import type { FleetSettings } from './schema.js';

/**
 * GET a Fleet API path with the API token and return the parsed JSON. A 401/403 becomes
 * E_FLEET_AUTH (the token is wrong, expired or lacks a role: retrying will not help); an answer
 * that is not JSON becomes E_INVENTORY_PARSE naming `what` (a page, a report). Retries of
 * 429/5xx happen inside the HttpClient.
 */
export async function fleetGet(
  ctx: ConnectorContext,
  settings: FleetSettings,
  path: string,
  what: string,
): Promise<unknown> {
  const url = new URL(path, withSlash(settings.url)).toString();
  let body: string;
  try {
    const res = await ctx.http.request({
      url,
      headers: { authorization: `Bearer ${settings.token}`, accept: 'application/json' },
    });
    body = res.body;
  } catch (err) {
    const status =
      isPatchbayError(err) && err.code === 'E_HTTP_STATUS' ? err.details['status'] : undefined;
    if (status === 401 || status === 403) {
      throw new PatchbayError(
        'E_FLEET_AUTH',
        `Fleet refused the API token (HTTP ${status}) reading ${what}; check inventory.fleet.token (an API-only user with at least the observer role)`,
        { source: SOURCE, status, what },
        { cause: err },
      );
    }
    throw err;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PatchbayError('E_INVENTORY_PARSE', `fleet: ${what} is not JSON`, {
      source: SOURCE,
      record: what,
    });
  }
}

// A base URL with a path (https://example.com/fleet) must keep it when the API path is joined.
function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * The list-hosts request for one page: ordered by id so pages do not shift while hosts enrol,
 * software inline without per-CVE details (we only need versions), device mapping inline, and
 * failing-policy counts skipped, which Fleet documents as the cheaper query.
 */
export function hostsPath(page: number, perPage: number): string {
  const q = new URLSearchParams({
    page: String(page),
    per_page: String(perPage),
    order_key: 'id',
    order_direction: 'asc',
    populate_software: 'without_vulnerability_details',
    device_mapping: 'true',
    disable_failing_policies: 'true',
  });
  return `api/v1/fleet/hosts?${q.toString()}`;
}

export function reportPath(queryId: number): string {
  return `api/v1/fleet/queries/${queryId}/report`;
}
