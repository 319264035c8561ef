import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareVersions, maxVersion, versionSchemes } from './api.js';
import type { VersionSchemeId } from './types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const folders = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
  .map((e) => e.name)
  .sort();

describe('version scheme registry', () => {
  it('finds the scheme folders', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it('registers exactly the folders, no more and no fewer', () => {
    expect(Object.keys(versionSchemes).sort()).toEqual(folders);
  });

  it.each(folders)('%s: registered under its folder name with the same id', (folder) => {
    const scheme = versionSchemes[folder as VersionSchemeId];
    expect(scheme).toBeDefined();
    expect(scheme.id).toBe(folder);
    expect((scheme.constructor as { id?: unknown }).id).toBe(folder);
  });

  it.each(folders)('%s: has a readme.md and an index.ts', (folder) => {
    expect(existsSync(join(here, folder, 'readme.md'))).toBe(true);
    expect(existsSync(join(here, folder, 'index.ts'))).toBe(true);
  });
});

describe('compareVersions', () => {
  it.each<[VersionSchemeId, string, string, number | null]>([
    ['apple-os', '13.4.1 (a)', '13.4.1 (c)', -1],
    ['apple-os', '26.0', '15.7.2', 1],
    ['chrome', '131.0.6778.85', '131.0.6778.85', 0],
    ['dotted', '1.2', '1.2.0', 0],
    ['dotted', '1.2.3-beta.2', '1.2.3', -1],
    ['semver', '1.0.0-rc.1', '1.0.0', -1],
    ['semver', '1.0.0', 'abc', null],
    ['chrome', '131.0.6778', '131.0.6778.85', null],
    ['apple-os', '', '15.1', null],
  ])('%s: %j vs %j -> %j', (scheme, a, b, expected) => {
    const got = compareVersions(scheme, a, b);
    expect(got === null ? null : Math.sign(got)).toBe(expected);
  });
});

describe('maxVersion', () => {
  it.each<[VersionSchemeId, string[], string | null]>([
    ['apple-os', ['13.4.1', '13.4.1 (c)', '13.4.1 (a)'], '13.4.1 (c)'],
    ['apple-os', ['15.1.1', 'junk', '26.0', '14.7.2'], '26.0'],
    ['chrome', ['131.0.6778.85', '131.0.6778.204', '99.0.4844.84'], '131.0.6778.204'],
    ['dotted', ['1.2.3-beta.2', '1.2.2', '1.2.3'], '1.2.3'],
    ['dotted', ['1.2', '1.2.0'], '1.2'],
    ['semver', ['1.0.0-rc.1', 'v2.0.0', '1.0.0-beta.11'], '1.0.0-rc.1'],
    ['semver', ['abc', '', '1..2'], null],
    ['dotted', [], null],
  ])('%s: %j -> %j', (scheme, versions, expected) => {
    expect(maxVersion(scheme, versions)).toBe(expected);
  });
});
