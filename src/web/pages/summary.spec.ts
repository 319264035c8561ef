import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../../compliance/model.js';
import type { SnapshotRow } from '../../compliance/snapshots.js';
import { compliancePercent, countByTrack, emptyCounts, trendFrom, worstStatus } from './summary.js';

function finding(product: string, track: string | null, status: FindingStatus): Finding {
  const names: Record<string, string> = { macos: 'macOS', chrome: 'Google Chrome' };
  return {
    hostId: 'h',
    product,
    productName: names[product] ?? product,
    track,
    status,
    installed: '1',
    required: null,
    requiredReleasedAt: null,
    deadline: null,
    daysOverdue: 0,
    exploitedCves: [],
    cveCount: 0,
    reason: '',
  };
}

describe('overview summaries', () => {
  it('counts findings by product and track, numbered tracks newest first', () => {
    const rows = countByTrack([
      finding('macos', '15', 'overdue'),
      finding('chrome', null, 'current'),
      finding('macos', '26', 'current'),
      finding('macos', '15', 'pending'),
    ]);
    expect(
      rows.map((r) => [r.label, r.counts.current, r.counts.pending, r.counts.overdue]),
    ).toEqual([
      ['Google Chrome', 1, 0, 0],
      ['macOS 26', 1, 0, 0],
      ['macOS 15', 0, 1, 1],
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

  it.each<[FindingStatus[], FindingStatus | null]>([
    [[], null],
    [['current', 'unknown'], 'unknown'],
    [['pending', 'overdue', 'current'], 'overdue'],
    [['unsupported', 'pending'], 'pending'],
  ])('worst of %j is %s', (statuses, expected) => {
    expect(worstStatus(statuses.map((s) => finding('macos', null, s)))).toBe(expected);
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
