import { describe, expect, it } from 'vitest';
import { appColumn, hostFromFile, parseLastSeen } from './host-fields.js';
import type { FileHost } from './schema.js';

const base: FileHost = {
  id: null,
  serial: 'C02XK1ZQJG5H',
  hardware_uuid: null,
  model: null,
  name: 'Ada-MBP',
  platform: 'macOS',
  os_version: '15.6.1',
  os_build: '24G90',
  last_seen: null,
  owner_email: null,
  owner_name: null,
};

describe('parseLastSeen', () => {
  it.each([
    ['2026-08-18T09:15:02Z', '2026-08-18T09:15:02.000Z'],
    ['2026-08-18T11:15:02+02:00', '2026-08-18T09:15:02.000Z'],
    ['2026-08-18T09:15:02.5Z', '2026-08-18T09:15:02.500Z'],
    ['2026-08-17 16:40:11', '2026-08-17T16:40:11.000Z'],
    ['2026-08-17T16:40', '2026-08-17T16:40:00.000Z'],
    ['2026-08-18', '2026-08-18T00:00:00.000Z'],
    ['1787044448', '2026-08-18T09:14:08.000Z'],
    ['18/08/2026', null],
    ['yesterday', null],
    ['2026-13-45', null],
  ])('%s -> %s', (text, iso) => {
    expect(parseLastSeen(text)).toBe(iso);
  });
});

describe('appColumn', () => {
  it.each([
    ['app:com.google.Chrome', { kind: 'bundle-id', key: 'com.google.Chrome' }],
    ['bundle-id:org.mozilla.firefox', { kind: 'bundle-id', key: 'org.mozilla.firefox' }],
    ['program:Google Chrome', { kind: 'program', key: 'Google Chrome' }],
    ['package:firefox', { kind: 'package', key: 'firefox' }],
    ['app:', null],
    ['serial', null],
  ])('%s -> %j', (column, expected) => {
    expect(appColumn(column)).toEqual(expected);
  });
});

describe('hostFromFile', () => {
  it.each([
    ['macOS', 'macos'],
    ['Mac OS X', 'macos'],
    ['darwin', 'macos'],
    ['Windows', 'windows'],
    ['ChromeOS', 'chromeos'],
    ['iPadOS', 'ios'],
    ['ubuntu', 'linux'],
    [null, 'unknown'],
  ])('platform %s -> %s', (platform, expected) => {
    expect(hostFromFile({ ...base, platform }, 'f:2').host?.platform).toBe(expected);
  });

  it('builds the record: id falls back to serial, then name; no apps column means apps null', () => {
    expect(hostFromFile({ ...base, owner_email: 'ada@example.com' }, 'f:2').host).toEqual({
      source: 'file',
      sourceId: 'C02XK1ZQJG5H',
      serial: 'C02XK1ZQJG5H',
      hardwareUuid: null,
      name: 'Ada-MBP',
      platform: 'macos',
      osVersion: '15.6.1',
      osBuild: '24G90',
      lastSeenAt: null,
      owner: { email: 'ada@example.com', name: null },
      apps: null,
    });
    expect(hostFromFile({ ...base, serial: null }, 'f:2').host?.sourceId).toBe('Ada-MBP');
    expect(hostFromFile({ ...base, id: 'X1' }, 'f:2').host?.sourceId).toBe('X1');
  });

  it('carries the model identifier when the export has one', () => {
    expect(hostFromFile({ ...base, model: 'Mac14,10' }, 'f:2').host?.model).toBe('Mac14,10');
    expect(hostFromFile(base, 'f:2').host?.model).toBeUndefined();
  });

  it.each([
    [{ serial: null, name: null }, 'id'],
    [{ platform: 'BeOS' }, 'platform'],
    [{ last_seen: '18/08/2026' }, 'last_seen'],
    [{ owner_email: 'ada' }, 'owner_email'],
  ])('%j is an issue on %s and no host', (over, field) => {
    const r = hostFromFile({ ...base, ...over }, 'hosts.csv:7');
    expect(r.host).toBeNull();
    expect(r.issues).toEqual([
      expect.objectContaining({ source: 'file', record: 'hosts.csv:7', field }),
    ]);
  });
});
