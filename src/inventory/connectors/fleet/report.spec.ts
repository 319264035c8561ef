import { describe, expect, it } from 'vitest';
import type { HostPlatform } from '../../model.js';
import { mapReportRows } from './report.js';

const row = (hostId: number, columns: Record<string, string>) => ({
  host_id: hostId,
  host_name: `h${hostId}`,
  last_fetched: '2026-08-22T06:00:00Z',
  columns,
});

describe('mapReportRows', () => {
  it.each([
    ['macos', { kind: 'bundle-id', key: 'com.google.Chrome' }],
    ['unknown', { kind: 'bundle-id', key: 'com.google.Chrome' }],
    ['windows', { kind: 'program', key: 'Google Chrome' }],
    ['linux', { kind: 'package', key: 'google-chrome-stable' }],
  ] as const)('keys Chrome for a %s host the way the app map does', (platform, app) => {
    const platforms = new Map<string, HostPlatform>([['1', platform]]);
    const { hosts } = mapReportRows([row(1, { chrome_version: '140.0.7339.133' })], platforms);
    expect(hosts[0]?.apps).toEqual([{ ...app, name: 'Google Chrome', version: '140.0.7339.133' }]);
  });

  it('merges several rows of one host, a later non-empty column winning', () => {
    const { hosts } = mapReportRows(
      [
        row(3, { hardware_serial: 'C02AAA', os_version: '15.1', chrome_version: '' }),
        row(3, { hardware_serial: '', os_version: '15.1.1', chrome_version: '139.0.7258.155' }),
      ],
      new Map(),
    );
    expect(hosts).toEqual([
      {
        source: 'fleet',
        sourceId: '3',
        serial: 'C02AAA',
        name: 'h3',
        platform: 'unknown',
        osVersion: '15.1.1',
        osBuild: null,
        lastSeenAt: null,
        owner: null,
        apps: [
          {
            kind: 'bundle-id',
            key: 'com.google.Chrome',
            name: 'Google Chrome',
            version: '139.0.7258.155',
          },
        ],
      },
    ]);
  });

  it('leaves apps null without chrome_version and on ChromeOS', () => {
    const platforms = new Map<string, HostPlatform>([['2', 'chromeos']]);
    const { hosts } = mapReportRows(
      [row(1, { os_version: 'macOS 14.7.1' }), row(2, { chrome_version: '140.0.7339.133' })],
      platforms,
    );
    expect(hosts.map((h) => [h.osVersion, h.apps])).toEqual([
      ['14.7.1', null],
      [null, null],
    ]);
  });
});
