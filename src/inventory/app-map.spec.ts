import { describe, expect, it } from 'vitest';
import { compileAppMap, normalizeVersion, productVersions } from './app-map.js';
import { mergeHost, type SourceView } from './host-merge.js';
import { resolveOwner } from './owners.js';

describe('app map', () => {
  const map = compileAppMap({ 'bundle-id:com.acme.vpn': 'acme-vpn', 'bundle-id:us.zoom.xos': '' });
  it.each([
    ['bundle-id', 'com.google.Chrome', 'chrome'],
    ['bundle-id', 'COM.GOOGLE.CHROME', 'chrome'],
    ['program', 'Mozilla Firefox (x64 en-US)', 'firefox'],
    ['program', 'Google Chrome', 'chrome'],
    ['package', 'microsoft-edge-stable', 'edge'],
    ['bundle-id', 'com.acme.vpn', 'acme-vpn'],
    ['bundle-id', 'us.zoom.xos', null],
    ['bundle-id', 'com.example.unknown', null],
  ] as const)('%s %s -> %s', (kind, key, product) => {
    expect(map.productOf(kind, key)).toBe(product);
  });

  it('adds the OS as a product and keeps the first copy of an app', () => {
    const apps = [
      { kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: '139.0.1.2' },
      { kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: '120.0.0.1' },
      { kind: 'bundle-id', key: 'org.mozilla.firefox', name: null, version: ' ' },
    ] as const;
    expect(productVersions('macos', '15.6', apps, map)).toEqual([
      { product: 'macos', version: '15.6' },
      { product: 'chrome', version: '139.0.1.2' },
    ]);
    expect(productVersions('windows', '10.0.22631', null, map)).toEqual([]);
    expect(
      productVersions(
        'linux',
        '24.04',
        [{ kind: 'package', key: 'google-chrome-stable', name: null, version: '153.0.8010.53-1' }],
        map,
      ),
    ).toEqual([{ product: 'chrome', version: '153.0.8010.53' }]);
  });
});

describe('normalizeVersion', () => {
  it.each([
    ['package', '153.0.8010.53-1', '153.0.8010.53'],
    ['package', '1:128.0.3-1.el9', '128.0.3'],
    ['package', '142.0', '142.0'],
    ['bundle-id', '4.2.1-beta.2', '4.2.1-beta.2'],
    ['program', ' 139.0.3405.102 ', '139.0.3405.102'],
  ] as const)('%s %s -> %s', (kind, raw, out) => {
    expect(normalizeVersion(kind, raw)).toBe(out);
  });
});

describe('owner precedence', () => {
  const fleet = { source: 'fleet', owner: { email: 'a@fleet.example.com', name: null } };
  const jamf = { source: 'jamf', owner: { email: 'A@Example.com ', name: 'A' } };
  it.each([
    ['jamf first', [fleet, jamf], ['jamf', 'fleet'], 'jamf', 'a@example.com'],
    ['fleet first', [fleet, jamf], ['fleet', 'jamf'], 'fleet', 'a@fleet.example.com'],
    ['unlisted sources still count', [fleet], ['jamf'], 'fleet', 'a@fleet.example.com'],
    [
      'a blank email is no owner',
      [{ source: 'jamf', owner: { email: ' ', name: 'x' } }, fleet],
      ['jamf', 'fleet'],
      'fleet',
      'a@fleet.example.com',
    ],
  ])('%s', (_n, candidates, precedence, source, email) => {
    expect(resolveOwner(candidates, precedence)).toMatchObject({ source, owner: { email } });
  });
  it('is null when nobody is named', () => {
    expect(resolveOwner([{ source: 'fleet', owner: null }], ['fleet'])).toBeNull();
  });
});

describe('mergeHost', () => {
  const base: SourceView = {
    source: 'jamf',
    serial: 'S1',
    name: 'old-name',
    platform: 'macos',
    osVersion: '15.6',
    osBuild: null,
    lastSeenAt: '2026-09-01T00:00:00Z',
    owner: null,
  };
  it('takes changing facts from the most recently seen source', () => {
    const fleet: SourceView = {
      ...base,
      source: 'fleet',
      name: 'new-name',
      osVersion: '15.7',
      lastSeenAt: '2026-09-02T00:00:00Z',
    };
    expect(mergeHost([base, fleet], ['jamf'])).toMatchObject({
      name: 'new-name',
      osVersion: '15.7',
      lastSeenAt: '2026-09-02T00:00:00Z',
    });
  });
  it('falls back to an older source for a fact the newest does not know', () => {
    const fleet: SourceView = {
      ...base,
      source: 'fleet',
      serial: null,
      platform: 'unknown',
      lastSeenAt: '2026-09-02T00:00:00Z',
    };
    expect(mergeHost([base, fleet], [])).toMatchObject({ serial: 'S1', platform: 'macos' });
  });
});
