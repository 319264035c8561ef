/**
 * Every feed source against hostile outside data (issue 9): arbitrary JSON and its real fixtures
 * with fields dropped, retyped or replaced. A read either gives well-formed records, with each
 * bad record an issue naming the feed, record and field, or fails with a coded PatchbayError
 * naming the feed and the field; one bad record never costs the others.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  codedOutcome,
  hostileJson,
  issueProblem,
  shallowHostileJson,
  outsideData,
  PROPERTY_RUNS,
} from '../../../test/outside-data.js';
import { feedSources } from './api.js';
import type { FeedHttp, FeedReadResult } from './types.js';

type Docs = Record<string, unknown>;

/** How one source is fed: its fixtures by name, which URL gets which, and its record lists. */
interface FeedCase {
  readonly fixtures: Docs;
  /** The fixture a requested URL is answered with. */
  readonly answer: (url: string) => string;
  readonly options?: Record<string, unknown>;
  /** The body text of a (mutated) fixture; JSON unless the feed is XML. */
  readonly text?: (doc: unknown) => string;
  /** The lists of records inside the documents, to break one of them. */
  readonly records: (docs: Docs) => unknown[][];
  /** Releases one record gives (a Chrome Releases post: one per desktop platform); 1 if unset. */
  readonly releasesPerRecord?: number;
}

