/**
 * Axis arithmetic: "nice" tick values (steps of 1, 2 or 5 times a power of ten) and the
 * linear mapping from values to pixels. Pure; the tables in scale.spec.ts pin the behaviour.
 */

/** A value axis: the extended domain and the tick values on it, in ascending order. */
export interface NiceTicks {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

export interface NiceTickOptions {
  /** At most this many ticks (including both ends); at least 2. Default 6. */
  readonly maxTicks?: number;
  /** Counts (hosts, findings) must not get 0.5 ticks: the step is then at least 1. */
  readonly integer?: boolean;
}

const MULTIPLIERS = [1, 2, 5] as const;

/**
 * Extends [lo, hi] to a round domain covered by at most `maxTicks` evenly spaced round ticks.
 * An empty range (lo === hi) is widened so a flat series still has an axis.
 */
export function niceTicks(lo: number, hi: number, options: NiceTickOptions = {}): NiceTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError('niceTicks: non-finite');
  const maxTicks = Math.max(2, Math.floor(options.maxTicks ?? 6));
  let min = Math.min(lo, hi);
  let max = Math.max(lo, hi);
  if (min === max) {
    // A flat line at 5 reads best on 0..5; at 0, on 0..1; at -3, on -3..0.
    if (min > 0) min = 0;
    else if (max < 0) max = 0;
    else max = 1;
  }
  const span = max - min;
  let exponent = Math.floor(Math.log10(span / (maxTicks - 1)));
  for (;;) {
    for (const m of MULTIPLIERS) {
      const step = m * 10 ** exponent;
      if (options.integer === true && step < 1) continue;
      const first = Math.floor(min / step + 1e-9);
      const last = Math.ceil(max / step - 1e-9);
      if (last - first + 1 <= maxTicks) return build(first, last, step, exponent);
    }
    exponent += 1;
  }
}

function build(first: number, last: number, step: number, exponent: number): NiceTicks {
  // Multiplying integers by the step and rounding to its decimals avoids 0.30000000000000004.
  const decimals = Math.max(0, -exponent);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(round(i * step, decimals));
  return { min: round(first * step, decimals), max: round(last * step, decimals), step, ticks };
}

function round(value: number, decimals: number): number {
  const r = Number(value.toFixed(decimals));
  return r === 0 ? 0 : r; // no "-0" labels
}

/** Ticks for a fixed domain (e.g. [0, 100] percent): round steps, never outside the domain. */
export function ticksWithin(lo: number, hi: number, options: NiceTickOptions = {}): NiceTicks {
  const nice = niceTicks(lo, hi, options);
  const ticks = nice.ticks.filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
  return { min: lo, max: hi, step: nice.step, ticks };
}

/** Maps a value in [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to r0. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** Formats a tick with exactly as many decimals as its step needs, with thousands separators. */
export function formatTick(value: number, step: number): string {
  const decimals = step > 0 ? Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}
