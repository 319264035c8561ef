/**
 * Margins and plot area for charts whose categories run along the bottom (columns and lines).
 * The steps depend on each other, so they run in a fixed order: ticks from a provisional plot
 * height, the left margin from the tick labels, the label plan from the category width, then
 * the final plot height from the label plan.
 */
import { planBottomLabels, tickLabelWidth, type LabelPlan, type Plot } from './axes.js';
import { FONT_SIZE, PAD } from './frame.js';
import type { NiceTicks } from './scale.js';

export interface ColumnLayout {
  readonly plot: Plot;
  readonly ticks: NiceTicks;
  readonly labels: LabelPlan;
  /** Centre of each category along x. */
  readonly centres: readonly number[];
  /** Pixels per category. */
  readonly slot: number;
  /** Where a value-axis title goes (x of its rotated baseline), when there is one. */
  readonly axisTitleX: number;
}

export interface ColumnLayoutInput {
  readonly width: number;
  readonly height: number;
  /** Where the plot may start: below the title and legend. */
  readonly top: number;
  readonly categories: readonly string[];
  readonly hasAxisTitle: boolean;
  /** Ticks for the value axis given how many fit; called once. */
  readonly ticksFor: (maxTicks: number) => NiceTicks;
}

/** Roughly one gridline per 45 pixels of height reads well without crowding. */
export function maxTicksFor(length: number, spacing: number): number {
  return Math.min(8, Math.max(2, Math.floor(length / spacing) + 1));
}

/** Lays out a chart with categories along the bottom and values going up. */
export function columnLayout(input: ColumnLayoutInput): ColumnLayout {
  const { width, height, top, categories } = input;
  const provisional = Math.max(40, height - top - PAD - 40);
  const ticks = input.ticksFor(maxTicksFor(provisional, 45));
  const titleRoom = input.hasAxisTitle ? FONT_SIZE + 8 : 0;
  const left = PAD + titleRoom + tickLabelWidth(ticks) + 8;
  const plotWidth = Math.max(40, width - left - PAD);
  const slot = plotWidth / Math.max(1, categories.length);
  // Rotated labels may take at most 35% of the height; they are cut shorter beyond that.
  const labels = planBottomLabels(categories, slot, height * 0.35);
  const plotHeight = Math.max(40, height - top - labels.extent - PAD / 2);
  const centres = categories.map((_, i) => left + slot * (i + 0.5));
  return {
    plot: { left, top, width: plotWidth, height: plotHeight },
    ticks,
    labels,
    centres,
    slot,
    axisTitleX: PAD + FONT_SIZE / 2 + 2,
  };
}
