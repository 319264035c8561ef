import { describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../compliance/model.js';
import type { SnapshotRow } from '../../compliance/snapshots.js';
import {
  compliancePercent,
  emptyCounts,
  trackRows,
  trendFrom,
  type StatusCounts,
} from './summary.js';

function cell(
  key: string,
  track: string | null,
  counts: Partial<StatusCounts>,
): { key: string; track: string | null; counts: StatusCounts } {
  return { key, track, counts: { ...emptyCounts(), ...counts } };
}

describe('overview summaries', () => {
  it('labels counts by product and track, products by name, numbered tracks newest first', () => {
    const rows = trackRows(
      [
        cell('macos', '15', { overdue: 1, pending: 1 }),
        cell('chrome', null, { current: 1 }),
        cell('macos', '26', { current: 1 }),
        cell('zzz', null, { unknown: 1 }),
      ],
      new Map([
        ['macos', 'macOS'],
        ['chrome', 'Google Chrome'],
      ]),
    );
    expect(
      rows.map((r) => [r.label, r.counts.current, r.counts.pending, r.counts.overdue]),
    ).toEqual([
      ['Google Chrome', 1, 0, 0],
      ['macOS 26', 1, 0, 0],
      ['macOS 15', 0, 1, 1],
      ['zzz', 0, 0, 0],
    ]);
  });

  it.each<[string, Partial<Record<FindingStatus, number>>, number | null]>([
    ['nothing judged', { unknown: 3 }, null],
    ['all current', { current: 4, unknown: 9 }, 100],
    ['a third', { current: 1, pending: 1, overdue: 1 }, 33.3],
    ['unsupported counts against', { current: 1, unsupported: 1 }, 50],
  ])('compliance: %s', (_name, counts, expected) => {
    expect(compliancePercent({ ...emptyCounts(), ...counts })).toBe(expected);
  });

  it('builds one compliance line for all products and one per product, with gaps', () => {
    const rows: SnapshotRow[] = [
      { day: '2026-08-24', product: 'macos', status: 'current', hosts: 1 },
      { day: '2026-08-24', product: 'macos', status: 'overdue', hosts: 1 },
      { day: '2026-08-25', product: 'macos', status: 'current', hosts: 2 },
      { day: '2026-08-25', product: 'chrome', status: 'current', hosts: 1 },
      { day: '2026-08-25', product: 'chrome', status: 'pending', hosts: 1 },
    ];
    const trend = trendFrom(rows, new Map([['macos', 'macOS']]));
    expect(trend.days).toEqual(['2026-08-24', '2026-08-25']);
    expect(trend.lines).toEqual([
      { name: 'All products', values: [50, 75] },
      { name: 'chrome', values: [null, 50] },
      { name: 'macOS', values: [50, 100] },
    ]);
  });
});
