import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { AppleModel } from './model.js';
import { CatalogStore, type GoodRead } from './store.js';

const macos = { id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' } as const;

const model = (id: string, majors: number[], name: string | null = null): AppleModel => ({
  product: 'macos',
  model: id,
  marketingName: name,
  majors,
});

function read(models?: AppleModel[]): GoodRead {
  return {
    products: [macos],
    tracks: [{ product: 'macos', id: '15', name: 'Sequoia 15' }],
    releases: [],
    issues: [],
    cache: [],
    ...(models ? { models } : {}),
  };
}

const T1 = new Date('2026-08-01T00:00:00Z');
const T2 = new Date('2026-08-20T00:00:00Z');

describe.each(DIALECTS)('CatalogStore hardware models on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function store(): Promise<CatalogStore> {
    t = await open();
    const s = new CatalogStore(t.db);
    await s.registerFeed({
      name: 'sofa-macos',
      source: 'sofa-macos',
      url: 'http://x/feed.json',
      maxAgeMs: 86_400_000,
    });
    return s;
  }

  it('keeps the models a feed lists and reads them back for evaluation', async () => {
    const s = await store();
    const listed = [
      model('Mac14,10', [26, 15, 14, 13], 'MacBook Pro (16-inch, M2 Pro, 2023)'),
      model('MacBookPro13,1', [13, 12]),
    ];
    await s.recordRead('sofa-macos', read(listed), T1);
    expect((await s.loadCatalogInput()).models).toEqual(listed);
  });

  it('replaces the list on the next read, and keeps it when a read lists none', async () => {
    const s = await store();
    await s.recordRead('sofa-macos', read([model('A1', [15]), model('B1', [14])]), T1);
    await s.recordRead('sofa-macos', read([model('A1', [26, 15])]), T2);
    expect((await s.loadCatalogInput()).models).toEqual([model('A1', [26, 15])]);
    await s.recordRead('sofa-macos', read(), T2);
    expect((await s.loadCatalogInput()).models).toEqual([model('A1', [26, 15])]);
  });
});
