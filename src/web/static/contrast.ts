/**
 * WCAG 2 contrast ratio, for the stylesheet's own test and the browser test's check of chart
 * text (SVG `fill`, which axe-core's colour-contrast rule misses: it reads CSS `color`).
 * Pure: colours in, ratio out.
 */

/** WCAG's floor for normal-size text (1.4.3, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/** `#rrggbb`, `#rgb` or `rgb(r, g, b)` / `rgba(r, g, b, a)` (alpha ignored) into 0-255 channels. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour this check reads: ${color}`);
}

function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** From 1 (same luminance) to 21 (black on white); the order of the two colours does not matter. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
