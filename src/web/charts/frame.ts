/**
 * The parts every chart shares: size, the <svg> wrapper with its accessible name, the title,
 * and the empty state. Bar and line charts only draw inside the plot area they are given.
 */
import { escapeXml, px, truncateLabel } from './escape.js';
import { INK } from './palette.js';

export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
export const FONT_SIZE = 11;
export const TITLE_SIZE = 15;
export const PAD = 16;
/** Title baseline plus the gap below it: where legends and plots start. */
export const TITLE_BOTTOM = PAD + TITLE_SIZE + 10;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 360;

/**
 * Estimated width of a label. Without a DOM there is no text measurement; 0.62em per character
 * matches DejaVu Sans (the widest font we render with), so estimates err on the roomy side.
 */
export function textWidth(chars: number, fontSize: number = FONT_SIZE): number {
  return chars * fontSize * 0.62;
}

/** Width and height from a spec, defaulted and clamped so bad input still gives a sane chart. */
export function chartSize(spec: { readonly width?: number; readonly height?: number }): {
  width: number;
  height: number;
} {
  return {
    width: clampSize(spec.width, DEFAULT_WIDTH, 240, 4000),
    height: clampSize(spec.height, DEFAULT_HEIGHT, 160, 4000),
  };
}

function clampSize(value: number | undefined, fallback: number, lo: number, hi: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.round(Math.min(hi, Math.max(lo, value)));
}

/**
 * A stable id for this chart's internal references (title, desc, clip path). Derived from the
 * spec so output is deterministic, and distinct per chart so several inline SVGs on one page
 * do not steal each other's clip paths.
 */
export function chartId(spec: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(spec)) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `pb-chart-${hash.toString(36)}`;
}

export interface DocumentParts {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** A one-sentence summary for screen readers. */
  readonly description: string;
  readonly body: string;
}

/** Wraps chart markup in a standalone, accessible SVG document with a white background. */
export function svgDocument(parts: DocumentParts): string {
  const { id, width, height } = parts;
  // The visible title is cut to the width; the <title> element keeps it whole for screen readers.
  const visibleTitle = truncateLabel(
    parts.title,
    Math.floor((width - 2 * PAD) / textWidth(1, TITLE_SIZE)),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"`,
    ` viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc"`,
    ` font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT_SIZE}">`,
    `<title id="${id}-title">${escapeXml(parts.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(parts.description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="${INK.background}"/>`,
    `<text x="${PAD}" y="${PAD + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="bold"`,
    ` fill="${INK.text}">${escapeXml(visibleTitle)}</text>`,
    parts.body,
    '</svg>',
  ].join('');
}

/** The chart shown before there is anything to plot: the title and a calm "No data yet". */
export function emptyChart(id: string, title: string, width: number, height: number): string {
  const cx = width / 2;
  const cy = (TITLE_BOTTOM + height) / 2;
  const body = [
    `<line x1="${px(PAD)}" y1="${px(height - PAD)}" x2="${px(width - PAD)}"`,
    ` y2="${px(height - PAD)}" stroke="${INK.grid}"/>`,
    `<text x="${px(cx)}" y="${px(cy)}" text-anchor="middle" dominant-baseline="middle"`,
    ` font-size="14" fill="${INK.muted}">No data yet</text>`,
  ].join('');
  return svgDocument({ id, width, height, title, description: 'No data yet.', body });
}
