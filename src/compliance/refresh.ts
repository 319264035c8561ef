import { createEvaluator, verdictFor, type EvaluationHost, type Evaluator } from './evaluator.js';
import { toRow, type FindingRow } from './finding-rows.js';
import {
  FindingsStore,
  type FindingKey,
  type HostRevRow,
  type HostScope,
  type PairRow,
} from './findings-store.js';
import type { Kysely } from 'kysely';
import { adapterFor } from '../platform/db/adapter.js';
import { recount, uncounted } from './finding-counts.js';
import { fillHostStatus, needsFill } from './host-status-store.js';
import type { ComplianceDeps } from './service.js';

export interface RefreshOptions {
  /** Re-evaluate every host and product, not only what changed (`patchbay evaluate`). */
  readonly full?: boolean;
  /** Hosts per batch: each batch is a few queries and one transaction, then the loop yields. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RefreshSummary {
  readonly mode: 'full' | 'incremental';
  /** Products whose inputs (releases, staleness, policy) changed since their findings were stored. */
  readonly productsChanged: readonly string[];
  /** Hosts whose inventory changed since their findings were stored. */
  readonly hostsChanged: number;
  readonly hostsEvaluated: number;
  readonly written: number;
  readonly deleted: number;
}

// Small enough that no query of a batch holds the event loop for long (SQLite is synchronous).
const DEFAULT_BATCH = 250;
/** Rows written or removed by one refresh past which the planner's statistics are renewed. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Bring the stored findings up to date. Incremental by default: products whose fingerprint
 * changed are re-evaluated on every host, then hosts whose revision moved are re-evaluated for
 * every product; everything else is left alone. `full` re-evaluates everything and must give
 * the same rows (a test holds the two paths together). Work goes in batches of hosts with
 * bounded memory, and the event loop gets a turn between batches.
 */
export async function refreshFindings(
  deps: ComplianceDeps,
  now: Date,
  opts: RefreshOptions = {},
): Promise<RefreshSummary> {
  const store = new FindingsStore(deps.db);
  const batch = opts.batchSize ?? DEFAULT_BATCH;
  const evaluator = createEvaluator(await deps.catalog.loadCatalogInput(), deps.policies, now);
  const before = await store.fingerprints();
  const fingerprints = new Map([...evaluator.products].map(([id, p]) => [id, p.fingerprint]));
  const dropped = [...before.keys()].filter((id) => !fingerprints.has(id));
  const changed = [...fingerprints].filter(([id, fp]) => before.get(id) !== fp).map(([id]) => id);
  // A database that predates the host summaries: fill them before anything keeps them. Before
  // dropProducts too: it summarises the hosts it touches, and a summary for the last host with
  // findings is what needsFill reads as a finished fill.
  if (await needsFill(deps.db.kysely)) await fillHostStatus(deps.db.kysely);
  await store.dropProducts(dropped);

  const totals = { hostsEvaluated: 0, written: 0, deleted: 0, hostsChanged: 0 };
  const touched = new Set<string>();
  const run = async (mode: PassMode): Promise<void> => {
    const r = await pass(store, evaluator, mode, batch, opts.onProgress, touched);
    totals.hostsEvaluated += r.hosts;
    totals.written += r.written;
    totals.deleted += r.deleted;
    if (mode.kind === 'changed-hosts') totals.hostsChanged += r.hosts;
  };
  // Every product changed (the first run, a default policy edit): one pass over all of it.
  const full = opts.full === true || changed.length === fingerprints.size;
  if (full) {
    await run({ kind: 'all' });
  } else {
    if (changed.length > 0) await run({ kind: 'products', products: changed });
    await run({ kind: 'changed-hosts' });
  }
  await store.saveFingerprints(fingerprints, now);
  // The counts the overview, snapshots and metrics read: only the products whose rows moved.
  await recount(deps.db, new Set([...touched, ...(await uncounted(deps.db))]));
  // A large rewrite leaves PostgreSQL planning from counts that no longer hold.
  if (totals.written + totals.deleted >= ANALYZE_AFTER_ROWS) {
    const adapter = adapterFor(deps.db.dialect);
    await adapter.analyze(deps.db.kysely as Kysely<unknown>, 'findings');
    await adapter.analyze(deps.db.kysely as Kysely<unknown>, 'host_status');
  }
  return { mode: full ? 'full' : 'incremental', productsChanged: changed, ...totals };
}

