import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../platform/errors/errors.js';
import { resolveFonts, type FontEnv, type FontPlan } from './fonts.js';

const candidates = [
  { family: 'DejaVu Sans', regular: '/d/DejaVuSans.ttf', bold: '/d/DejaVuSans-Bold.ttf' },
  { family: 'Arial', regular: '/m/Arial.ttf' },
];

function env(files: string[], systemFonts = false): FontEnv {
  return {
    exists: (p) => files.includes(p),
    hasFontsIn: () => systemFonts,
    systemFontDirs: ['/usr/share/fonts'],
  };
}

describe('resolveFonts', () => {
  it.each<[string, string[] | undefined, FontEnv, boolean, FontPlan]>([
    [
      'explicit files',
      ['/x.ttf'],
      env(['/x.ttf']),
      true,
      { fontFiles: ['/x.ttf'], loadSystemFonts: false },
    ],
    [
      'first known font, with bold',
      undefined,
      env(['/d/DejaVuSans.ttf', '/d/DejaVuSans-Bold.ttf', '/m/Arial.ttf']),
      true,
      {
        fontFiles: ['/d/DejaVuSans.ttf', '/d/DejaVuSans-Bold.ttf'],
        loadSystemFonts: false,
        defaultFontFamily: 'DejaVu Sans',
      },
    ],
    [
      'a later known font',
      undefined,
      env(['/m/Arial.ttf']),
      true,
      { fontFiles: ['/m/Arial.ttf'], loadSystemFonts: false, defaultFontFamily: 'Arial' },
    ],
    [
      'system fonts as fallback',
      undefined,
      env([], true),
      true,
      { fontFiles: [], loadSystemFonts: true },
    ],
    [
      'no fonts, but no text either',
      undefined,
      env([]),
      false,
      { fontFiles: [], loadSystemFonts: true },
    ],
  ])('%s', (_name, explicit, fontEnv, needsText, expected) => {
    expect(resolveFonts(explicit, fontEnv, needsText, candidates)).toEqual(expected);
  });

  it.each<[string, string[] | undefined, FontEnv, RegExp]>([
    [
      'a missing explicit file',
      ['/gone.ttf'],
      env(['/d/DejaVuSans.ttf']),
      /not found: \/gone\.ttf/,
    ],
    ['no font anywhere', undefined, env([]), /fonts-dejavu-core/],
  ])('throws E_CHART_FONT for %s', (_name, explicit, fontEnv, message) => {
    let thrown: unknown;
    try {
      resolveFonts(explicit, fontEnv, true, candidates);
    } catch (err) {
      thrown = err;
    }
    expect(isPatchbayError(thrown) && thrown.code).toBe('E_CHART_FONT');
    expect((thrown as Error).message).toMatch(message);
  });
});
