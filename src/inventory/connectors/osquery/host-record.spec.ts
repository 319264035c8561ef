import { describe, expect, it } from 'vitest';
import { hostRecordOf, osVersionOf, platformOf } from './host-record.js';
import type { NodeWithResults } from './osquery-store.js';
import type { QueryState } from './result-log.js';

const state = (rows: Record<string, string>[]): QueryState => ({
  rows,
  observedAt: '2026-08-18T09:14:08.000Z',
  counter: 0,
});

function node(
  results: Record<string, QueryState>,
  over: Partial<NodeWithResults> = {},
): NodeWithResults {
  return {
    hostIdentifier: 'UUID-1',
    platformType: '16',
    hostDetails: {
      os_version: { version: '14.1.2', build: '23B92', platform: 'darwin' },
      system_info: {
        hardware_serial: ' C02XK1ZQJG5H ',
        uuid: ' 4AB2906D-5516-5794-AF54-86D1D7F533F3 ',
        computer_name: 'Enroll Name',
        hostname: 'h.local',
      },
    },
    enrolledAt: '2026-08-18T09:00:00.000Z',
    lastSeenAt: '2026-08-18T09:15:00.000Z',
    lastIssues: [],
    results: new Map(Object.entries(results)),
    ...over,
  };
}

describe('platformOf', () => {
  it.each([
    ['darwin', undefined, '16', 'macos'],
    ['windows', 'windows', '2', 'windows'],
    ['ubuntu', 'debian', '9', 'linux'],
    ['rhel', 'centos rhel fedora', '9', 'linux'],
    ['somedistro', 'debian', null, 'linux'],
    ['chrome', undefined, null, 'chromeos'],
    [undefined, undefined, '17', 'macos'],
    [undefined, undefined, '2', 'windows'],
    [undefined, undefined, '9', 'linux'],
    [undefined, undefined, null, 'unknown'],
  ])('%s (like %s, type %s) -> %s', (platform, like, type, expected) => {
    expect(platformOf(platform, like, type)).toBe(expected);
  });
});

describe('osVersionOf', () => {
  it.each([
    ['14.1.2', '14.1.2'],
    ['10.0.22000', '10.0.22000'],
    ['22.04.3 LTS (Jammy Jellyfish)', '22.04.3'],
    ['9.4 (Plow)', '9.4'],
    ['', null],
    ['rolling', 'rolling'],
  ])('%j -> %j', (input, expected) => {
    expect(osVersionOf(input)).toBe(expected);
  });
});

describe('hostRecordOf', () => {
  it('uses the enroll details until results arrive, and reports no apps yet', () => {
    const { host, issues } = hostRecordOf(node({}));
    expect(host).toEqual({
      source: 'osquery',
      sourceId: 'UUID-1',
      serial: 'C02XK1ZQJG5H',
      // Carried for the merge's identity check (host-identity.ts), trimmed like the serial.
      hardwareUuid: '4AB2906D-5516-5794-AF54-86D1D7F533F3',
      name: 'Enroll Name',
      platform: 'macos',
      osVersion: '14.1.2',
      osBuild: '23B92',
      lastSeenAt: '2026-08-18T09:15:00.000Z',
      owner: null,
      apps: null,
    });
    expect(issues).toEqual([]);
  });

  it('prefers the scheduled results, and falls back to bundle_version for the app version', () => {
    const { host } = hostRecordOf(
      node({
        patchbay_os_version: state([{ version: '15.6', build: '24G84', platform: 'darwin' }]),
        patchbay_system_info: state([{ hardware_serial: '', computer_name: 'Ada’s Mac' }]),
        patchbay_apps: state([
          {
            bundle_identifier: 'com.google.Chrome',
            bundle_short_version: '139.0.7258.128',
            name: 'Google Chrome.app',
          },
          { bundle_identifier: 'com.example.old', bundle_short_version: '', bundle_version: '2.1' },
          { bundle_identifier: 'com.example.none', bundle_short_version: '', bundle_version: '' },
        ]),
      }),
    );
    expect(host).toMatchObject({
      serial: null,
      name: 'Ada’s Mac',
      osVersion: '15.6',
      osBuild: '24G84',
    });
    expect(host.apps).toEqual([
      {
        kind: 'bundle-id',
        key: 'com.google.Chrome',
        name: 'Google Chrome.app',
        version: '139.0.7258.128',
      },
      { kind: 'bundle-id', key: 'com.example.old', name: null, version: '2.1' },
    ]);
  });

  it('maps Windows programs and Linux packages, and an empty app snapshot to []', () => {
    const win = hostRecordOf(
      node({ patchbay_programs: state([{ name: 'Google Chrome', version: '139.0.7258.128' }]) }),
    );
    expect(win.host.apps).toEqual([
      { kind: 'program', key: 'Google Chrome', name: 'Google Chrome', version: '139.0.7258.128' },
    ]);
    const lin = hostRecordOf(
      node({
        patchbay_deb_packages: state([{ name: 'firefox', version: '142.0+build1-0ubuntu1' }]),
        patchbay_rpm_packages: state([]),
      }),
    );
    expect(lin.host.apps).toEqual([
      { kind: 'package', key: 'firefox', name: 'firefox', version: '142.0+build1-0ubuntu1' },
    ]);
    expect(hostRecordOf(node({ patchbay_apps: state([]) })).host.apps).toEqual([]);
  });

  it.each([
    [
      'ada.lovelace@example.com',
      'Ada Lovelace',
      { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' },
    ],
    ['ada.lovelace@example.com', '', { email: 'ada.lovelace@example.com', name: null }],
    ['ada', 'Ada Lovelace', null],
  ])('console user %s (%s) -> owner %j', (username, fullName, owner) => {
    const { host } = hostRecordOf(
      node({ patchbay_primary_user: state([{ username, full_name: fullName }]) }),
    );
    expect(host.owner).toEqual(owner);
  });

  it('reports a bad row by query, index and column, and keeps the host and its other apps', () => {
    const { host, issues } = hostRecordOf(
      node(
        { patchbay_programs: state([{ name: 'Zoom' }, { name: 'Slack', version: '4.45.64' }]) },
        { lastIssues: [{ record: 'data[2]', field: 'action', message: 'neither' }] },
      ),
    );
    expect(host.apps).toEqual([
      { kind: 'program', key: 'Slack', name: 'Slack', version: '4.45.64' },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        source: 'osquery',
        record: 'UUID-1',
        field: 'patchbay_programs.0.version',
      }),
      { source: 'osquery', record: 'UUID-1 data[2]', field: 'action', message: 'neither' },
    ]);
  });
});
