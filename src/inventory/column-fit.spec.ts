import { describe, expect, it } from 'vitest';
import { fitHostColumns } from './column-fit.js';
import type { HostRecord } from './model.js';

const host = (over: Partial<HostRecord> = {}): HostRecord => ({
  source: 'osquery',
  sourceId: 'node-1',
  serial: 'C02ABC123456',
  hardwareUuid: '4AB2906D-5516-5794-AF54-86D1D7F533F3',
  model: 'Mac14,10',
  name: 'mbp',
  platform: 'macos',
  osVersion: '15.6',
  osBuild: null,
  lastSeenAt: '2026-09-01T09:00:00.000Z',
  owner: { email: 'ada@example.com', name: null },
  apps: [{ kind: 'bundle-id', key: 'com.google.Chrome', name: 'Chrome', version: '139.0' }],
  ...over,
});

describe('fitHostColumns', () => {
  it('keeps a record that fits exactly as it is, with no issue', () => {
    expect(fitHostColumns('osquery', [host()])).toEqual({ hosts: [host()], issues: [] });
  });

  it.each([
    ['hardwareUuid', { hardwareUuid: 'U'.repeat(65) }, { hardwareUuid: null }],
    ['model', { model: 'M'.repeat(101) }, { model: null }],
    ['serial', { serial: 'S'.repeat(201) }, { serial: null }],
    ['osVersion', { osVersion: '1'.repeat(101) }, { osVersion: null }],
    ['lastSeenAt', { lastSeenAt: 'T'.repeat(41) }, { lastSeenAt: null }],
    ['owner.email', { owner: { email: `${'a'.repeat(320)}@x`, name: null } }, { owner: null }],
  ] as const)(
    'leaves out a %s too long to store, naming it, and keeps the rest',
    (field, bad, kept) => {
      const { hosts, issues } = fitHostColumns('osquery', [
        host(bad),
        host({ sourceId: 'node-2' }),
      ]);
      expect(hosts).toEqual([host({ ...bad, ...kept }), host({ sourceId: 'node-2' })]);
      expect(issues.map((i) => [i.source, i.record, i.field])).toEqual([
        ['osquery', 'node-1', field],
      ]);
      expect(issues[0]?.message).toContain('left out');
    },
  );

  it('skips an app whose version cannot be stored, keeping the host and its other apps', () => {
    const ok = {
      kind: 'bundle-id',
      key: 'org.mozilla.firefox',
      name: null,
      version: '140.0',
    } as const;
    const long = {
      kind: 'bundle-id',
      key: 'com.evil',
      name: null,
      version: '9'.repeat(201),
    } as const;
    const { hosts, issues } = fitHostColumns('osquery', [host({ apps: [long, ok] })]);
    expect(hosts[0]?.apps).toEqual([ok]);
    expect(issues.map((i) => i.field)).toEqual(['apps[com.evil].version']);
  });

  it('skips a record whose own id cannot be stored', () => {
    const { hosts, issues } = fitHostColumns('file', [host({ sourceId: 'x'.repeat(201) }), host()]);
    expect(hosts).toEqual([host()]);
    expect(issues.map((i) => [i.field, i.record.length])).toEqual([['sourceId', 80]]);
  });
});
