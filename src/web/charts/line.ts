/**
 * Line charts: one line per series over ordered x positions (days, versions). A null breaks
 * the line, so a missing day shows as a gap instead of a made-up slope.
 */
import { categoryLabels, valueAxis, valueAxisTitle } from './axes.js';
import { escapeXml, px } from './escape.js';
import { chartId, chartSize, emptyChart, PAD, svgDocument, TITLE_BOTTOM } from './frame.js';
import { columnLayout } from './layout.js';
import { renderLegend } from './legend.js';
import { linearScale, niceTicks, ticksWithin, type NiceTicks } from './scale.js';
import { allIntegers, formatValue, hasData, toPlotSeries, type PlotSeries } from './series-data.js';
import type { LineChartSpec } from './types.js';

/** Above this many points, markers would turn into a blur; only isolated points keep theirs. */
const MAX_MARKED_POINTS = 40;

/** Renders a line chart as a standalone SVG document (see types.ts for the spec). */
export function renderLineChart(spec: LineChartSpec): string {
  const id = chartId(spec);
  const { width, height } = chartSize(spec);
  const series = toPlotSeries(spec.series, spec.x.length);
  if (spec.x.length === 0 || !hasData(series)) return emptyChart(id, spec.title, width, height);

  const ticksFor = valueTicks(series, spec.yDomain);
  const items = series.map((s) => ({ label: s.name, color: s.color }));
  const legend = renderLegend(items, PAD, TITLE_BOTTOM, width - 2 * PAD, 'line');
  const top = TITLE_BOTTOM + legend.height + (legend.height > 0 ? 10 : 4);
  const yLabel = spec.yLabel?.trim() ?? '';
  const layout = columnLayout({
    width,
    height,
    top,
    categories: spec.x,
    hasAxisTitle: yLabel !== '',
    ticksFor,
  });
  const { plot, ticks, centres } = layout;
  const y = linearScale([ticks.min, ticks.max], [plot.top + plot.height, plot.top]);

  // Values outside a fixed yDomain are clipped at the plot edge rather than drawn over the axes.
  const clipId = `${id}-clip`;
  const clip =
    `<clipPath id="${clipId}"><rect x="${px(plot.left)}" y="${px(plot.top - 3)}"` +
    ` width="${px(plot.width)}" height="${px(plot.height + 6)}"/></clipPath>`;
  const lines = series.map((s, i) => seriesMarkup(s, i, spec.x, centres, y));

  const body = [
    legend.markup,
    `<defs>${clip}</defs>`,
    valueAxis(ticks, y, plot, 'up'),
    categoryLabels(spec.x, centres, layout.labels, plot, 'bottom'),
    `<g class="lines" clip-path="url(#${clipId})">${lines.join('')}</g>`,
    yLabel === '' ? '' : valueAxisTitle(yLabel, plot, 'up', layout.axisTitleX),
  ].join('');
  const description = `Line chart over ${spec.x.length} points with ${series.length} series: ${series.map((s) => s.name).join(', ')}.`;
  return svgDocument({ id, width, height, title: spec.title, description, body });
}

/**
 * The value axis: a valid fixed domain is used as given; otherwise the data's range, including
 * zero when all values are positive so a small change does not look like a collapse.
 */
function valueTicks(
  series: readonly PlotSeries[],
  domain: LineChartSpec['yDomain'],
): (maxTicks: number) => NiceTicks {
  const integer = allIntegers(series);
  if (
    domain !== undefined &&
    Number.isFinite(domain[0]) &&
    Number.isFinite(domain[1]) &&
    domain[0] < domain[1]
  )
    return (maxTicks) => ticksWithin(domain[0], domain[1], { maxTicks, integer });
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return (maxTicks) => niceTicks(lo >= 0 ? 0 : lo, hi, { maxTicks, integer });
}

/** Runs of consecutive non-null points, as [index, value] pairs. */
export function segmentsOf(values: readonly (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push([i, v]);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function seriesMarkup(
  s: PlotSeries,
  index: number,
  labels: readonly string[],
  xs: readonly number[],
  y: (v: number) => number,
): string {
  const runs = segmentsOf(s.values);
  const point = ([i, v]: [number, number]): string => `${px(xs[i] ?? 0)} ${px(y(v))}`;
  const d = runs
    .filter((run) => run.length > 1)
    .map((run) => `M${run.map(point).join('L')}`)
    .join('');
  const path =
    d === ''
      ? ''
      : `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`;
  const markAll = s.values.length <= MAX_MARKED_POINTS;
  const markers = runs
    .filter((run) => markAll || run.length === 1)
    .flat()
    .map(([i, v]) => {
      const tip = `${labels[i] ?? ''} · ${s.name}: ${formatValue(v)}`;
      return (
        `<circle cx="${px(xs[i] ?? 0)}" cy="${px(y(v))}" r="3" fill="${s.color}"` +
        ` data-series="${index}" data-index="${i}" data-value="${v}"><title>${escapeXml(tip)}</title></circle>`
      );
    });
  return `<g class="series">${path}${markers.join('')}</g>`;
}
