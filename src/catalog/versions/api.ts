/**
 * The version scheme registry: one line per folder in this directory. A product names its
 * scheme by id (model.ts `Product.scheme`); everything that orders versions goes through here.
 */
import { AppleOsScheme } from './apple-os/index.js';
import { ChromeScheme } from './chrome/index.js';
import { DottedScheme } from './dotted/index.js';
import { SemverScheme } from './semver/index.js';
import type { ParsedVersion, VersionScheme, VersionSchemeId } from './types.js';

/** Every version scheme by id; api.spec.ts checks it lists every folder. */
export const versionSchemes: Record<VersionSchemeId, VersionScheme> = {
  [AppleOsScheme.id]: new AppleOsScheme(),
  [ChromeScheme.id]: new ChromeScheme(),
  [DottedScheme.id]: new DottedScheme(),
  [SemverScheme.id]: new SemverScheme(),
};

/**
 * Order two version strings of one scheme: negative when a < b, 0 when they are the same
 * release, positive when a > b; null when either does not parse, so a caller cannot mistake
 * "unknown" for "older".
 */
export function compareVersions(schemeId: VersionSchemeId, a: string, b: string): number | null {
  const scheme = versionSchemes[schemeId];
  const pa = scheme.parse(a);
  const pb = scheme.parse(b);
  if (!pa.ok || !pb.ok) return null;
  return scheme.compare(pa.value, pb.value);
}

/**
 * The highest of some version strings, exactly as given; strings that do not parse are skipped
 * (one odd entry in a feed must not hide the others). On a tie the first one wins. Null when
 * none parses.
 */
export function maxVersion(schemeId: VersionSchemeId, versions: readonly string[]): string | null {
  const scheme = versionSchemes[schemeId];
  let best: { raw: string; parsed: ParsedVersion } | null = null;
  for (const raw of versions) {
    const r = scheme.parse(raw);
    if (!r.ok) continue;
    if (best === null || scheme.compare(r.value, best.parsed) > 0) {
      best = { raw, parsed: r.value };
    }
  }
  return best?.raw ?? null;
}
