import { CatalogStore } from './catalog/store.js';
import type { ComplianceDeps } from './compliance/service.js';
import { InventoryStore } from './inventory/store.js';
import type { LoadedConfig } from './platform/config/config.js';
import { openDatabase, type Db } from './platform/db/db.js';
import { migrate } from './platform/db/migrate.js';
import { HttpClient } from './platform/http-client/http-client.js';
import { createLogger, type Logger } from './platform/log/logger.js';

/** The composition root: everything a command or the server needs, built once and passed down. */
export interface AppContext {
  readonly loaded: LoadedConfig;
  readonly log: Logger;
  readonly db: Db;
  readonly http: HttpClient;
  readonly catalog: CatalogStore;
  readonly inventory: InventoryStore;
  readonly now: () => Date;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Tests pass their own logger (silent, or capturing lines). */
  readonly log?: Logger;
  readonly now?: () => Date;
  /** Apply pending migrations on open (the CLI does; `patchbay migrate` reports them itself). */
  readonly migrate?: boolean;
}

export async function createContext(
  loaded: LoadedConfig,
  opts: ContextOptions = {},
): Promise<AppContext> {
  const { config } = loaded;
  const log =
    opts.log ??
    createLogger({ level: config.log.level, format: config.log.format, secrets: loaded.secrets });
  const db = openDatabase(config.database.url);
  if (opts.migrate !== false) await migrate(db);
  const http = new HttpClient({
    timeoutMs: config.http.timeout,
    userAgent: config.http.userAgent,
    retry: { retries: config.http.retries, baseDelayMs: 500, maxDelayMs: 60_000 },
    onRetry: (info) => log.warn(info, 'Retrying request'),
  });
  return {
    loaded,
    log,
    db,
    http,
    catalog: new CatalogStore(db),
    inventory: new InventoryStore(db),
    now: opts.now ?? (() => new Date()),
    close: () => db.close(),
  };
}

/** What the compliance service reads, from the context: the one place that assembles it. */
export function complianceDeps(ctx: AppContext): ComplianceDeps {
  return { db: ctx.db, catalog: ctx.catalog, policies: ctx.loaded.config.policies };
}
