/**
 * Series values made safe to plot, and the stacking arithmetic for bars. Pure.
 */
import { seriesColor } from './palette.js';
import type { Series } from './types.js';

/** A series ready to draw: a colour and exactly one finite number or null per position. */
export interface PlotSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

/**
 * Aligns every series to `count` positions: missing values and NaN/Infinity become gaps, so a
 * short or malformed series from a query never shifts the others or breaks the geometry.
 */
export function toPlotSeries(series: readonly Series[], count: number): PlotSeries[] {
  return series.map((s, i) => ({
    name: s.name,
    color: seriesColor(s, i),
    values: Array.from({ length: count }, (_, c) => {
      const v = s.values[c];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }),
  }));
}

/** True when there is at least one value to plot. */
export function hasData(series: readonly PlotSeries[]): boolean {
  return series.some((s) => s.values.some((v) => v !== null));
}

/** True when every value is a whole number, so the axis gets whole-number ticks. */
export function allIntegers(series: readonly PlotSeries[]): boolean {
  return series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
}

/** One bar (or one piece of a stacked bar), in value units. */
export interface Segment {
  readonly category: number;
  readonly series: number;
  readonly value: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The bars to draw. Stacked: each category's positive values pile up from zero and negative
 * ones pile down, in series order. Otherwise every bar starts at zero. Nulls draw nothing.
 */
export function barSegments(series: readonly PlotSeries[], stacked: boolean): Segment[] {
  const out: Segment[] = [];
  const count = series[0]?.values.length ?? 0;
  for (let c = 0; c < count; c++) {
    let up = 0;
    let down = 0;
    series.forEach((s, i) => {
      const value = s.values[c];
      if (value === null || value === undefined) return;
      if (!stacked) out.push({ category: c, series: i, value, from: 0, to: value });
      else if (value >= 0) out.push({ category: c, series: i, value, from: up, to: (up += value) });
      else out.push({ category: c, series: i, value, from: down, to: (down += value) });
    });
  }
  return out;
}

/** The value range bars need: always including zero, where bars start. */
export function segmentExtent(segments: readonly Segment[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const s of segments) {
    lo = Math.min(lo, s.from, s.to);
    hi = Math.max(hi, s.from, s.to);
  }
  return [lo, hi];
}

/** Numbers in tooltips and descriptions: grouped thousands, at most two decimals. */
export function formatValue(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
