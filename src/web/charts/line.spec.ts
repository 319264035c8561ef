import { describe, expect, it } from 'vitest';
import { assertWellFormed, elements, parseSvg, texts } from './__fixtures__/inspect.js';
import { renderLineChart, segmentsOf } from './line.js';
import type { LineChartSpec } from './types.js';

const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'];
const trend: LineChartSpec = {
  title: 'Compliance trend',
  x: days,
  series: [
    { name: 'macOS', values: [60, 65, null, 72, 80, 85] },
    { name: 'Chrome', values: [90, null, 91, null, 93, 95] },
  ],
  yDomain: [0, 100],
  yLabel: '% current',
};

describe('segmentsOf', () => {
  it.each([
    [
      [1, 2, 3],
      [
        [
          [0, 1],
          [1, 2],
          [2, 3],
        ],
      ],
    ],
    [
      [1, null, 3],
      [[[0, 1]], [[2, 3]]],
    ],
    [[null, null], []],
    [
      [null, 4, 5, null],
      [
        [
          [1, 4],
          [2, 5],
        ],
      ],
    ],
  ])('%j -> %j', (values, expected) => {
    expect(segmentsOf(values)).toEqual(expected);
  });
});

describe('renderLineChart', () => {
  it.each<[string, LineChartSpec]>([
    ['trend', trend],
    ['no domain', { ...trend, yDomain: undefined }],
    ['one point', { title: 't', x: ['a'], series: [{ name: 's', values: [3] }] }],
    [
      'many points',
      {
        title: 't',
        x: Array.from({ length: 120 }, (_, i) => `d${i}`),
        series: [{ name: 's', values: Array.from({ length: 120 }, (_, i) => i) }],
      },
    ],
    ['empty', { title: 't', x: [], series: [] }],
    [
      'hostile',
      { title: '<svg onload=alert(1)>', x: ['&', '<'], series: [{ name: '"', values: [1, 2] }] },
    ],
  ])('%s is well-formed with role="img" and a title', (_name, spec) => {
    const svg = renderLineChart(spec);
    expect(() => assertWellFormed(svg)).not.toThrow();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
    expect(elements(parseSvg(svg), 'title')[0]?.['#text']).toBe(spec.title);
  });

  it('breaks the line at null instead of bridging it', () => {
    const paths = elements(parseSvg(renderLineChart(trend)), 'path').map((p) => String(p.d));
    // macOS: two runs (0-1, 3-5) -> two moves. Chrome: runs are 0, 2, 4-5 -> one path piece.
    expect(paths.map((d) => d.split('M').length - 1)).toEqual([2, 1]);
  });

  it('keeps isolated points visible as markers', () => {
    const circles = elements(parseSvg(renderLineChart(trend)), 'circle');
    const chrome = circles.filter((c) => c['data-series'] === '1').map((c) => c['data-index']);
    expect(chrome).toEqual(['0', '2', '4', '5']);
  });

  it('uses a fixed yDomain for the axis, and zero-based round ticks without one', () => {
    expect(texts(parseSvg(renderLineChart(trend)))).toEqual(expect.arrayContaining(['0', '100']));
    const small = { ...trend, yDomain: undefined, series: [{ name: 's', values: [2, 5, 9] }] };
    const auto = texts(parseSvg(renderLineChart(small)));
    expect(auto).toEqual(expect.arrayContaining(['0', '10']));
    expect(auto).not.toContain('100');
  });

  it('shows "No data yet" when every value is null', () => {
    const svg = renderLineChart({
      title: 'Trend',
      x: days,
      series: [{ name: 's', values: days.map(() => null) }],
    });
    expect(texts(parseSvg(svg))).toEqual(['Trend', 'No data yet']);
  });
});
