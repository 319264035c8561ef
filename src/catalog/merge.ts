import type { Release } from './model.js';

/**
 * Two feeds can report the same release (Chrome's VersionHistory API without CVEs, the Chrome
 * Releases blog with them). A later read adds what it knows and never erases what another feed
 * said: CVE lists are unions, and a known build, date or link is kept.
 * Returns null when the incoming record adds nothing, so unchanged data costs no write.
 */
export function mergeRelease(existing: Release, incoming: Release): Release | null {
  const cves = union(existing.cves, incoming.cves);
  const exploitedCves = union(existing.exploitedCves, incoming.exploitedCves);
  const merged: Release = {
    ...existing,
    build: existing.build ?? incoming.build,
    releasedAt: existing.releasedAt ?? incoming.releasedAt,
    url: existing.url ?? incoming.url,
    cves,
    exploitedCves,
  };
  const same =
    merged.build === existing.build &&
    merged.releasedAt === existing.releasedAt &&
    merged.url === existing.url &&
    cves.length === existing.cves.length &&
    exploitedCves.length === existing.exploitedCves.length;
  return same ? null : merged;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
