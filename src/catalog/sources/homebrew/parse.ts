import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { issuesFromZod } from '../issues.js';
import type { ParsedFeed } from '../types.js';
import { caskDocumentSchema, caskSchema } from './schema.js';

/** Every cask maps to a single track: Homebrew only knows the current release. */
export const HOMEBREW_TRACK = 'stable';

/**
 * Split a cask version into our version and build. Homebrew writes extra release identifiers
 * after a comma ("3.6.0,67351", "6.6.3,20260603142618,f60f2ff97e"); the first part is the version
 * people see, the rest is kept as the build.
 */
export function splitCaskVersion(raw: string): { version: string; build: string | null } {
  const comma = raw.indexOf(',');
  if (comma === -1) return { version: raw.trim(), build: null };
  const build = raw.slice(comma + 1).trim();
  return { version: raw.slice(0, comma).trim(), build: build === '' ? null : build };
}

function recordOf(json: Record<string, unknown>): string {
  const token = json.token;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : '(cask)';
}

/**
 * Parse one cask document into one product (id = cask token, platform macos, scheme dotted), one
 * `stable` track and one release. The API has no release date (`generated_date` is when the JSON
 * was built), so releasedAt is null. A cask whose version is "latest" names no release at all:
 * it becomes an issue and yields nothing.
 */
export function parseHomebrewCask(json: unknown, feed: string): ParsedFeed {
  const doc = caskDocumentSchema.safeParse(json);
  if (!doc.success) {
    throw new PatchbayError('E_FEED_PARSE', `Feed ${feed}: a cask document is not a JSON object`, {
      feed,
      field: '(document)',
    });
  }
  const record = recordOf(doc.data);
  const res = caskSchema.safeParse(doc.data);
  if (!res.success) return empty(issuesFromZod(feed, record, res.error));

  const cask = res.data;
  if (cask.version.toLowerCase() === 'latest') {
    return empty([
      {
        source: feed,
        record: cask.token,
        field: 'version',
        message: 'version is "latest": Homebrew does not track which release is current',
      },
    ]);
  }
  const { version, build } = splitCaskVersion(cask.version);
  if (version === '') {
    return empty([
      {
        source: feed,
        record: cask.token,
        field: 'version',
        message: `no version before the comma in "${cask.version}"`,
      },
    ]);
  }

  const product: Product = {
    id: cask.token,
    name: cask.name.find((n) => n.trim() !== '')?.trim() ?? cask.token,
    platform: 'macos',
    scheme: 'dotted',
  };
  const track: Track = { product: cask.token, id: HOMEBREW_TRACK, name: 'Stable' };
  const release: Release = {
    product: cask.token,
    track: HOMEBREW_TRACK,
    version,
    build,
    releasedAt: null,
    cves: [],
    exploitedCves: [],
    url: null,
  };
  return { products: [product], tracks: [track], releases: [release], issues: [] };
}

function empty(issues: FeedIssue[]): ParsedFeed {
  return { products: [], tracks: [], releases: [], issues };
}
