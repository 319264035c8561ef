import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fleetOsVersion, fleetPlatform, fleetTime, mapHostsPage, toApp } from './map-host.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('fleetPlatform', () => {
  it.each([
    ['darwin', 'macos'],
    ['windows', 'windows'],
    ['ubuntu', 'linux'],
    ['rhel', 'linux'],
    ['centos', 'linux'],
    ['debian', 'linux'],
    ['arch', 'linux'],
    ['opensuse-leap', 'linux'],
    ['chrome', 'chromeos'],
    ['ios', 'ios'],
    ['ipados', 'ios'],
    ['android', 'unknown'],
    ['', 'unknown'],
  ])('%s -> %s', (platform, expected) => {
    expect(fleetPlatform(platform)).toBe(expected);
  });
});

describe('fleetOsVersion', () => {
  it.each([
    ['macOS 15.1.1', '15.1.1'],
    ['macOS 26.3', '26.3'],
    ['macOS 13.4.1 (a)', '13.4.1 (a)'],
    ['iOS 17.0.3', '17.0.3'],
    ['iPadOS 18.1', '18.1'],
    ['Windows 11 Enterprise 23H2 10.0.22631.4602', '10.0.22631.4602'],
    ['Windows Server 2022 Datacenter 21H2 10.0.20348.4405', '10.0.20348.4405'],
    ['Ubuntu 24.04.3 LTS', '24.04.3'],
    ['Fedora Linux 43.0.0', '43.0.0'],
    ['CentOS Linux 7', '7'],
    ['15.1.1', '15.1.1'],
    ['', null],
    ['Arch Linux rolling', null],
  ])('%j -> %j', (raw, expected) => {
    expect(fleetOsVersion(raw)).toBe(expected);
  });
});

describe('fleetTime', () => {
  it.each([
    ['2026-03-18T11:31:34Z', '2026-03-18T11:31:34.000Z'],
    ['2026-03-10T22:05:44.00887Z', '2026-03-10T22:05:44.008Z'],
    ['2026-03-18T13:31:34+02:00', '2026-03-18T11:31:34.000Z'],
    ['1970-01-02T00:00:00Z', null],
    ['0001-01-01T00:00:00Z', null],
    [null, null],
  ])('%j -> %j', (raw, expected) => {
    expect(fleetTime(raw)).toBe(expected);
  });
});

describe('toApp', () => {
  it.each([
    [
      ['apps', 'Google Chrome.app', '140.0.7339.133', 'com.google.Chrome'],
      {
        kind: 'bundle-id',
        key: 'com.google.Chrome',
        name: 'Google Chrome',
        version: '140.0.7339.133',
      },
    ],
    [['apps', 'Tool.app', '2.1', ''], null],
    [
      ['programs', 'Mozilla Firefox (x64 en-US)', '142.0.1', undefined],
      {
        kind: 'program',
        key: 'Mozilla Firefox (x64 en-US)',
        name: 'Mozilla Firefox (x64 en-US)',
        version: '142.0.1',
      },
    ],
    [
      ['deb_packages', 'google-chrome-stable', '140.0.7339.127-1', undefined],
      {
        kind: 'package',
        key: 'google-chrome-stable',
        name: 'google-chrome-stable',
        version: '140.0.7339.127-1',
      },
    ],
    [
      ['rpm_packages', 'glibc', '2.12', undefined],
      { kind: 'package', key: 'glibc', name: 'glibc', version: '2.12' },
    ],
    [['chrome_extensions', 'uBlock Origin', '1.60.0', undefined], null],
    [['programs', 'Something', '', undefined], null],
  ] as const)('%j', ([source, name, version, bundleId], expected) => {
    expect(toApp(source, name, version, bundleId)).toEqual(expected);
  });
});

