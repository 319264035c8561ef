import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChrome } from '../../src/catalog/sources/chrome/index.js';
import { parseSofaMacos } from '../../src/catalog/sources/sofa-macos/index.js';
import { repoRoot } from '../feeds/repo-root.js';
import type { DemoCatalog, DemoRelease } from './fleet-model.js';

/**
 * The releases the demo fleet moves through, read with the real parsers from the same samples
 * the feed stand-in serves (plus Chrome's recent release history), so hosts run real versions.
 */
export function loadDemoCatalog(): DemoCatalog {
  const root = repoRoot();
  const sofa = parseSofaMacos(
    JSON.parse(readFileSync(join(root, 'sandbox/feeds/data/sofa/v1-macos_data_feed.json'), 'utf8')),
    'sofa-macos',
  );
  const macos: Record<string, DemoRelease[]> = {};
  for (const r of sofa.releases) {
    if (!r.releasedAt) continue;
    (macos[r.track] ??= []).push({ version: r.version, build: r.build, releasedAt: r.releasedAt });
  }
  const chromeDir = join(root, 'src/catalog/sources/chrome/__fixtures__');
  const chrome = parseChrome(
    ['mac-stable-serving.json', 'mac-stable-history-trimmed.json'].map((f) => ({
      channel: 'stable',
      json: JSON.parse(readFileSync(join(chromeDir, f), 'utf8')) as unknown,
    })),
    'chrome',
  ).releases.filter((r) => r.releasedAt);
  const history = JSON.parse(
    readFileSync(join(chromeDir, 'mac-stable-history-trimmed.json'), 'utf8'),
  ) as { releases: { version: string; serving: { startTime: string } }[] };
  const chromeReleases = new Map<string, DemoRelease>();
  for (const r of [
    ...history.releases.map((h) => ({ version: h.version, releasedAt: h.serving.startTime })),
    ...chrome.map((c) => ({ version: c.version, releasedAt: c.releasedAt as string })),
  ]) {
    const prev = chromeReleases.get(r.version);
    if (!prev || r.releasedAt < prev.releasedAt)
      chromeReleases.set(r.version, {
        version: r.version,
        build: null,
        releasedAt: new Date(r.releasedAt).toISOString(),
      });
  }
  return {
    macos,
    chrome: [...chromeReleases.values()].sort((a, b) => a.releasedAt.localeCompare(b.releasedAt)),
  };
}
