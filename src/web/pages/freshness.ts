import { feedStaleness, type FeedHealth } from '../../catalog/staleness.js';
import { dateTime } from '../format.js';

/** An inventory source's last sync, as stored in inventory_sources. */
export interface SourceHealth {
  readonly source: string;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastError: string | null;
}

/** What the page shell's "Data as of" line is decided from. */
export interface FreshnessInput {
  readonly feeds: readonly FeedHealth[];
  /** Product names by feed: a stale feed's products are the ones shown as unknown. */
  readonly productsByFeed: ReadonlyMap<string, readonly string[]>;
  /**
   * The feeds `patchbay sync feeds` reads under this config (listed and enabled). A stored feed
   * not among them stays stale whatever is run: its warning names the setting instead.
   */
  readonly syncedFeeds: readonly string[];
  readonly sources: readonly SourceHealth[];
  /** The inventory sources the config turns on; their absence from `sources` = never synced. */
  readonly configuredSources: readonly string[];
  /** Inventory older than this is stale. */
  readonly inventoryStaleAfterMs: number;
}

/** One "last synced" time: absolute (ISO, and in words for a title) and relative. */
export interface AsOf {
  /** ISO 8601 UTC of the newest successful sync, or null when none ever succeeded. */
  readonly at: string | null;
  /** "25 min ago", "just now", "never". */
  readonly ago: string;
  /** "2026-09-18 14:00 UTC" (for the title), or "never synced". */
  readonly full: string;
}

/** A problem with the data's age and the command that fixes it. */
export interface FreshnessWarning {
  readonly text: string;
  /** null when no command fixes it (a setting does, and the text names it). */
  readonly command: string | null;
}

export interface Freshness {
  readonly feeds: AsOf;
  readonly inventory: AsOf;
  readonly warnings: readonly FreshnessWarning[];
}

/** Products named in a stale-feed warning before "and N more". */
const PRODUCTS_NAMED = 3;

/**
 * Decide what the shell says about the data's age. Feed staleness is the catalog's own rule
 * (feedStaleness): the same feeds the pages judge as unknown are the ones named here.
 */
export function decideFreshness(input: FreshnessInput, now: Date): Freshness {
  return {
    feeds: asOf(
      input.feeds.map((f) => f.lastSuccessAt),
      now,
    ),
    inventory: asOf(
      inventorySources(input).map((s) => s.lastSuccessAt),
      now,
    ),
    warnings: [...feedWarnings(input, now), ...inventoryWarnings(input, now)],
  };
}

function feedWarnings(input: FreshnessInput, now: Date): FreshnessWarning[] {
  if (input.feeds.every((f) => !f.lastSuccessAt && !f.lastError))
    return [
      { text: 'Feeds never synced: no product can be judged yet', command: 'patchbay sync feeds' },
    ];
  const synced = new Set(input.syncedFeeds);
  return input.feeds.flatMap((f): FreshnessWarning[] => {
    if (!feedStaleness(f, now).stale) return [];
    const products = named(input.productsByFeed.get(f.name) ?? []);
    const unknown = products ? ` (${products} shown as unknown)` : '';
    if (!synced.has(f.name))
      return [
        {
          text: `Feed ${f.name} is disabled or no longer listed under feeds in the config, so no sync reads it${unknown}`,
          command: null,
        },
      ];
    const state = f.lastError
      ? `failed its last sync (${brief(f.lastError)})${lastGood(f.lastSuccessAt, now)}`
      : f.lastSuccessAt
        ? `is ${age(now.getTime() - Date.parse(f.lastSuccessAt))} old, past its max age of ${age(f.maxAgeMs)}`
        : 'never synced';
    return [{ text: `Feed ${f.name} ${state}${unknown}`, command: 'patchbay sync feeds' }];
  });
}

/**
 * With no source configured `patchbay sync inventory` refuses to run, so no command is offered:
 * the setting is what fixes it.
 */