describe('mapHostsPage on real Fleet hosts', () => {
  it.each([
    [
      'host-macos.authentik.json',
      {
        sourceId: '19',
        serial: 'ZV35VFDD50',
        name: 'jens-mac-vm',
        platform: 'macos',
        osVersion: '26.3',
        osBuild: '25D125',
        lastSeenAt: '2026-03-18T11:31:34.000Z',
      },
    ],
    [
      'host-windows.authentik.json',
      {
        sourceId: '13',
        serial: 'VMware-42 2f f1 cf 7d 9f 75 a5-2c 48 01 bd c6 a7 33 fb',
        name: 'WINDOWS-SERVER',
        platform: 'windows',
        osVersion: '10.0.20348.4405',
        osBuild: '20348',
      },
    ],
    [
      'host-ubuntu.authentik.json',
      {
        sourceId: '14',
        name: 'ubuntu-desktop',
        platform: 'linux',
        osVersion: '24.04.3',
        osBuild: null,
      },
    ],
    [
      'host-fedora.authentik.json',
      {
        sourceId: '16',
        name: 'fedora-workstation',
        platform: 'linux',
        osVersion: '43.0.0',
        osBuild: null,
      },
    ],
  ])('%s', (file, expected) => {
    const { hosts, issues } = mapHostsPage([fixture(file)], 0);
    expect(issues).toEqual([]);
    // software null = not collected: unknown apps, not "none installed".
    expect(hosts).toEqual([
      expect.objectContaining({ source: 'fleet', owner: null, apps: null, ...expected }),
    ]);
  });

  it('maps the docs example: empty serial -> null, rpm software -> package', () => {
    const { hosts } = mapHostsPage(
      (fixture('list-hosts.docs-example.json') as { hosts: unknown[] }).hosts,
      0,
    );
    expect(hosts[0]).toMatchObject({
      sourceId: '1',
      serial: null,
      platform: 'linux',
      osVersion: '7',
      apps: [{ kind: 'package', key: 'glibc', version: '2.12' }],
    });
  });

  it('keeps the model identifier, and an empty one as unknown', () => {
    const mac = mapHostsPage([fixture('host-macos.authentik.json')], 0).hosts[0];
    expect(mac?.model).toBe('VirtualMac2,1');
    const docs = (fixture('list-hosts.docs-example.json') as { hosts: unknown[] }).hosts;
    expect(mapHostsPage(docs, 0).hosts[0]?.model).toBeNull();
  });

  it('picks the owner by source: custom, then identity provider, then Chrome profiles', () => {
    const mapping = (
      fixture('device-mapping.docs-example.json') as {
        device_mapping: { email: string; source: string }[];
      }
    ).device_mapping;
    const emails = mapping.map((m, i) => ({ ...m, email: `${m.source}.${i}@example.com` }));
    const host = { ...(fixture('host-macos.authentik.json') as object), device_mapping: emails };
    expect(mapHostsPage([host], 0).hosts[0]?.owner).toEqual({
      email: 'custom.2@example.com',
      name: null,
    });
    const noCustom = { ...host, device_mapping: emails.slice(0, 2).reverse() };
    expect(mapHostsPage([noCustom], 0).hosts[0]?.owner).toEqual({
      email: 'identity_provider.0@example.com',
      name: null,
    });
  });

  it('skips a bad software entry with an issue, keeping the host and its other apps', () => {
    const host = {
      ...(fixture('host-macos.authentik.json') as object),
      software: [
        {
          name: 'Google Chrome.app',
          version: '140.0.7339.133',
          source: 'apps',
          bundle_identifier: 'com.google.Chrome',
        },
        {
          name: 'Firefox.app',
          version: 142,
          source: 'apps',
          bundle_identifier: 'org.mozilla.firefox',
        },
      ],
    };
    const { hosts, issues } = mapHostsPage([host], 3);
    expect(hosts[0]?.apps?.map((a) => a.key)).toEqual(['com.google.Chrome']);
    expect(issues).toEqual([
      expect.objectContaining({ source: 'fleet', record: 'host 19', field: 'software.1.version' }),
    ]);
  });

  it('names a host without a usable id by serial, else by its place on the page', () => {
    const { issues } = mapHostsPage([{ id: null, hardware_serial: ' C02ABC ' }, 'junk'], 4);
    expect(issues.filter((i) => i.field === 'id').map((i) => i.record)).toEqual(['serial C02ABC']);
    expect(issues.find((i) => i.record === 'hosts page 4 #1')?.field).toBe('(record)');
  });
});
