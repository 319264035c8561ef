import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { parseHomebrewCask, splitCaskVersion } from './parse.js';

function fixture(name: string): Record<string, unknown> {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('splitCaskVersion', () => {
  it.each([
    ['1.2.3', '1.2.3', null],
    ['3.6.0,67351', '3.6.0', '67351'],
    ['6.6.3,20260603142618,f60f2ff97e', '6.6.3', '20260603142618,f60f2ff97e'],
    ['4.33.3,', '4.33.3', null],
  ])('%s -> version %s, build %s', (raw, version, build) => {
    expect(splitCaskVersion(raw)).toEqual({ version, build });
  });
});

describe('parseHomebrewCask', () => {
  it('maps a cask to one macOS product, a stable track and its release', () => {
    const parsed = parseHomebrewCask(fixture('everything.json'), 'homebrew');
    expect(parsed.products).toEqual([
      { id: 'everything', name: 'Everything', platform: 'macos', scheme: 'dotted' },
    ]);
    expect(parsed.tracks).toEqual([{ product: 'everything', id: 'stable', name: 'Stable' }]);
    expect(parsed.releases).toEqual([
      {
        product: 'everything',
        track: 'stable',
        version: '1.2.3',
        build: null,
        releasedAt: null,
        cves: [],
        exploitedCves: [],
        url: null,
      },
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it('splits a comma build off the version and takes the first name', () => {
    const parsed = parseHomebrewCask(fixture('docker.json'), 'homebrew');
    expect(parsed.products[0]?.name).toBe('Docker Desktop');
    expect(parsed.releases[0]).toMatchObject({
      version: '3.6.0',
      build: '67351',
      releasedAt: null,
    });
  });

  it('reports a "latest" cask as an issue on its version and yields nothing', () => {
    const parsed = parseHomebrewCask(fixture('version-latest.json'), 'homebrew');
    expect(parsed.products).toEqual([]);
    expect(parsed.releases).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ source: 'homebrew', record: 'everything', field: 'version' }),
    ]);
  });

  it('falls back to the token when the cask lists no name', () => {
    const parsed = parseHomebrewCask({ ...fixture('everything.json'), name: [] }, 'homebrew');
    expect(parsed.products[0]?.name).toBe('everything');
  });

  it.each([
    ['version missing', { version: undefined }, 'version'],
    ['version not a string', { version: 123 }, 'version'],
    ['name not a list', { name: 'Everything' }, 'name'],
  ])('a malformed cask (%s) is an issue naming the field', (_label, patch, field) => {
    const parsed = parseHomebrewCask({ ...fixture('everything.json'), ...patch }, 'homebrew');
    expect(parsed.products).toEqual([]);
    expect(parsed.issues).toEqual([expect.objectContaining({ record: 'everything', field })]);
  });

  it.each([
    ['a list', []],
    ['a string', 'Not Found'],
    ['null', null],
  ])('throws E_FEED_PARSE when the document is %s', (_label, json) => {
    expect(() => parseHomebrewCask(json, 'homebrew')).toThrow(PatchbayError);
    expect(() => parseHomebrewCask(json, 'homebrew')).toThrow(
      expect.objectContaining({ code: 'E_FEED_PARSE' }),
    );
  });
});
