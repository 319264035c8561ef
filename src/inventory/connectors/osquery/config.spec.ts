import { describe, expect, it } from 'vitest';
import { APP_QUERIES, buildOsqueryConfig, QUERY, QUERY_NAMES } from './config.js';

describe('buildOsqueryConfig', () => {
  const config = buildOsqueryConfig();

  it('schedules every query Patchbay reads, and only those', () => {
    expect(new Set(Object.keys(config.schedule))).toEqual(QUERY_NAMES);
  });

  it('makes every query an hourly snapshot by default, and takes another interval', () => {
    for (const q of Object.values(config.schedule))
      expect(q).toMatchObject({ snapshot: true, interval: 3600 });
    const fast = buildOsqueryConfig({ intervalSeconds: 300 });
    expect(Object.values(fast.schedule).map((q) => q.interval)).toEqual(
      Object.values(config.schedule).map(() => 300),
    );
  });

  it.each([
    [QUERY.apps, 'darwin', 'FROM apps'],
    [QUERY.programs, 'windows', 'FROM programs'],
    [QUERY.debPackages, 'linux', 'FROM deb_packages'],
    [QUERY.rpmPackages, 'linux', 'FROM rpm_packages'],
    [QUERY.primaryUser, 'darwin,windows', 'FROM logged_in_users'],
    [QUERY.osVersion, undefined, 'FROM os_version'],
    [QUERY.systemInfo, undefined, 'hardware_serial, computer_name'],
  ])('%s runs on %s and reads %s', (name, platform, sql) => {
    expect(config.schedule[name].platform).toBe(platform);
    expect(config.schedule[name].query).toContain(sql);
  });

  it('lists the software queries as app queries', () => {
    expect(APP_QUERIES).toEqual([QUERY.apps, QUERY.programs, QUERY.debPackages, QUERY.rpmPackages]);
  });

  it('is plain JSON, as osqueryd reads it', () => {
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

describe('parseOsquerySettings', () => {
  it('returns the secret, and names the key when it is missing or empty', async () => {
    const { parseOsquerySettings } = await import('./index.js');
    expect(parseOsquerySettings({ enrollSecret: 's3cret' })).toEqual({ enrollSecret: 's3cret' });
    for (const bad of [{}, { enrollSecret: '' }])
      expect(() => parseOsquerySettings(bad)).toThrow(
        expect.objectContaining({
          code: 'E_CONFIG_INVALID',
          details: { key: 'inventory.osquery.enrollSecret' },
        }),
      );
  });
});
