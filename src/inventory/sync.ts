import { fitHostColumns } from './column-fit.js';
import { describeError, isPatchbayError } from '../platform/errors/errors.js';
import type { HttpClient } from '../platform/http-client/http-client.js';
import type { Logger } from '../platform/log/logger.js';
import type { CompiledAppMap } from './app-map.js';
import type { InventoryConnector } from './connectors/types.js';
import type { InventoryIssue } from './model.js';
import type { InventoryStore } from './store.js';

/** One connector to run, with its config section. */
export interface ConfiguredConnector {
  readonly connector: InventoryConnector;
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface SourceSyncResult {
  readonly source: string;
  readonly outcome: 'ok' | 'failed';
  readonly hostsSeen: number;
  readonly hostsNew: number;
  readonly hostsChanged: number;
  readonly versionChanges: number;
  readonly appsRemoved: number;
  readonly issues: readonly InventoryIssue[];
  readonly error: { code: string; message: string } | null;
}

export interface InventorySyncDeps {
  readonly store: InventoryStore;
  readonly http: HttpClient;
  readonly log: Logger;
  readonly now: () => Date;
  readonly appMap: CompiledAppMap;
  readonly ownerPrecedence: readonly string[];
  readonly inactiveAfterMs: number;
  /** After each page: for a progress bar. */
  readonly onProgress?: (e: {
    source: string;
    hostsSoFar: number;
    total: number | undefined;
  }) => void;
}

export interface InventorySyncSummary {
  readonly sources: readonly SourceSyncResult[];
  readonly inactiveHosts: number;
}

/**
 * Run each connector in turn and merge its pages as they arrive. A connector that fails keeps
 * every page it delivered before failing (no data lost) and is reported; the others still run.
 */
export async function syncInventory(
  deps: InventorySyncDeps,
  connectors: readonly ConfiguredConnector[],
): Promise<InventorySyncSummary> {
  const sources: SourceSyncResult[] = [];
  for (const c of connectors) sources.push(await syncOne(deps, c));
  const inactiveHosts = await deps.store.markInactive(
    new Date(deps.now().getTime() - deps.inactiveAfterMs),
  );
  return { sources, inactiveHosts };
}

async function syncOne(
  deps: InventorySyncDeps,
  { connector, settings }: ConfiguredConnector,
): Promise<SourceSyncResult> {
  const source = connector.id;
  const totals = { hostsSeen: 0, hostsNew: 0, hostsChanged: 0, versionChanges: 0 };
  const issues: InventoryIssue[] = [];
  const reported = new Set<string>();
  const hostIds = new Set<string>();
  const opts = { appMap: deps.appMap, ownerPrecedence: deps.ownerPrecedence };
  try {
    for await (const page of connector.read({
      settings,
      http: deps.http,
      log: deps.log,
      now: deps.now,
    })) {
      const fitted = fitHostColumns(source, page.hosts);
      const skipped = [...page.issues, ...fitted.issues];
      issues.push(...skipped);
      for (const issue of skipped) deps.log.warn({ ...issue }, 'Inventory record skipped');
      const counts = await deps.store.applyPage(source, fitted.hosts, deps.now(), opts);
      totals.hostsSeen += counts.seen;
      totals.hostsNew += counts.created;
      totals.hostsChanged += counts.changed;
      totals.versionChanges += counts.versionChanges;
      issues.push(...counts.issues);
      for (const r of counts.reported) reported.add(r);
      for (const h of counts.hostIds) hostIds.add(h);
      deps.onProgress?.({ source, hostsSoFar: totals.hostsSeen, total: page.total });
    }
    // Only a complete read may conclude that an app is gone.
    const appsRemoved = await deps.store.removeUnreported(source, hostIds, reported);
    await deps.store.recordSourceResult(source, deps.now(), { ok: true, issues });
    return { source, outcome: 'ok', ...totals, appsRemoved, issues, error: null };
  } catch (err) {
    const code = isPatchbayError(err) ? err.code : 'E_INTERNAL';
    const message = describeError(err);
    deps.log.error({ source, code, err: message }, 'Inventory sync failed');
    await deps.store.recordSourceResult(source, deps.now(), { ok: false, code, message });
    return {
      source,
      outcome: 'failed',
      ...totals,
      appsRemoved: 0,
      issues,
      error: { code, message },
    };
  }
}
