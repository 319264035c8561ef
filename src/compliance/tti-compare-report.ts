import type { TtiStats } from './model.js';
import type { ComplianceDeps } from './service.js';
import { compareTti, type GroupSamples, type TtiComparison } from './tti-compare.js';
import { loadOwnerEmails } from './tti-compare-owners.js';
import { readHostHistories } from './tti-history.js';
import { TtiTally, unsupportedTracksOf } from './tti-tally.js';

export interface ControlGroupReportOptions {
  /**
   * Whether an owner is in the reminders control group (reminders/control-group.ts, composed by
   * the caller: compliance knows nothing of reminders). Membership is taken at report time.
   */
  readonly isControl: (ownerEmail: string) => boolean;
  /** Rows per history read (tests use small pages to cross host boundaries). */
  readonly pageRows?: number;
}

/** Every release's figures, and the comparison of any of them on demand. */
export interface TtiWithGroups {
  readonly stats: readonly TtiStats[];
  /**
   * Reminded against control hosts for one of `stats` (the bootstrap is paid per call). Each
   * call yields to the event loop first, so comparing many releases never holds it for long.
   */
  readonly compare: (stats: TtiStats, random: () => number) => Promise<TtiComparison>;
}

/**
 * computeTtiReportUnshared's figures, with each host's group carried through the same single
 * pass over the history: a host whose owner is in the control group also feeds a control
 * tally, a host without an owner (nobody to remind) an ownerless one. Reminded hosts are the
 * rest, taken out of the whole-fleet samples per release when compared, so the fleet is walked
 * once plus its control and ownerless share, never three times.
 */
export async function computeTtiWithGroups(
  deps: ComplianceDeps,
  now: Date,
  products: readonly string[] | undefined,
  opts: ControlGroupReportOptions,
): Promise<TtiWithGroups> {
  const catalog = await deps.catalog.loadCatalogInput();
  const stats: TtiStats[] = [];
  const groupsOf = new Map<
    TtiStats,
    { all: GroupSamples; control: GroupSamples; none: GroupSamples }
  >();
  for (const product of catalog.products) {
    if (products?.length && !products.includes(product.id)) continue;
    const releases = catalog.releases.filter((r) => r.product === product.id);
    if (releases.length === 0) continue;
    const input = {
      releases,
      scheme: product.scheme,
      now,
      unsupportedTracks: unsupportedTracksOf(catalog, product.id),
    };
    const all = new TtiTally(input);
    if (all.size === 0) continue;
    const control = new TtiTally(input);
    const ownerless = new TtiTally(input);
    for await (const hosts of readHostHistories(deps.db, product.id, opts.pageRows)) {
      const owners = await loadOwnerEmails(
        deps.db,
        hosts.map((h) => h.hostId),
      );
      for (const host of hosts) {
        all.addHost(host.observations, host.leftAt, host.platform);
        const owner = owners.get(host.hostId);
        if (!owner) ownerless.addHost(host.observations, host.leftAt, host.platform);
        else if (opts.isControl(owner))
          control.addHost(host.observations, host.leftAt, host.platform);
      }
      await yieldToLoop();
    }
    for (let i = 0; i < all.size; i++) {
      const s = all.statsAt(i);
      stats.push(s);
      groupsOf.set(s, {
        all: all.samplesAt(i),
        control: control.samplesAt(i),
        none: ownerless.samplesAt(i),
      });
      await yieldToLoop();
    }
  }
  return {
    stats,
    compare: async (s, random) => {
      await yieldToLoop();
      const g = groupsOf.get(s);
      if (!g) throw new RangeError(`no samples for ${s.product} ${s.version}`);
      const reminded = {
        installedDays: without(g.all.installedDays, [
          g.control.installedDays,
          g.none.installedDays,
        ]),
        censoredDays: without(g.all.censoredDays, [g.control.censoredDays, g.none.censoredDays]),
      };
      return compareTti(reminded, g.control, { random });
    },
  };
}

/**
 * `all` less every value of `parts` (multisets; each part's values are among `all`'s, computed
 * the same way for the same hosts, so equal as floats). One merge over sorted copies.
 */
export function without(all: readonly number[], parts: readonly (readonly number[])[]): number[] {
  const drop = Float64Array.from(parts.flat()).sort();
  if (drop.length === 0) return [...all];
  const sorted = Float64Array.from(all).sort();
  const out: number[] = [];
  let j = 0;
  for (const v of sorted) {
    while (j < drop.length && (drop[j] as number) < v) j++;
    if (j < drop.length && drop[j] === v) j++;
    else out.push(v);
  }
  return out;
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
