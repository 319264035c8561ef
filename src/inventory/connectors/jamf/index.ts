import type { HttpClient } from '../../../platform/http-client/http-client.js';
import type { HostRecord } from '../../model.js';
import type { ConnectorContext, InventoryConnector, InventoryPage } from '../types.js';
import { requestToken } from './auth.js';
import { lookupSerial } from './classic.js';
import { jamfGet, type JamfSession } from './jamf-http.js';
import { parseInventoryPage } from './map-inventory.js';
import { orderedWindow } from './ordered-pages.js';
import { parseJamfSettings, type JamfSettings } from './settings.js';
import { TokenManager } from './token-manager.js';

/** The computers-inventory sections a HostRecord needs, and nothing heavier (no fonts, no EAs). */
export const INVENTORY_SECTIONS = [
  'GENERAL',
  'HARDWARE',
  'OPERATING_SYSTEM',
  'USER_AND_LOCATION',
  'APPLICATIONS',
] as const;

/** The query for one page; sorted by id so pages do not shift while computers are renamed. */
export function inventoryPath(page: number, pageSize: number): string {
  const q = new URLSearchParams();
  for (const s of INVENTORY_SECTIONS) q.append('section', s);
  q.set('page', String(page));
  q.set('page-size', String(pageSize));
  q.set('sort', 'id:asc');
  return `/api/v1/computers-inventory?${q.toString()}`;
}

/**
 * Jamf Pro inventory: every computer with its OS, apps (by bundle id) and assigned user, read
 * page by page from the Jamf Pro API with one bearer token for the whole sync. Settings:
 * `inventory.jamf` {url, clientId+clientSecret | username+password, pageSize, concurrency}.
 */
export class JamfConnector implements InventoryConnector {
  static readonly id = 'jamf';
  readonly id = JamfConnector.id;
  // Token managers outlive one read so a lookup after a sync reuses the sync's token; keyed by
  // the HTTP client (one per process in the app) and the credentials (config can be reloaded).
  private readonly tokenManagers = new WeakMap<HttpClient, Map<string, TokenManager>>();

  async *read(ctx: ConnectorContext): AsyncGenerator<InventoryPage> {
    const settings = parseJamfSettings(ctx.settings);
    const session = this.session(ctx, settings);
    const readPage = async (page: number): Promise<InventoryPage> => {
      const res = await jamfGet(session, inventoryPath(page, settings.pageSize));
      const { total, hosts, issues } = parseInventoryPage(res.body, page);
      return { hosts, issues, total };
    };
    // The first page says how many computers there are; only then can the rest go in parallel.
    const first = await readPage(0);
    yield first;
    const pages = Math.ceil((first.total ?? 0) / settings.pageSize);
    yield* orderedWindow(1, pages, settings.concurrency, readPage);
    ctx.log.info(
      {
        source: this.id,
        pages: Math.max(pages, 1),
        total: first.total,
        tokens: session.tokens.issued,
      },
      'Jamf inventory read',
    );
  }

  /** The Classic API fallback for one serial number, with the same token as the sync. */
  lookupBySerial(ctx: ConnectorContext, serial: string): Promise<HostRecord | null> {
    const settings = parseJamfSettings(ctx.settings);
    return lookupSerial(this.session(ctx, settings), serial);
  }

  private session(ctx: ConnectorContext, settings: JamfSettings): JamfSession {
    let byCreds = this.tokenManagers.get(ctx.http);
    if (!byCreds) {
      byCreds = new Map();
      this.tokenManagers.set(ctx.http, byCreds);
    }
    const c = settings.credentials;
    const key = [
      settings.url,
      c.kind,
      c.kind === 'client' ? c.clientId : c.username,
      c.kind === 'client' ? c.clientSecret : c.password,
    ].join('\n');
    let tokens = byCreds.get(key);
    if (!tokens) {
      tokens = new TokenManager(() => requestToken(ctx.http, settings, ctx.now), ctx.now);
      byCreds.set(key, tokens);
    }
    return { baseUrl: settings.url, http: ctx.http, tokens };
  }
}

/** Look one computer up by serial through the Classic API; pass the sync's connector to share its token. */
export function lookupBySerial(
  ctx: ConnectorContext,
  serial: string,
  connector: JamfConnector = new JamfConnector(),
): Promise<HostRecord | null> {
  return connector.lookupBySerial(ctx, serial);
}