const NOT_CONFIGURED =
  'No inventory source is configured: set inventory.jamf.url, inventory.fleet.url, inventory.osquery.enrollSecret or inventory.files (docs/config.md)';

function inventoryWarnings(input: FreshnessInput, now: Date): FreshnessWarning[] {
  if (input.configuredSources.length === 0) {
    // Rows of an earlier config still date the computers shown; nothing will bring them in again.
    const earlier = input.sources.map((s) => s.source);
    const text =
      earlier.length > 0
        ? `${NOT_CONFIGURED}; the computers shown come from ${earlier.join(', ')} and are no longer synced`
        : NOT_CONFIGURED;
    return [{ text, command: null }];
  }
  const sources = inventorySources(input);
  const command = 'patchbay sync inventory';
  if (sources.every((s) => !s.lastSuccessAt && !s.lastError))
    return [{ text: 'Inventory never synced', command }];
  return sources.flatMap((s) => {
    const only = `${command} --source ${s.source}`;
    if (s.lastError)
      return [
        {
          text: `Inventory source ${s.source} failed its last sync (${brief(s.lastError)})${lastGood(s.lastSuccessAt, now)}`,
          command: only,
        },
      ];
    if (!s.lastSuccessAt)
      return [{ text: `Inventory source ${s.source} never synced`, command: only }];
    const ms = now.getTime() - Date.parse(s.lastSuccessAt);
    if (ms <= input.inventoryStaleAfterMs) return [];
    return [
      {
        text: `Inventory from ${s.source} is ${age(ms)} old, past ${age(input.inventoryStaleAfterMs)}`,
        command: only,
      },
    ];
  });
}

/**
 * The sources to date the inventory by: the configured ones (a configured source with no row
 * never synced). With none configured, whatever synced before, so data from an earlier config is
 * still dated.
 */
function inventorySources(input: FreshnessInput): SourceHealth[] {
  if (input.configuredSources.length === 0) return [...input.sources];
  const byName = new Map(input.sources.map((s) => [s.source, s]));
  return input.configuredSources.map(
    (source) =>
      byName.get(source) ?? { source, lastSuccessAt: null, lastAttemptAt: null, lastError: null },
  );
}

/** The newest successful sync among `times`: when that kind of data was last brought in. */
function asOf(times: readonly (string | null)[], now: Date): AsOf {
  const at = times.reduce<string | null>(
    (a, b) => (b !== null && (a === null || b > a) ? b : a),
    null,
  );
  if (at === null) return { at: null, ago: 'never', full: 'never synced' };
  const ms = now.getTime() - Date.parse(at);
  // A sync stamped a little ahead of this server's clock is as fresh as it gets.
  return { at, ago: ms < 60_000 ? 'just now' : `${age(ms)} ago`, full: dateTime(at) };
}

/** An age in the largest whole unit that fits: "25 min", "2 h", "31 d". */
export function age(ms: number): string {
  if (ms < 3_600_000) return `${Math.max(0, Math.floor(ms / 60_000))} min`;
  if (ms < 2 * 86_400_000) return `${Math.floor(ms / 3_600_000)} h`;
  return `${Math.floor(ms / 86_400_000)} d`;
}

function named(products: readonly string[]): string {
  if (products.length <= PRODUCTS_NAMED) return products.join(', ');
  return `${products.slice(0, PRODUCTS_NAMED).join(', ')} and ${products.length - PRODUCTS_NAMED} more`;
}

/** Error messages are for the log and the jobs page; the shell needs only their gist. */
const ERROR_CHARS = 160;

function brief(message: string): string {
  return message.length <= ERROR_CHARS ? message : `${message.slice(0, ERROR_CHARS - 1)}…`;
}

function lastGood(at: string | null, now: Date): string {
  return at ? `; last good sync ${age(now.getTime() - Date.parse(at))} ago` : '; never synced';
}