type PassMode =
  | { readonly kind: 'all' }
  | { readonly kind: 'products'; readonly products: readonly string[] }
  | { readonly kind: 'changed-hosts' };

async function pass(
  store: FindingsStore,
  evaluator: Evaluator,
  mode: PassMode,
  batch: number,
  onProgress: RefreshOptions['onProgress'],
  touched: Set<string>,
): Promise<{ hosts: number; written: number; deleted: number }> {
  const products = mode.kind === 'products' ? mode.products : null;
  const onlyChanged = mode.kind === 'changed-hosts';
  const total = onProgress ? await store.countHosts(onlyChanged) : 0;
  let after: string | null = null;
  const out = { hosts: 0, written: 0, deleted: 0 };
  for (;;) {
    const hosts = await store.hostBatch(after, batch, onlyChanged);
    const last = hosts[hosts.length - 1];
    if (!last) break;
    after = last.id;
    const scope: HostScope = onlyChanged
      ? { kind: 'ids', ids: hosts.map((h) => h.id) }
      : { kind: 'range', first: (hosts[0] as HostRevRow).id, last: last.id };
    const { pairs, orphans } = await store.pairs(scope, products);
    const { added, changed, gone } = diffBatch(evaluator, hosts, pairs);
    // Findings whose product the host no longer reports (inventory lost the row).
    gone.push(...orphans);
    for (const r of [...added, ...changed, ...gone]) touched.add(r.product_id);
    // SQLite runs each statement synchronously: give the event loop a turn between the reads
    // and the writes of a batch, so a request waits for one of them at most, never both.
    if (added.length + changed.length + gone.length > 0) await nextTurn();
    await store.write(added, changed, gone, products ? [] : hosts, scope);
    out.written += added.length + changed.length;
    out.deleted += gone.length;
    out.hosts += hosts.length;
    onProgress?.(out.hosts, total);
    if (hosts.length < batch) break;
    await nextTurn();
  }
  return out;
}

/**
 * Pure: what a batch must write. Each installed version is judged (one memo lookup), its row's
 * signature compared with the stored one: only new or different rows are written, and stored
 * rows that no verdict claims any more (inactive host, policy scope) are removed.
 */
export function diffBatch(
  evaluator: Evaluator,
  hosts: readonly HostRevRow[],
  pairs: readonly PairRow[],
): { added: FindingRow[]; changed: FindingRow[]; gone: FindingKey[] } {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const added: FindingRow[] = [];
  const changed: FindingRow[] = [];
  const gone: FindingKey[] = [];
  let hostId = '';
  let host: EvaluationHost | null = null;
  for (const p of pairs) {
    if (p.host_id !== hostId) {
      hostId = p.host_id;
      const h = byId.get(hostId);
      host = h
        ? {
            id: h.id,
            serial: h.serial,
            platform: h.platform,
            ownerEmail: h.owner_email,
            model: h.model,
            active: h.active === 1,
            products: {},
          }
        : null;
    }
    const product = evaluator.products.get(p.product_id);
    const signed = host && product ? verdictFor(product, host, p.version) : null;
    if (!signed) {
      if (p.sig !== null) gone.push({ host_id: p.host_id, product_id: p.product_id });
    } else if (p.sig === null) {
      added.push(toRow(p.host_id, p.product_id, p.version, signed));
    } else if (signed.sig !== p.sig) {
      changed.push(toRow(p.host_id, p.product_id, p.version, signed));
    }
  }
  return { added, changed, gone };
}

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
