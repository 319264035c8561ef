/**
 * The one chart module: specs in, standalone SVG out (the dashboard inlines it), and the same
 * SVG as PNG for Slack. Rendering is pure; only svgToPng touches the file system (fonts).
 */
export { renderBarChart } from './bar.js';
export { renderLineChart } from './line.js';
export { STATUS_COLORS, SERIES_PALETTE, type ChartStatus } from './palette.js';
export { svgToPng, type SvgToPngOptions } from './png.js';
export type { BarChartSpec, LineChartSpec, Series } from './types.js';
