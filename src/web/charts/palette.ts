/**
 * Colours. Based on the Okabe–Ito palette (Okabe & Ito, "Color Universal Design"), chosen so the
 * colours stay distinguishable with the common forms of colour blindness; status colours keep
 * their everyday meaning (green good, amber waiting, red late) while differing in lightness too.
 */
import { safeColor } from './escape.js';
import type { Series } from './types.js';

/** The finding statuses a chart can show, each with its fixed colour. */
export type ChartStatus = 'current' | 'pending' | 'overdue' | 'unsupported' | 'unknown';

/** Status colours: every chart and page uses these, so "overdue" is the same red everywhere. */
export const STATUS_COLORS: Readonly<Record<ChartStatus, string>> = {
  current: '#009E73', // bluish green
  pending: '#E69F00', // amber
  overdue: '#D55E00', // vermillion: a red that protanopes still see as distinct from green
  unsupported: '#8F6BB5', // muted purple, darker than pending and lighter than overdue
  unknown: '#9A9A9A', // neutral grey
};

/** Colours for series that are not statuses, in the order series get them. */
export const SERIES_PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#6B6B6B', // grey (Okabe–Ito's black, softened)
];

/** Ink for text, axes and gridlines: quiet greys so the data carries the colour. */
export const INK = {
  text: '#333333',
  muted: '#6b6b6b',
  axis: '#8a8a8a',
  grid: '#e6e6e6',
  background: '#ffffff',
} as const;

function isStatus(name: string): name is ChartStatus {
  return Object.hasOwn(STATUS_COLORS, name);
}

/**
 * The colour of the `index`-th series: its own `color` when it is a plain CSS colour, the status
 * colour when it is named after a status ("Overdue" gets red), else the next palette colour.
 */
export function seriesColor(series: Series, index: number): string {
  const key = series.name.trim().toLowerCase();
  const fallback = isStatus(key)
    ? STATUS_COLORS[key]
    : (SERIES_PALETTE[index % SERIES_PALETTE.length] ?? '#0072B2');
  return safeColor(series.color, fallback);
}
