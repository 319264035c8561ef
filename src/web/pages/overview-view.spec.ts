import { describe, expect, it } from 'vitest';
import type { ComputerCounts } from '../../compliance/host-status-query.js';
import type { OverviewData } from './overview-data.js';
import { overviewPage, unsupportedHint } from './overview-view.js';

function computers(unsupported: number, needNewHardware: number, unknown = 0): ComputerCounts {
  return {
    byWorst: { current: 5, pending: 1, overdue: 2, unsupported, unknown },
    needNewHardware,
    findings: 40,
  };
}

describe('unsupported computers on the overview', () => {
  it.each([
    [
      computers(3, 1, 2),
      '2 computers on a release no longer supported; 1 computer needs new hardware; 2 more computers unknown',
    ],
    [
      computers(2, 2),
      '0 computers on a release no longer supported; 2 computers need new hardware; 0 more computers unknown',
    ],
    [
      computers(1, 0, 1),
      '1 computer on a release no longer supported; 0 computers need new hardware; 1 more computer unknown',
    ],
  ])('words %j apart by what fixes them', (c, text) => {
    expect(unsupportedHint(c)).toContain(text);
  });

  it('shows the computers that need new hardware in the headline', () => {
    const data: OverviewData = {
      rows: [],
      totals: { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 },
      computers: computers(1204, 1203),
      compliance: 50,
      hosts: 1300,
      trend: { days: [], lines: [] },
      staleFeeds: [],
      people: [],
    };
    const body = overviewPage(data, { username: 'admin', csrf: 'x' }).toString();
    expect(body).toMatch(
      /<span class="label">Computers unsupported<\/span>\s*<span class="value">1,204<\/span/,
    );
    expect(body).toContain('1 computer on a release no longer supported; 1,203 computers need');
  });

  it('counts the people to follow up in computers', () => {
    const data: OverviewData = {
      rows: [],
      totals: { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 },
      computers: computers(0, 0),
      compliance: 50,
      hosts: 10,
      trend: { days: [], lines: [] },
      staleFeeds: [],
      people: [
        {
          email: 'ada@example.com',
          name: 'Ada',
          computers: 3,
          computersOverdue: 2,
          computersPending: 1,
          oldestMissed: '2026-08-01T00:00:00.000Z',
        },
      ],
    };
    const body = overviewPage(data, { username: 'admin', csrf: 'x' }).toString();
    expect(body).toMatch(
      /<th scope="col" class="num">Computers overdue<\/th>\s*<th scope="col" class="num">Computers pending<\/th>/,
    );
    expect(body).toMatch(/>Ada<\/a><\/td>\s*<td class="num">2<\/td>\s*<td class="num">1<\/td>/);
    expect(body).not.toContain('updates</th>');
  });
});
