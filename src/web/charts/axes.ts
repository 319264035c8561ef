/**
 * Axes: gridlines and tick labels along the value axis, and category labels along the other,
 * rotated or thinned out when they would collide and cut short when they are long.
 */
import { escapeXml, labelLength, px, truncateLabel } from './escape.js';
import { FONT_SIZE, textWidth } from './frame.js';
import { INK } from './palette.js';
import { formatTick, type NiceTicks } from './scale.js';

/** The rectangle data is drawn in. */
export interface Plot {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Which way values grow: up (column and line charts) or right (horizontal bars). */
export type ValueDirection = 'up' | 'right';

/** Widest tick label, for the margin beside a vertical value axis. */
export function tickLabelWidth(ticks: NiceTicks): number {
  return Math.max(...ticks.ticks.map((t) => textWidth(formatTick(t, ticks.step).length)));
}

/** Gridlines at every tick, labelled, with the zero line drawn darker as the baseline. */
export function valueAxis(
  ticks: NiceTicks,
  scale: (v: number) => number,
  plot: Plot,
  direction: ValueDirection,
): string {
  const out: string[] = [];
  for (const t of ticks.ticks) {
    const p = scale(t);
    const stroke = t === 0 ? INK.axis : INK.grid;
    const label = escapeXml(formatTick(t, ticks.step));
    if (direction === 'up') {
      out.push(
        `<line x1="${px(plot.left)}" y1="${px(p)}" x2="${px(plot.left + plot.width)}" y2="${px(p)}" stroke="${stroke}"/>`,
        `<text x="${px(plot.left - 6)}" y="${px(p)}" text-anchor="end" dominant-baseline="middle" fill="${INK.muted}">${label}</text>`,
      );
    } else {
      const bottom = plot.top + plot.height;
      out.push(
        `<line x1="${px(p)}" y1="${px(plot.top)}" x2="${px(p)}" y2="${px(bottom)}" stroke="${stroke}"/>`,
        `<text x="${px(p)}" y="${px(bottom + FONT_SIZE + 4)}" text-anchor="middle" fill="${INK.muted}">${label}</text>`,
      );
    }
  }
  return `<g class="value-axis">${out.join('')}</g>`;
}

/** The value axis's name, e.g. "hosts": vertical beside an upward axis, centred under a rightward one. */
export function valueAxisTitle(
  text: string,
  plot: Plot,
  direction: ValueDirection,
  x: number,
): string {
  const label = escapeXml(truncateLabel(text, 40));
  if (direction === 'right') {
    const y = plot.top + plot.height + FONT_SIZE * 2 + 10;
    return `<text x="${px(plot.left + plot.width / 2)}" y="${px(y)}" text-anchor="middle" fill="${INK.muted}">${label}</text>`;
  }
  const cy = plot.top + plot.height / 2;
  return `<text transform="translate(${px(x)} ${px(cy)}) rotate(-90)" text-anchor="middle" fill="${INK.muted}">${label}</text>`;
}

/** How category labels fit: straight or at 45 degrees, every n-th label, cut to maxChars. */
export interface LabelPlan {
  readonly rotate: boolean;
  readonly every: number;
  readonly maxChars: number;
  /** Space the labels need across the axis (below it, or left of it for horizontal bars). */
  readonly extent: number;
}

const MAX_STRAIGHT_CHARS = 24;
const MAX_ROTATED_CHARS = 16;

/** Plans labels under a horizontal axis where each category gets `slot` pixels. */
export function planBottomLabels(
  labels: readonly string[],
  slot: number,
  maxExtent: number = Number.POSITIVE_INFINITY,
): LabelPlan {
  const longest = Math.max(
    0,
    ...labels.map((l) => labelLength(truncateLabel(l, MAX_STRAIGHT_CHARS))),
  );
  if (textWidth(longest) <= slot - 4) {
    return { rotate: false, every: 1, maxChars: MAX_STRAIGHT_CHARS, extent: FONT_SIZE + 8 };
  }
  // 45-degree labels are stacked diagonally: neighbours need ~2 line heights of horizontal room.
  const every = Math.max(1, Math.ceil((FONT_SIZE * 2) / Math.max(slot, 1)));
  const fits = Math.floor((maxExtent - FONT_SIZE - 8) / (textWidth(1) * Math.SQRT1_2));
  const maxChars = Math.max(3, Math.min(longest, MAX_ROTATED_CHARS, fits));
  return {
    rotate: true,
    every,
    maxChars,
    extent: textWidth(maxChars) * Math.SQRT1_2 + FONT_SIZE + 8,
  };
}

/** Plans labels left of a vertical category axis (horizontal bars), `slot` pixels per row. */
export function planLeftLabels(
  labels: readonly string[],
  slot: number,
  maxExtent: number = Number.POSITIVE_INFINITY,
): LabelPlan {
  const fits = Math.max(3, Math.floor((maxExtent - 10) / textWidth(1)));
  const maxChars = Math.min(MAX_STRAIGHT_CHARS, fits);
  const longest = Math.max(0, ...labels.map((l) => labelLength(truncateLabel(l, maxChars))));
  const every = Math.max(1, Math.ceil((FONT_SIZE + 2) / Math.max(slot, 1)));
  return { rotate: false, every, maxChars, extent: textWidth(longest) + 10 };
}

/**
 * Category labels at the given centre positions (x for bottom labels, y for left labels).
 * A cut label keeps its full text in a <title>, which browsers show on hover.
 */
export function categoryLabels(
  labels: readonly string[],
  positions: readonly number[],
  plan: LabelPlan,
  plot: Plot,
  side: 'bottom' | 'left',
): string {
  const out: string[] = [];
  labels.forEach((raw, i) => {
    const pos = positions[i];
    if (pos === undefined || i % plan.every !== 0) return;
    const shown = truncateLabel(raw, plan.maxChars);
    const full = shown === raw ? '' : `<title>${escapeXml(raw)}</title>`;
    const text = `${escapeXml(shown)}${full}`;
    if (side === 'left') {
      out.push(
        `<text x="${px(plot.left - 8)}" y="${px(pos)}" text-anchor="end" dominant-baseline="middle" fill="${INK.text}">${text}</text>`,
      );
    } else if (plan.rotate) {
      const y = plot.top + plot.height + 8;
      out.push(
        `<text transform="translate(${px(pos)} ${px(y)}) rotate(-45)" text-anchor="end" dominant-baseline="hanging" fill="${INK.text}">${text}</text>`,
      );
    } else {
      const y = plot.top + plot.height + FONT_SIZE + 4;
      out.push(
        `<text x="${px(pos)}" y="${px(y)}" text-anchor="middle" fill="${INK.text}">${text}</text>`,
      );
    }
  });
  return `<g class="category-axis">${out.join('')}</g>`;
}
