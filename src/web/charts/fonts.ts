/**
 * Which fonts resvg gets. resvg finds no fonts unless told, and a PNG without its labels is
 * worse than an error, so: explicit files must exist; otherwise a known sans-serif is loaded
 * by path (fast and the same on every run); otherwise the system's fonts; otherwise, if the
 * chart has text, a coded error that says what to install.
 */
import { PatchbayError } from '../../platform/errors/errors.js';

/** What resvg is told about fonts. */
export interface FontPlan {
  readonly fontFiles: readonly string[];
  readonly loadSystemFonts: boolean;
  /** The family generic names (sans-serif) resolve to; unset when the system decides. */
  readonly defaultFontFamily?: string;
}

/** The file system as font resolution sees it; tests pass a fake. */
export interface FontEnv {
  readonly exists: (path: string) => boolean;
  /** True when the directory (searched a few levels deep) holds any font file. */
  readonly hasFontsIn: (dir: string) => boolean;
  readonly systemFontDirs: readonly string[];
}

interface Candidate {
  readonly family: string;
  readonly regular: string;
  readonly bold?: string;
}

/**
 * Known fonts by path, most preferred first. DejaVu Sans is what `fonts-dejavu-core` installs
 * on Debian and Ubuntu (a fresh Debian image has no fonts at all); the other paths are the same
 * fonts on Fedora, Arch and Alpine, then Liberation Sans, then Arial on macOS and Windows.
 */
export const FONT_CANDIDATES: readonly Candidate[] = [
  dejavu('/usr/share/fonts/truetype/dejavu'),
  dejavu('/usr/share/fonts/dejavu-sans-fonts'),
  dejavu('/usr/share/fonts/TTF'),
  dejavu('/usr/share/fonts/dejavu'),
  {
    family: 'Liberation Sans',
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
  {
    family: 'Arial',
    regular: '/System/Library/Fonts/Supplemental/Arial.ttf',
    bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  },
  {
    family: 'Arial',
    regular: 'C:\\Windows\\Fonts\\arial.ttf',
    bold: 'C:\\Windows\\Fonts\\arialbd.ttf',
  },
];

function dejavu(dir: string): Candidate {
  return {
    family: 'DejaVu Sans',
    regular: `${dir}/DejaVuSans.ttf`,
    bold: `${dir}/DejaVuSans-Bold.ttf`,
  };
}

/**
 * Decides the fonts for one render. `explicit` files (from the caller) must all exist;
 * `needsText` is false for charts without any text, which render without fonts.
 */
export function resolveFonts(
  explicit: readonly string[] | undefined,
  env: FontEnv,
  needsText: boolean,
  candidates: readonly Candidate[] = FONT_CANDIDATES,
): FontPlan {
  if (explicit !== undefined && explicit.length > 0) {
    const missing = explicit.filter((f) => !env.exists(f));
    if (missing.length > 0)
      throw new PatchbayError('E_CHART_FONT', `Chart font file not found: ${missing.join(', ')}`, {
        missing,
      });
    return { fontFiles: [...explicit], loadSystemFonts: false };
  }
  const found = candidates.find((c) => env.exists(c.regular));
  if (found !== undefined) {
    const files = [
      found.regular,
      ...(found.bold !== undefined && env.exists(found.bold) ? [found.bold] : []),
    ];
    return { fontFiles: files, loadSystemFonts: false, defaultFontFamily: found.family };
  }
  if (!needsText || env.systemFontDirs.some((d) => env.hasFontsIn(d)))
    return { fontFiles: [], loadSystemFonts: true };
  throw new PatchbayError(
    'E_CHART_FONT',
    'No font found to draw chart text. Install one (Debian/Ubuntu: apt-get install -y fonts-dejavu-core) or pass fontFiles to svgToPng.',
    { searched: [...candidates.map((c) => c.regular), ...env.systemFontDirs] },
  );
}