const fixture = (folder: string, name: string): string =>
  readFileSync(new URL(`./${folder}/__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (folder: string, name: string): unknown => JSON.parse(fixture(folder, name));
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;

/** The real SOFA feed cut to two majors of four releases: the shape, at a size runs can afford. */
function sofa(name: string): unknown {
  const url = new URL(`../../../sandbox/feeds/data/sofa/${name}`, import.meta.url);
  const doc = JSON.parse(readFileSync(url, 'utf8')) as { OSVersions: Record<string, unknown>[] };
  return {
    OSVersions: doc.OSVersions.slice(0, 2).map((os) => ({
      ...os,
      SecurityReleases: asArray(os.SecurityReleases).slice(0, 4),
    })),
  };
}

// The Atom fixture goes through the parser the source uses and back, so its fields can be broken
// as JSON and served as XML again (the builder escapes what it writes).
const xmlOptions = { ignoreAttributes: false, attributeNamePrefix: '@_' };
const atom = new XMLParser({ ...xmlOptions, isArray: (name) => name === 'entry' });
const atomWriter = new XMLBuilder({ ...xmlOptions, format: false });

/**
 * A JSON value as something XML can say: arrays inside arrays and keys that are no tag name
 * have no XML form, so the builder would write broken XML and only the validator would run.
 */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

function xmlSafe(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? { a: xmlSafe(x) } : xmlSafe(x)));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const attribute = k.startsWith('@_');
      // fast-xml-parser refuses these names outright (prototype pollution): a whole-document
      // failure, which the other property covers; here only one record may be broken.
      const bare = attribute ? k.slice(2) : k;
      const plain = /^[A-Za-z_][\w.-]*$/.test(bare) && !RESERVED.has(bare);
      const name = plain || k === '#text' || k === '?xml' ? k : `k${k.replace(/\W/g, '_')}`;
      return [name, attribute && x && typeof x === 'object' ? JSON.stringify(x) : xmlSafe(x)];
    }),
  );
}

const sofaRecords = (docs: Docs): unknown[][] =>
  asArray(field(docs.feed, 'OSVersions')).map((os) => asArray(field(os, 'SecurityReleases')));

const cases: Record<string, FeedCase> = {
  'sofa-macos': {
    fixtures: { feed: sofa('v1-macos_data_feed.json') },
    answer: () => 'feed',
    records: sofaRecords,
  },
  'sofa-ios': {
    fixtures: { feed: sofa('v1-ios_data_feed.json') },
    answer: () => 'feed',
    records: sofaRecords,
  },
  chrome: {
    fixtures: { page: json('chrome', 'mac-stable-serving.json') },
    answer: () => 'page',
    // One channel on one platform: more would read the same page, so one broken record would
    // count twice.
    options: { platform: 'mac', channels: ['stable'] },
    records: (docs) => [asArray(field(docs.page, 'releases'))],
  },
  'chrome-releases': {
    fixtures: { feed: atom.parse(fixture('chrome-releases', 'feed.xml')) as unknown },
    answer: () => 'feed',
    text: (doc) => String(atomWriter.build(xmlSafe(doc))),
    records: (docs) => [asArray(field(field(docs.feed, 'feed'), 'entry'))],
    releasesPerRecord: 3,
  },
  edge: {
    fixtures: { products: json('edge', 'products.json') },
    answer: () => 'products',
    records: (docs) => asArray(docs.products).map((p) => asArray(field(p, 'Releases'))),
  },
  firefox: {
    fixtures: {
      versions: json('firefox', 'firefox_versions.json'),
      history: json('firefox', 'firefox.json'),
    },
    answer: (url) => (url.endsWith('/firefox.json') ? 'history' : 'versions'),
    // firefox_versions.json is one flat object of channels, not a list of records.
    records: () => [],
  },
  homebrew: {
    fixtures: {
      docker: json('homebrew', 'docker.json'),
      everything: json('homebrew', 'everything.json'),
      'version-latest': json('homebrew', 'version-latest.json'),
    },
    answer: (url) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1, -'.json'.length)),
    options: { casks: ['docker', 'everything', 'version-latest'] },
    records: () => [],
  },
  custom: {
    fixtures: { feed: json('custom', 'acme-vpn.json') },
    answer: () => 'feed',
    records: (docs) =>
      asArray(field(docs.feed, 'products')).flatMap((p) =>
        asArray(field(p, 'tracks')).map((t) => asArray(field(t, 'releases'))),
      ),
  },
};

/** The bodies of some documents; null when the XML builder cannot write one (too deep). */
function bodiesOf(id: string, docs: Docs): Record<string, string> | null {
  const c = cases[id] as FeedCase;
  try {
    return Object.fromEntries(
      Object.entries(docs).map(([name, doc]) => [name, c.text ? c.text(doc) : JSON.stringify(doc)]),
    );
  } catch {
    return null; // the builder's own limits (nesting, stack): not input the feed could be sent
  }
}

/** Read a source with every URL answered from `bodies`. */
function read(id: string, bodies: Record<string, string>): Promise<FeedReadResult> {
  const c = cases[id] as FeedCase;
  const source = feedSources.get(id);
  if (!source) throw new Error(`no feed source ${id}`);
  const http: FeedHttp = {
    getText: (url) => {
      const body = bodies[c.answer(url)];
      if (body === undefined) return Promise.reject(new Error(`test: no fixture for ${url}`));
      return Promise.resolve({ url, body, notModified: false });
    },
  };
  const url = source.defaultUrl || 'https://feeds.example/custom.json';
  return source.read({ name: `feed-${id}`, url, options: c.options ?? {}, http });
}

/** Read a source with its documents; the test's own failure to write one skips the run. */
function readDocs(id: string, docs: Docs): Promise<FeedReadResult> {
  const bodies = bodiesOf(id, docs);
  fc.pre(bodies !== null);
  return read(id, bodies);
}

/** What is wrong with a successful read's records; [] when nothing is. */
function recordProblems(feed: string, result: FeedReadResult): string[] {
  const problems: string[] = [];
  for (const issue of result.issues) {
    const p = issueProblem(issue, feed);
    if (p) problems.push(`issue: ${p}`);
  }
  const tracks = new Set(result.tracks.map((t) => `${t.product}/${t.id}`));
  for (const r of result.releases) {
    const where = `release ${r.product}/${r.track}/${r.version}`;
    if (typeof r.version !== 'string' || r.version.trim() === '')
      problems.push(`${where}: version`);
    if (!tracks.has(`${r.product}/${r.track}`)) problems.push(`${where}: unknown track`);
    if (r.releasedAt !== null && new Date(r.releasedAt).toISOString() !== r.releasedAt)
      problems.push(`${where}: releasedAt ${r.releasedAt}`);
    if (!r.cves.every((c) => typeof c === 'string')) problems.push(`${where}: cves`);
  }
  return problems;
}

const releaseKeys = (r: FeedReadResult): Set<string> =>
  new Set(r.releases.map((x) => `${x.product}/${x.track}/${x.version}`));

const ids = [...feedSources.keys()];
const runs = { numRuns: PROPERTY_RUNS };

describe('feed sources on outside data', () => {
  it('has a case for every registered feed source', () => {
    expect(Object.keys(cases).sort()).toEqual([...ids].sort());
  });

  describe.each(ids)('%s', (id) => {
    const c = cases[id] as FeedCase;
    const feed = `feed-${id}`;
    // Each document is either left alone or broken, so one broken file meets intact others.
    const docs = fc.record(
      Object.fromEntries(
        Object.entries(c.fixtures).map(([name, doc]) => [
          name,
          fc.oneof(
            { weight: 1, arbitrary: fc.constant(doc) },
            { weight: 3, arbitrary: outsideData(doc) },
          ),
        ]),
      ),
    );

    it('reads its fixtures cleanly (the baseline the properties break)', async () => {
      const result = await readDocs(id, c.fixtures);
      expect(recordProblems(feed, result)).toEqual([]);
      expect(result.releases.length).toBeGreaterThan(0);
    });

    it('gives well-formed records and named issues, or a coded error naming the feed and field', async () => {
      await fc.assert(
        fc.asyncProperty(docs, async (d) => {
          const bodies = bodiesOf(id, d);
          fc.pre(bodies !== null);
          const outcome = await codedOutcome(() => read(id, bodies));
          if (outcome.ok) {
            expect(recordProblems(feed, outcome.value)).toEqual([]);
            expect(() => JSON.stringify(outcome.value)).not.toThrow();
            return;
          }
          expect(outcome.error.code).toBe('E_FEED_PARSE');
          expect(outcome.error.details.feed).toBe(feed);
          expect(outcome.error.details.field).toEqual(expect.any(String));
        }),
        runs,
      );
    });

    const lists = c.records(c.fixtures).filter((l) => l.length > 0);
    // firefox and homebrew have no record lists; homebrew's casks are checked below instead.
    if (lists.length === 0) return;
    it('one broken record costs at most its own releases', async () => {
      const before = releaseKeys(await readDocs(id, c.fixtures));
      const broken = fc.record({ list: fc.nat(), index: fc.nat(), value: shallowHostileJson });
      await fc.assert(
        fc.asyncProperty(broken, async ({ list, index, value }) => {
          const d = structuredClone(c.fixtures);
          const records = c.records(d).filter((l) => l.length > 0);
          const target = records[list % records.length] as unknown[];
          target[index % target.length] = value;
          const after = releaseKeys(await readDocs(id, d));
          const lost = [...before].filter((k) => !after.has(k));
          expect(lost.length).toBeLessThanOrEqual(c.releasesPerRecord ?? 1);
        }),
        runs,
      );
    });
  });

  it('homebrew: one cask answering garbage costs only that cask', async () => {
    const all = releaseKeys(await readDocs('homebrew', cases.homebrew?.fixtures ?? {}));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('docker', 'everything'),
        hostileJson,
        async (cask, value) => {
          const d = { ...cases.homebrew?.fixtures, [cask]: value };
          const after = releaseKeys(await readDocs('homebrew', d));
          for (const key of all) if (!key.startsWith(`${cask}/`)) expect(after).toContain(key);
        },
      ),
      runs,
    );
  });
});
