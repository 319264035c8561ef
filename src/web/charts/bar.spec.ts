import { describe, expect, it } from 'vitest';
import {
  assertWellFormed,
  elements,
  num,
  parseSvg,
  texts,
  type Node,
} from './__fixtures__/inspect.js';
import { renderBarChart } from './bar.js';
import { STATUS_COLORS } from './palette.js';
import type { BarChartSpec } from './types.js';

const statuses: BarChartSpec = {
  title: 'Compliance by product',
  categories: ['macOS', 'Chrome', 'Office', 'Zoom'],
  series: [
    { name: 'current', values: [320, 280, 150, 400] },
    { name: 'pending', values: [80, null, 100, 20] },
    { name: 'overdue', values: [20, 40, 90, 5] },
  ],
  stacked: true,
  yLabel: 'hosts',
};

const bars = (svg: string): Node[] =>
  elements(parseSvg(svg), 'rect').filter((r) => 'data-series' in r);

describe('renderBarChart', () => {
  it.each<[string, BarChartSpec]>([
    ['stacked', statuses],
    ['grouped', { ...statuses, stacked: false }],
    ['horizontal', { ...statuses, horizontal: true }],
    ['horizontal stacked', { ...statuses, horizontal: true, stacked: true }],
    [
      'single series',
      { title: 't', categories: ['a', 'b'], series: [{ name: 'n', values: [1, 2] }] },
    ],
    [
      'negative values',
      { title: 't', categories: ['a', 'b'], series: [{ name: 'n', values: [-3, 2] }] },
    ],
    ['empty', { title: 't', categories: [], series: [] }],
    [
      'hostile text',
      {
        title: 'a\u0001b <x> & "y"',
        categories: ['\u0000<b>', "'"],
        series: [{ name: ']]>', values: [1, 2] }],
      },
    ],
  ])('%s is a standalone, well-formed, accessible SVG', (_name, spec) => {
    const svg = renderBarChart(spec);
    expect(() => assertWellFormed(svg)).not.toThrow();
    const root = elements(parseSvg(svg), 'svg')[0] ?? {};
    expect(root).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      width: '640',
      height: '360',
      viewBox: '0 0 640 360',
    });
    const title = elements(root, 'title')[0] ?? {};
    expect(String(root['aria-labelledby'])).toContain(String(title.id));
  });

  it('stacks each category: pieces touch, start on one baseline and add up to the total', () => {
    const rects = bars(renderBarChart(statuses));
    const pxPerHost = num(rects[0] ?? {}, 'height') / 320;
    const baselines = new Set<number>();
    statuses.categories.forEach((_, c) => {
      const pieces = rects
        .filter((r) => r['data-category'] === String(c))
        .sort((a, b) => num(b, 'y') - num(a, 'y'));
      const total = pieces.reduce((sum, r) => sum + num(r, 'data-value'), 0);
      const height = pieces.reduce((sum, r) => sum + num(r, 'height'), 0);
      expect(height).toBeCloseTo(total * pxPerHost, 1);
      for (let i = 1; i < pieces.length; i++)
        expect(num(pieces[i] ?? {}, 'y') + num(pieces[i] ?? {}, 'height')).toBeCloseTo(
          num(pieces[i - 1] ?? {}, 'y'),
          1,
        );
      const lowest = pieces[0] ?? {};
      baselines.add(Math.round(num(lowest, 'y') + num(lowest, 'height')));
    });
    expect(baselines.size).toBe(1);
  });

  it('leaves a gap for null: no bar for Chrome pending', () => {
    const rects = bars(renderBarChart(statuses));
    expect(rects).toHaveLength(11);
    expect(
      rects.find((r) => r['data-category'] === '1' && r['data-series'] === '1'),
    ).toBeUndefined();
  });

  it('groups bars side by side without overlap when not stacked', () => {
    const rects = bars(renderBarChart({ ...statuses, stacked: false })).filter(
      (r) => r['data-category'] === '0',
    );
    const spans = rects
      .map((r) => [num(r, 'x'), num(r, 'x') + num(r, 'width')] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? 0);
  });

  it('draws horizontal bars with lengths proportional to values from one left edge', () => {
    const rects = bars(
      renderBarChart({
        title: 't',
        horizontal: true,
        categories: ['a', 'b'],
        series: [{ name: 'n', values: [10, 40] }],
      }),
    );
    const [a, b] = rects;
    expect(num(a ?? {}, 'x')).toBe(num(b ?? {}, 'x'));
    expect(num(b ?? {}, 'width') / num(a ?? {}, 'width')).toBeCloseTo(4, 1);
    expect(num(b ?? {}, 'y')).toBeGreaterThan(num(a ?? {}, 'y'));
  });

  it('escapes a <script> label: it stays text, never an element', () => {
    const svg = renderBarChart({
      ...statuses,
      categories: ['<script>alert(1)</script>', 'b', 'c', 'd'],
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(elements(parseSvg(svg), 'script')).toHaveLength(0);
  });

  it('colours status series with STATUS_COLORS, honours safe colours and rejects unsafe ones', () => {
    const svg = renderBarChart({
      title: 't',
      categories: ['a'],
      series: [
        { name: 'Overdue', values: [1] },
        { name: 'mine', values: [1], color: '#123456' },
        { name: 'evil', values: [1], color: 'red" onmouseover="alert(1)' },
      ],
    });
    const fills = bars(svg).map((r) => r.fill);
    expect(fills.slice(0, 2)).toEqual([STATUS_COLORS.overdue, '#123456']);
    expect(svg).not.toContain('onmouseover');
  });

  it('shows a legend only for several series', () => {
    const one = texts(
      parseSvg(
        renderBarChart({ title: 'T', categories: ['a'], series: [{ name: 'solo', values: [1] }] }),
      ),
    );
    expect(one).not.toContain('solo');
    expect(texts(parseSvg(renderBarChart(statuses)))).toEqual(
      expect.arrayContaining(['current', 'pending', 'overdue']),
    );
  });

  it('cuts long labels with an ellipsis, keeps the full text in a title, thins crowded ones', () => {
    const long = 'Microsoft Office for Mac (Microsoft 365 subscription)';
    const many = Array.from({ length: 80 }, (_, i) => `2025-01-${i}`);
    const cut = texts(
      parseSvg(
        renderBarChart({
          title: 't',
          categories: [long, 'b'],
          series: [{ name: 'n', values: [1, 2] }],
        }),
      ),
    );
    expect(cut.some((t) => t.endsWith('…') && long.startsWith(t.slice(0, -1)))).toBe(true);
    const crowded = renderBarChart({
      title: 't',
      categories: many,
      series: [{ name: 'n', values: many.map(() => 1) }],
    });
    const shown = texts(parseSvg(crowded)).filter((t) => t.startsWith('2025-'));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(many.length);
    expect(crowded).toContain('rotate(-45)');
  });

  it.each<[string, BarChartSpec]>([
    ['no categories', { title: 'Fleet', categories: [], series: [{ name: 'n', values: [] }] }],
    ['no series', { title: 'Fleet', categories: ['a'], series: [] }],
    [
      'only nulls and NaN',
      {
        title: 'Fleet',
        categories: ['a', 'b'],
        series: [{ name: 'n', values: [null, Number.NaN] }],
      },
    ],
  ])('shows "No data yet" for %s', (_name, spec) => {
    const svg = renderBarChart(spec);
    expect(texts(parseSvg(svg))).toEqual(['Fleet', 'No data yet']);
    expect(bars(svg)).toHaveLength(0);
  });

  it('is deterministic and honours width and height', () => {
    expect(renderBarChart(statuses)).toBe(renderBarChart(statuses));
    const root =
      elements(parseSvg(renderBarChart({ ...statuses, width: 900, height: 300 })), 'svg')[0] ?? {};
    expect([root.width, root.height, root.viewBox]).toEqual(['900', '300', '0 0 900 300']);
  });
});
