import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../catalog/catalog.js';
import type { AppleModel, Product } from '../catalog/model.js';
import { versionSchemes } from '../catalog/versions/api.js';
import { createEvaluator } from './evaluator.js';
import { catalog, NOW, policies } from './__fixtures__/catalog.js';
import type { HostHardware } from './hardware.js';
import type { ProductView } from './product-view.js';
import { withSupportWindow } from './support-window.js';
import { upgradeFor } from './upgrade.js';

const MACOS: Product = { id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' };
const CHROME: Product = { id: 'chrome', name: 'Chrome', platform: 'cross', scheme: 'chrome' };

function entry(product: Product, track: string, version: string, supported = true): CatalogEntry {
  return {
    product: product.id,
    productName: product.name,
    platform: product.platform,
    track,
    trackName: track === '15' ? 'Sequoia 15' : track === '26' ? 'Tahoe 26' : `macOS ${track}`,
    supported,
    version,
    build: null,
    releasedAt: null,
    cves: [],
    exploitedCves: [],
    url: null,
    firstSeenAt: '2026-08-01T00:00:00.000Z',
    stale: false,
    staleReason: null,
  };
}

function view(product: Product, entries: CatalogEntry[]): ProductView {
  return { product, scheme: versionSchemes[product.scheme], entries, releases: [] };
}

const MAC_VIEW = view(MACOS, [
  entry(MACOS, '26', '26.6.2'),
  entry(MACOS, '15', '15.7.9'),
  entry(MACOS, '14', '14.8.9'),
  entry(MACOS, '13', '13.7.8'),
  entry(MACOS, '12', '12.7.6', false),
]);

const supportedTracks = (v: ProductView): string[] =>
  v.entries.filter((e) => e.supported).map((e) => e.track);

describe('withSupportWindow', () => {
  it.each([
    [3, ['26', '15', '14']],
    [2, ['26', '15']],
    [1, ['26']],
    // A wider window cannot revive a major the feed itself dropped (12).
    [5, ['26', '15', '14', '13']],
  ])('keeps the newest %i majors supported', (n, expected) => {
    expect(supportedTracks(withSupportWindow(MAC_VIEW, n))).toEqual(expected);
  });

  it('ranks majors by number, not by the order the feed lists them', () => {
    const shuffled = view(MACOS, [...MAC_VIEW.entries].reverse());
    expect(supportedTracks(withSupportWindow(shuffled, 2)).sort()).toEqual(['15', '26']);
  });

  it('leaves products with channels instead of majors alone', () => {
    const chrome = view(CHROME, [
      entry(CHROME, 'stable', '139.0.1'),
      entry(CHROME, 'beta', '140.0.1'),
    ]);
    expect(withSupportWindow(chrome, 1)).toBe(chrome);
  });
});

const hw = (maxMajor: number | null): HostHardware => ({
  model: 'X1,1',
  marketingName: null,
  maxMajor,
});

describe('upgradeFor a host on macOS 13 with the window at 3 majors', () => {
  const windowed = withSupportWindow(MAC_VIEW, 3);
  const oldest = windowed.entries.find((e) => e.track === '14') as CatalogEntry;
  it.each([
    ['model unknown: any supported major, from the oldest', null, 'upgrade', '14.8.9'],
    ['model not in the feed', hw(null), 'upgrade', '14.8.9'],
    ['runs 26', hw(26), 'upgrade', '26.6.2'],
    ['runs up to 15', hw(15), 'upgrade', '15.7.9'],
    ['runs up to 14', hw(14), 'upgrade', '14.8.9'],
    ['runs up to 13', hw(13), 'replace-hardware', null],
    ['runs up to 12', hw(12), 'replace-hardware', null],
  ])('%s', (_name, hardware, kind, to) => {
    const way = upgradeFor(windowed, '13', oldest, hardware);
    expect(way.kind).toBe(kind);
    expect(way.kind === 'upgrade' ? way.to.version : null).toBe(to);
  });
});

describe('evaluator fingerprints', () => {
  it('change with the support window and with the models, so stored findings are redone', () => {
    const fp = (n: number, models: AppleModel[] = []): string | undefined =>
      createEvaluator(
        { ...catalog(), models },
        { ...policies(), apple: { supportedMajors: n } },
        NOW,
      ).products.get('macos')?.fingerprint;
    const withModel: AppleModel[] = [
      { product: 'macos', model: 'X1,1', marketingName: null, majors: [14] },
    ];
    expect(fp(3)).toBe(fp(3));
    expect(fp(2)).not.toBe(fp(3));
    expect(fp(3, withModel)).not.toBe(fp(3));
  });
});
