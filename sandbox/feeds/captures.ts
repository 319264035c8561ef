/**
 * When the data behind each stand-in feed was true: the day its capture was taken (see each
 * fixture folder's SOURCES.md). The demo records each feed's read at this time, not at the demo
 * clock, so a 2023 Firefox sample shows as a read from 2023 (stale) instead of as today's truth.
 * Keys are feed names as `standInFeedEnv` configures them. Times are the start of the captured
 * day: a read can look older than it was, never fresher.
 */
export const FEED_CAPTURED_AT: Readonly<Record<string, string>> = {
  // macadmins/sofa snapshot commit of 2026-08-22 (sandbox/feeds/data/sofa/SOURCES.md).
  'sofa-macos': '2026-08-22T00:00:00Z',
  'sofa-ios': '2026-08-22T00:00:00Z',
  // VersionHistory mac answers captured 2026-09-18 (chrome/__fixtures__/SOURCES.md). The win
  // answer (2026-09-27) is served too but not read by standInFeedEnv: it is younger than this.
  chrome: '2026-09-18T00:00:00Z',
  // Chrome Releases blog feed trimmed on 2026-07-18 (chrome-releases/__fixtures__/SOURCES.md).
  'chrome-releases': '2026-07-18T00:00:00Z',
  // product-details of May 2023: latest 113.0.1, released 2023-05-12.
  firefox: '2023-05-12T00:00:00Z',
  // Edge products API capture of 2026-09-10 (sandbox/feeds/data/edge/SOURCES.md); its newest
  // record was published 2026-09-09 23:51.
  edge: '2026-09-10T00:00:00Z',
  // formulae.brew.sh sample response, generated_date 2021-08-24.
  homebrew: '2021-08-24T00:00:00Z',
  // Patchbay's own example custom feed (docs/custom-feed.md): as of its newest release.
  'acme-vpn': '2025-03-10T00:00:00Z',
};

/** When the capture behind `feed` was taken; throws for a feed with no known capture. */
export function capturedAt(feed: string): Date {
  const at = FEED_CAPTURED_AT[feed];
  if (!at) throw new Error(`No capture time known for stand-in feed ${feed}`);
  return new Date(at);
}
