/**
 * The one chart module's inputs. Every chart renders to SVG (the dashboard inlines it) and the
 * same SVG converts to PNG (Slack needs images). Pure: data in, markup out.
 */
export interface Series {
  readonly name: string;
  /** One value per category/x position, in order; null leaves a gap. */
  readonly values: readonly (number | null)[];
  /** CSS colour; the module picks from its palette when absent. */
  readonly color?: string;
}

export interface BarChartSpec {
  readonly title: string;
  /** Category labels along the x axis (versions, products, days). */
  readonly categories: readonly string[];
  /** Several series stack on each other (e.g. current/pending/overdue per product). */
  readonly series: readonly Series[];
  readonly stacked?: boolean;
  readonly horizontal?: boolean;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

export interface LineChartSpec {
  readonly title: string;
  /** X positions as labels (ISO days, versions). */
  readonly x: readonly string[];
  readonly series: readonly Series[];
  readonly yLabel?: string;
  /** Fixed y range, e.g. [0, 100] for percentages. */
  readonly yDomain?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}
