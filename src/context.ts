import { CatalogStore } from './catalog/store.js';
import { refreshFindings, type RefreshOptions, type RefreshSummary } from './compliance/refresh.js';
import {
  actionableFindings,
  type ComplianceDeps,
  type FindingsView,
} from './compliance/service.js';
import { ReminderStore } from './reminders/store.js';
import { SingleFlight } from './platform/collections/single-flight.js';
import type { TtiStats } from './compliance/model.js';
import { InventoryStore } from './inventory/store.js';
import type { LoadedConfig } from './platform/config/config.js';
import { connectDatabase, type Db } from './platform/db/db.js';
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
  /**
   * Bring the stored findings up to date (incremental unless `full`). Calls that arrive while
   * one runs share it: a sync, a schedule and a command never evaluate the same change twice.
   */
  refreshFindings(opts?: RefreshOptions): Promise<RefreshSummary>;
  /** Time-to-install computations in flight: concurrent identical requests share one. */
  readonly ttiRuns: SingleFlight<TtiStats[]>;
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
  const db = await connectDatabase(config.database.url);
  if (opts.migrate !== false) await migrate(db);
  const http = new HttpClient({
    timeoutMs: config.http.timeout,
    userAgent: config.http.userAgent,
    retry: { retries: config.http.retries, baseDelayMs: 500, maxDelayMs: 60_000 },
    onRetry: (info) => log.warn(info, 'Retrying request'),
  });
  const catalog = new CatalogStore(db);
  const now = opts.now ?? (() => new Date());
  const refreshes = new SingleFlight<RefreshSummary>();
  return {
    loaded,
    log,
    db,
    http,
    catalog,
    inventory: new InventoryStore(db),
    now,
    ttiRuns: new SingleFlight<TtiStats[]>(),
    refreshFindings: (o = {}) =>
      refreshes.run(o.full ? 'full' : 'incremental', () =>
        refreshFindings({ db, catalog, policies: config.policies }, now(), o),
      ),
    close: () => db.close(),
  };
}

/** What the compliance service reads, from the context: the one place that assembles it. */
export function complianceDeps(ctx: AppContext): ComplianceDeps {
  return {
    db: ctx.db,
    catalog: ctx.catalog,
    policies: ctx.loaded.config.policies,
    ttiRuns: ctx.ttiRuns,
  };
}

/**
 * The findings a reminder cycle takes: refreshed first (shared with any refresh running), then
 * the actionable rows plus the hosts of open "I updated" claims.
 */
export function cycleFindings(ctx: AppContext): () => Promise<FindingsView> {
  return async () => {
    await ctx.refreshFindings();
    const claims = await new ReminderStore(ctx.db).openClaims();
    return actionableFindings(
      ctx,
      ctx.now(),
      claims.map((c) => c.host_id),
    );
  };
}
