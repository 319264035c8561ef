import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBarChart, renderLineChart, svgToPng } from './index.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always comes first after the signature. */
function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const bar = renderBarChart({
  title: 'Compliance by product',
  categories: ['macOS', 'Chrome'],
  series: [
    { name: 'current', values: [10, 20] },
    { name: 'overdue', values: [3, 1] },
  ],
  stacked: true,
});
const line = renderLineChart({
  title: 'Trend',
  x: ['a', 'b', 'c'],
  series: [{ name: 's', values: [1, null, 3] }],
});

describe('svgToPng', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-charts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['bar at its own size', bar, undefined, { width: 640, height: 360 }],
    ['bar for Slack, double size', bar, 1280, { width: 1280, height: 720 }],
    ['line, smaller', line, 320, { width: 320, height: 180 }],
  ])('%s: a PNG of the requested width', (_name, svg, width, expected) => {
    const png = svgToPng(svg, width === undefined ? {} : { width });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(ihdr(png)).toEqual(expected);
  });

  it('draws text: the chart differs from the same chart with its text removed', () => {
    const withoutText = bar.replace(/<text[\s\S]*?<\/text>/g, '');
    expect(withoutText).not.toContain('<text');
    expect(svgToPng(bar).equals(svgToPng(withoutText))).toBe(false);
  });

  it('draws escaped text as text', () => {
    const hostile = renderBarChart({
      title: '<script>x</script>',
      categories: ['&'],
      series: [{ name: 'n', values: [1] }],
    });
    expect(ihdr(svgToPng(hostile)).width).toBe(640);
  });

  it('fails with E_CHART_FONT when a given font file is missing', () => {
    expect(() => svgToPng(bar, { fontFiles: [join(dir, 'missing.ttf')] })).toThrow(
      expect.objectContaining({ code: 'E_CHART_FONT' }),
    );
  });

  it.each([0, -5, Number.NaN, 100_000])('rejects width %s', (width) => {
    expect(() => svgToPng(bar, { width })).toThrow(RangeError);
  });
});
