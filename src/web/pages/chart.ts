import { renderBarChart, renderLineChart, STATUS_COLORS } from '../charts/index.js';
import type { BarChartSpec, LineChartSpec, Series } from '../charts/types.js';
import { STATUS_ORDER } from '../format.js';
import { html, trusted, type Html } from '../html.js';
import type { StatusCounts } from './summary.js';

// The chart module escapes every label itself (charts/escape.ts), so its SVG is trusted here.

/** A bar chart inside a figure. */
export function barChart(spec: BarChartSpec): Html {
  return html`<figure class="chart" data-chart="bar">${trusted(renderBarChart(spec))}</figure>`;
}

/** A line chart inside a figure. */
export function lineChart(spec: LineChartSpec): Html {
  return html`<figure class="chart" data-chart="line">${trusted(renderLineChart(spec))}</figure>`;
}

/** One series per status (in the usual order and colours), one value per category. */
export function statusSeries(counts: readonly StatusCounts[]): Series[] {
  return STATUS_ORDER.map((s) => ({
    name: s[0]!.toUpperCase() + s.slice(1),
    values: counts.map((c) => c[s]),
    color: STATUS_COLORS[s],
  }));
}
