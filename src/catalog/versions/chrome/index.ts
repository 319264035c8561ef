import { compareNumberLists, lengthError, parseNumericParts } from '../ordering.js';
import type { ParsedVersion, ParseResult, VersionScheme } from '../types.js';

/** A Chrome version: parts are [MAJOR, MINOR, BUILD, PATCH]. */
export type ChromeVersion = ParsedVersion;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: `chrome: ${error}` };
}

/**
 * Chrome / Chromium versions, always four numbers: "131.0.6778.85" (MAJOR.MINOR.BUILD.PATCH).
 * Exactly four parts are required because a shorter string is a different thing (a milestone
 * "131" is a track, not a release), and accepting it would let a typo look like an old release.
 */
export class ChromeScheme implements VersionScheme<ChromeVersion> {
  static readonly id = 'chrome';
  readonly id = ChromeScheme.id;

  parse(raw: string): ParseResult<ChromeVersion> {
    const text = raw.trim();
    if (text === '') return fail('empty version');
    const tooLong = lengthError(text);
    if (tooLong !== null) return fail(tooLong);
    const parts = parseNumericParts(text, { allowLeadingZeros: false });
    if (!parts.ok) return fail(`${parts.error} in "${text}"`);
    if (parts.value.length !== 4) {
      return fail(
        `"${text}" has ${parts.value.length} parts, expected 4 (major.minor.build.patch)`,
      );
    }
    return { ok: true, value: { raw: text, parts: parts.value } };
  }

  compare(a: ChromeVersion, b: ChromeVersion): number {
    return compareNumberLists(a.parts, b.parts);
  }

  /** The milestone: "131" for 131.0.6778.85. */
  trackOf(v: ChromeVersion): string {
    return String(v.parts[0] ?? 0);
  }
}
