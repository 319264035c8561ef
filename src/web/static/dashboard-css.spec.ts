import { describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../charts/index.js';
import { contrastRatio, MIN_TEXT_CONTRAST, parseColor } from './contrast.js';
import { BADGE_COLORS, DASHBOARD_CSS } from './dashboard-css.js';

/** A custom property's value as the stylesheet declares it in :root. */
function cssVar(name: string): string {
  const value = new RegExp(`--${name}:\\s*([^;]+);`).exec(DASHBOARD_CSS)?.[1];
  if (!value) throw new Error(`--${name} is not declared`);
  return value.trim();
}

describe('contrast ratio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#fff', '#fff', 1],
    ['rgb(119, 119, 119)', '#ffffff', 4.48],
    ['#0071e3', '#f5f5f7', 4.31],
  ])('%s on %s is %d:1', (a, b, want) => {
    expect(contrastRatio(a, b)).toBeCloseTo(want, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(want, 2);
  });

  it('refuses a colour it cannot read rather than guessing', () => {
    expect(() => parseColor('color(srgb 1 0 0)')).toThrow(/not a colour/);
  });
});

describe('dashboard stylesheet colours', () => {
  it.each(Object.entries(BADGE_COLORS))('the %s badge text is readable on its tint', (_, c) => {
    expect(contrastRatio(c.ink, c.tint)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('has a badge for every status a chart colours', () => {
    for (const status of Object.keys(STATUS_COLORS))
      expect(DASHBOARD_CSS).toContain(`.badge-${status} {`);
    for (const alias of ['ok', 'failed', 'running'])
      expect(DASHBOARD_CSS).toContain(`.badge-${alias} {`);
  });

  it.each(['ink', 'muted', 'accent', 'error'])(
    'text in --%s is readable on the page grey and on cards',
    (name) => {
      expect(contrastRatio(cssVar(name), cssVar('bg'))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(cssVar(name), cssVar('card'))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    },
  );

  it.each(['ink', 'accent'])(
    'text in --%s is readable in a warning (the stale-data box)',
    (name) => {
      expect(contrastRatio(cssVar(name), cssVar('warn-bg'))).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
    },
  );

  it('underlines links, so they are not told apart by colour alone', () => {
    expect(DASHBOARD_CSS).toMatch(/\na \{[^}]*text-decoration: underline/);
  });
});
