import { compareAscii, compareNumberLists, lengthError, parseNumericParts } from '../ordering.js';
import type { ParsedVersion, ParseResult, VersionScheme } from '../types.js';
import type { AppleBuild } from './build.js';
import { parseAppleBuild } from './build.js';

export type { AppleBuild } from './build.js';
export { compareAppleBuilds, parseAppleBuild } from './build.js';

/** A macOS / iOS / iPadOS version, with its rapid security response letter and build if given. */
export interface AppleOsVersion extends ParsedVersion {
  /** Rapid security response letter: "c" for "13.4.1 (c)", null for a normal release. */
  readonly rsr: string | null;
  /** The build given in parentheses ("15.1.1 (24B91)"); never used for order. */
  readonly build: AppleBuild | null;
}

/** One "(...)" group after the numbers; the content decides whether it is an RSR or a build. */
const GROUP = /^\(\s*([^()\s]*)\s*\)\s*/;
const RSR_LETTER = /^[a-z]$/;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: `apple-os: ${error}` };
}

/**
 * Apple OS versions: "15.1.1", "26.0", "13.4.1 (c)", "15.1.1 (24B91)", "13.4.1 (c) (22F770820d)".
 * A single lowercase letter in parentheses is a rapid security response and orders after its
 * base release; anything else in parentheses must be a build, which is kept but not ordered on
 * (two builds of one version, e.g. for new hardware, are the same release).
 */
export class AppleOsScheme implements VersionScheme<AppleOsVersion> {
  static readonly id = 'apple-os';
  readonly id = AppleOsScheme.id;

  parse(raw: string): ParseResult<AppleOsVersion> {
    const text = raw.trim();
    if (text === '') return fail('empty version');
    const tooLong = lengthError(text);
    if (tooLong !== null) return fail(tooLong);
    const head = /^[^\s(]*/.exec(text)?.[0] ?? '';
    if (head === '') return fail(`"${text}" does not start with a version number`);
    const parts = parseNumericParts(head, { allowLeadingZeros: false });
    if (!parts.ok) return fail(`${parts.error} in "${text}"`);
    if (parts.value.length > 3) return fail(`"${head}" has more than three parts in "${text}"`);

    let rsr: string | null = null;
    let build: AppleBuild | null = null;
    let rest = text.slice(head.length).trimStart();
    while (rest !== '') {
      const m = GROUP.exec(rest);
      if (!m) return fail(`unexpected "${rest}" after the version in "${text}"`);
      const inner = m[1] ?? '';
      if (RSR_LETTER.test(inner)) {
        // "(a)" after a build would read as a second release; Apple always writes it first.
        if (rsr !== null || build !== null) return fail(`misplaced "(${inner})" in "${text}"`);
        rsr = inner;
      } else {
        const b = parseAppleBuild(inner);
        if (!b.ok) {
          return fail(
            `"(${inner})" is neither a rapid security response letter like "(a)" nor a build like "(24B91)" in "${text}"`,
          );
        }
        if (build !== null) return fail(`more than one build in "${text}"`);
        build = b.value;
      }
      rest = rest.slice(m[0].length);
    }
    return { ok: true, value: { raw: text, parts: parts.value, rsr, build } };
  }

  compare(a: AppleOsVersion, b: AppleOsVersion): number {
    const byParts = compareNumberLists(a.parts, b.parts);
    if (byParts !== 0) return byParts;
    // 13.4.1 < 13.4.1 (a) < 13.4.1 (c): no letter is the base release.
    return compareAscii(a.rsr ?? '', b.rsr ?? '');
  }

  /**
   * The major release: "15" for 15.1.1, "26" for 26.0. Before macOS 11 the major was the
   * second number (10.15 Catalina), so 10.x versions map to "10.x".
   */
  trackOf(v: AppleOsVersion): string {
    const [major = 0, minor = 0] = v.parts;
    return major === 10 ? `10.${minor}` : String(major);
  }
}
