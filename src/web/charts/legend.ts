/**
 * The legend: one swatch and name per series, laid out left to right under the title and
 * wrapped onto more rows when the names do not fit the width.
 */
import { escapeXml, px, truncateLabel } from './escape.js';
import { FONT_SIZE, textWidth } from './frame.js';
import { INK } from './palette.js';

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

/** Box swatches for bars, short strokes for lines: the legend looks like what it explains. */
export type SwatchShape = 'box' | 'line';

export interface Legend {
  readonly markup: string;
  /** Vertical space the legend takes, 0 when there is none. */
  readonly height: number;
}

const ROW_HEIGHT = 18;
const SWATCH = 10;
const MAX_LABEL_CHARS = 28;

/**
 * Lays out a legend at (x, y) within `maxWidth`. A single series needs no legend (the title
 * names it), so fewer than two items give an empty legend.
 */
export function renderLegend(
  items: readonly LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
  shape: SwatchShape,
): Legend {
  if (items.length < 2) return { markup: '', height: 0 };
  const parts: string[] = [];
  let cx = x;
  let row = 0;
  for (const item of items) {
    const label = truncateLabel(item.label, MAX_LABEL_CHARS);
    const itemWidth = SWATCH + 5 + textWidth(Array.from(label).length) + 14;
    if (cx > x && cx + itemWidth > x + maxWidth) {
      row += 1;
      cx = x;
    }
    const cy = y + row * ROW_HEIGHT;
    parts.push(swatch(shape, cx, cy, item.color));
    parts.push(
      `<text x="${px(cx + SWATCH + 5)}" y="${px(cy + SWATCH - 1)}" fill="${INK.text}"` +
        ` font-size="${FONT_SIZE}">${escapeXml(label)}</text>`,
    );
    cx += itemWidth;
  }
  return { markup: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * ROW_HEIGHT };
}

function swatch(shape: SwatchShape, x: number, y: number, color: string): string {
  switch (shape) {
    case 'box':
      return `<rect x="${px(x)}" y="${px(y)}" width="${SWATCH}" height="${SWATCH}" rx="2" fill="${color}"/>`;
    case 'line':
      return (
        `<line x1="${px(x)}" y1="${px(y + SWATCH / 2)}" x2="${px(x + SWATCH)}"` +
        ` y2="${px(y + SWATCH / 2)}" stroke="${color}" stroke-width="3" stroke-linecap="round"/>`
      );
  }
}
