import type { FindingStatus } from '../../compliance/model.js';
import type { SnapshotRow } from '../../compliance/snapshots.js';
import { STATUS_ORDER } from '../format.js';

export type StatusCounts = Record<FindingStatus, number>;

export function emptyCounts(): StatusCounts {
  return { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 };
}

/** Share of judged findings that are current (unknown is not judged), 0..100, or null. */
export function compliancePercent(c: StatusCounts): number | null {
  const judged = c.current + c.pending + c.overdue + c.unsupported;
  return judged === 0 ? null : Math.round((c.current / judged) * 1000) / 10;
}

/** One bar of the overview: a product's track. */
export interface TrackRow {
  readonly product: string;
  readonly productName: string;
  readonly label: string;
  readonly track: string | null;
  readonly counts: StatusCounts;
}

/**
 * Pure: counts per product and track as bars, labelled with product names, products in name
 * order, tracks newest first.
 */
export function trackRows(
  cells: readonly { key: string; track: string | null; counts: StatusCounts }[],
  names: ReadonlyMap<string, string>,
): TrackRow[] {
  return cells
    .map((c) => {
      const productName = names.get(c.key) ?? c.key;
      return {
        product: c.key,
        productName,
        label: c.track ? `${productName} ${c.track}` : productName,
        track: c.track,
        counts: c.counts,
      };
    })
    .sort(
      (a, b) =>
        a.productName.localeCompare(b.productName) ||
        a.product.localeCompare(b.product) ||
        // Numbered tracks newest first (macOS 26 before 15), others by name.
        (Number(b.track) || 0) - (Number(a.track) || 0) ||
        (a.track ?? '').localeCompare(b.track ?? ''),
    );
}

/** Pure: totals over all rows. */
export function totalCounts(rows: readonly { counts: StatusCounts }[]): StatusCounts {
  const out = emptyCounts();
  for (const r of rows) for (const s of STATUS_ORDER) out[s] += r.counts[s];
  return out;
}

export interface Trend {
  readonly days: readonly string[];
  /** "All products" first, then one line per product; values are compliance % per day. */
  readonly lines: readonly { name: string; values: readonly (number | null)[] }[];
}

/** Pure: the compliance trend from daily snapshots (product ids mapped to names). */
export function trendFrom(rows: readonly SnapshotRow[], names: ReadonlyMap<string, string>): Trend {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const products = [...new Set(rows.map((r) => r.product))].sort();
  const cell = new Map<string, StatusCounts>();
  const all = new Map<string, StatusCounts>();
  for (const r of rows) {
    const key = `${r.day}\u0000${r.product}`;
    const c = cell.get(key) ?? emptyCounts();
    c[r.status] += r.hosts;
    cell.set(key, c);
    const t = all.get(r.day) ?? emptyCounts();
    t[r.status] += r.hosts;
    all.set(r.day, t);
  }
  const line = (get: (day: string) => StatusCounts | undefined): (number | null)[] =>
    days.map((d) => {
      const c = get(d);
      return c ? compliancePercent(c) : null;
    });
  return {
    days,
    lines: [
      { name: 'All products', values: line((d) => all.get(d)) },
      ...products.map((p) => ({
        name: names.get(p) ?? p,
        values: line((d) => cell.get(`${d}\u0000${p}`)),
      })),
    ],
  };
}
