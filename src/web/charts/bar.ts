/**
 * Bar charts: columns (categories along the bottom) or horizontal bars (categories down the
 * left, better for long product names), single, grouped side by side, or stacked.
 */
import {
  categoryLabels,
  planLeftLabels,
  valueAxis,
  valueAxisTitle,
  type Plot,
  type ValueDirection,
} from './axes.js';
import { escapeXml, px } from './escape.js';
import {
  chartId,
  chartSize,
  emptyChart,
  FONT_SIZE,
  PAD,
  svgDocument,
  TITLE_BOTTOM,
  textWidth,
} from './frame.js';
import { columnLayout, maxTicksFor } from './layout.js';
import { renderLegend } from './legend.js';
import { formatTick, linearScale, niceTicks, type NiceTicks } from './scale.js';
import {
  allIntegers,
  barSegments,
  formatValue,
  hasData,
  segmentExtent,
  toPlotSeries,
  type PlotSeries,
  type Segment,
} from './series-data.js';
import type { BarChartSpec } from './types.js';

/** Renders a bar chart as a standalone SVG document (see types.ts for the spec). */
export function renderBarChart(spec: BarChartSpec): string {
  const id = chartId(spec);
  const { width, height } = chartSize(spec);
  const series = toPlotSeries(spec.series, spec.categories.length);
  if (spec.categories.length === 0 || !hasData(series))
    return emptyChart(id, spec.title, width, height);

  const stacked = spec.stacked === true && series.length > 1;
  const segments = barSegments(series, stacked);
  const [lo, hi] = segmentExtent(segments);
  const integer = allIntegers(series);
  const ticksFor = (maxTicks: number): NiceTicks => niceTicks(lo, hi, { maxTicks, integer });

  const items = series.map((s) => ({ label: s.name, color: s.color }));
  const legend = renderLegend(items, PAD, TITLE_BOTTOM, width - 2 * PAD, 'box');
  const top = TITLE_BOTTOM + legend.height + (legend.height > 0 ? 10 : 4);
  const yLabel = spec.yLabel?.trim() ?? '';

  const geometry =
    spec.horizontal === true
      ? horizontalGeometry(spec.categories, width, height, top, yLabel !== '', ticksFor)
      : verticalGeometry(spec.categories, width, height, top, yLabel !== '', ticksFor);
  const { plot, ticks, direction, centres, slot, axis } = geometry;
  const valueScale =
    direction === 'up'
      ? linearScale([ticks.min, ticks.max], [plot.top + plot.height, plot.top])
      : linearScale([ticks.min, ticks.max], [plot.left, plot.left + plot.width]);

  const groups = stacked ? 1 : series.length;
  const groupWidth = Math.min(slot * 0.72, stacked || groups === 1 ? 72 : 28 * groups);
  const bars = segments.map((seg) => {
    const centre = centres[seg.category] ?? 0;
    const offset = stacked ? 0 : seg.series * (groupWidth / groups);
    const start = centre - groupWidth / 2 + offset;
    return barRect(seg, series, spec.categories, valueScale, start, groupWidth / groups, direction);
  });

  const body = [
    legend.markup,
    valueAxis(ticks, valueScale, plot, direction),
    `<g class="bars">${bars.join('')}</g>`,
    axis,
    yLabel === '' ? '' : valueAxisTitle(yLabel, plot, direction, PAD + FONT_SIZE / 2 + 2),
  ].join('');
  const kind = `${spec.horizontal === true ? 'Horizontal bar' : 'Bar'} chart${stacked ? ' (stacked)' : ''}`;
  const description = `${kind} of ${spec.categories.length} categories and ${series.length} series: ${series.map((s) => s.name).join(', ')}.`;
  return svgDocument({ id, width, height, title: spec.title, description, body });
}

interface Geometry {
  readonly plot: Plot;
  readonly ticks: NiceTicks;
  readonly direction: ValueDirection;
  readonly centres: readonly number[];
  readonly slot: number;
  /** The category axis markup. */
  readonly axis: string;
}

function verticalGeometry(
  categories: readonly string[],
  width: number,
  height: number,
  top: number,
  hasAxisTitle: boolean,
  ticksFor: (maxTicks: number) => NiceTicks,
): Geometry {
  const layout = columnLayout({ width, height, top, categories, hasAxisTitle, ticksFor });
  const axis = categoryLabels(categories, layout.centres, layout.labels, layout.plot, 'bottom');
  return { ...layout, direction: 'up', axis };
}

function horizontalGeometry(
  categories: readonly string[],
  width: number,
  height: number,
  top: number,
  hasAxisTitle: boolean,
  ticksFor: (maxTicks: number) => NiceTicks,
): Geometry {
  const bottom = FONT_SIZE + 10 + (hasAxisTitle ? FONT_SIZE + 8 : 0) + PAD / 2;
  const plotHeight = Math.max(40, height - top - bottom);
  const slot = plotHeight / categories.length;
  // Long names take at most a third of the width; planLeftLabels cuts them to fit.
  const labels = planLeftLabels(categories, slot, width / 3);
  const left = PAD + labels.extent;
  const provisionalWidth = Math.max(40, width - left - PAD);
  const ticks = ticksFor(maxTicksFor(provisionalWidth, 70));
  // The last tick label is centred on the right edge: leave room for its right half.
  const lastLabel = formatTick(ticks.ticks[ticks.ticks.length - 1] ?? 0, ticks.step);
  const right = Math.max(PAD, textWidth(lastLabel.length) / 2 + 8);
  const plot = { left, top, width: Math.max(40, width - left - right), height: plotHeight };
  const centres = categories.map((_, i) => top + slot * (i + 0.5));
  const axis = categoryLabels(categories, centres, labels, plot, 'left');
  return { plot, ticks, direction: 'right', centres, slot, axis };
}

function barRect(
  seg: Segment,
  series: readonly PlotSeries[],
  categories: readonly string[],
  scale: (v: number) => number,
  start: number,
  thickness: number,
  direction: ValueDirection,
): string {
  const s = series[seg.series];
  if (s === undefined) return '';
  const a = scale(seg.from);
  const b = scale(seg.to);
  const gap = thickness > 6 ? 1 : 0; // a hairline between grouped bars keeps them apart
  const [x, y, w, h] =
    direction === 'up'
      ? [start + gap / 2, Math.min(a, b), thickness - gap, Math.abs(b - a)]
      : [Math.min(a, b), start + gap / 2, Math.abs(b - a), thickness - gap];
  const tip = `${categories[seg.category] ?? ''} · ${s.name}: ${formatValue(seg.value)}`;
  return (
    `<rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" fill="${s.color}"` +
    ` data-category="${seg.category}" data-series="${seg.series}" data-value="${seg.value}">` +
    `<title>${escapeXml(tip)}</title></rect>`
  );
}
