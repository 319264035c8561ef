/**
 * SVG to PNG, for places that cannot show SVG (Slack). The same markup the dashboard inlines is
 * rasterised by resvg, so the two never drift apart.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { resolveFonts, type FontEnv } from './fonts.js';

export interface SvgToPngOptions {
  /** Output width in pixels; the height follows the SVG's aspect ratio. Default: the SVG's own. */
  readonly width?: number;
  /** Font files to draw text with, instead of looking for DejaVu Sans and friends. */
  readonly fontFiles?: readonly string[];
}

const MAX_WIDTH = 8192;

/** Rasterises an SVG document to PNG bytes. Throws E_CHART_FONT when text cannot be drawn. */
export function svgToPng(svg: string, opts: SvgToPngOptions = {}): Buffer {
  const plan = resolveFonts(opts.fontFiles, nodeFontEnv(), /<text[\s>]/.test(svg));
  const width = opts.width;
  if (width !== undefined && !(Number.isFinite(width) && width >= 1 && width <= MAX_WIDTH))
    throw new RangeError(`svgToPng: width must be between 1 and ${MAX_WIDTH}, got ${width}`);
  const resvg = new Resvg(svg, {
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: Math.round(width) },
    font: {
      fontFiles: [...plan.fontFiles],
      loadSystemFonts: plan.loadSystemFonts,
      ...(plan.defaultFontFamily === undefined
        ? {}
        : { defaultFontFamily: plan.defaultFontFamily, sansSerifFamily: plan.defaultFontFamily }),
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/** The real file system, and the directories resvg's system font loading searches. */
function nodeFontEnv(): FontEnv {
  const home = homedir();
  return {
    exists: existsSync,
    hasFontsIn: (dir) => containsFont(dir, 3),
    systemFontDirs: [
      '/usr/share/fonts',
      '/usr/local/share/fonts',
      join(home, '.local/share/fonts'),
      join(home, '.fonts'),
      '/System/Library/Fonts',
      '/Library/Fonts',
      join(home, 'Library/Fonts'),
      join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
    ],
  };
}

function containsFont(dir: string, depth: number): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false; // missing or unreadable: no fonts from here
  }
  for (const e of entries) if (e.isFile() && /\.(ttf|otf|ttc)$/i.test(e.name)) return true;
  if (depth <= 0) return false;
  return entries.some((e) => e.isDirectory() && containsFont(join(dir, e.name), depth - 1));
}
