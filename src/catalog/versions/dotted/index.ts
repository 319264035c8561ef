import type { Identifier } from '../ordering.js';
import {
  compareNumberLists,
  comparePrerelease,
  lengthError,
  parseNumericParts,
} from '../ordering.js';
import type { ParsedVersion, ParseResult, VersionScheme } from '../types.js';

/** A dotted application version with what was around the numbers. */
export interface DottedVersion extends ParsedVersion {
  /** Pre-release identifiers, [] for a release: ["beta", 2] for "1.2.3-beta.2" and "1.2.3b2". */
  readonly prerelease: readonly Identifier[];
  /** A letter suffix that is not a pre-release, e.g. "esr" in "128.0esr"; not ordered on. */
  readonly flavour: string | null;
  /** A build annotation: "24111" in "24.11.1 (24111)", "1234" in "3.0.1,1234"; not ordered on. */
  readonly build: string | null;
}

/** Attached suffixes that mean "before the release": 134.0b5, 2.0a1, 1.4rc2, 3.1pre. */
const PRE_MARKER = /^(a|alpha|b|beta|rc|pre|preview|dev)\d*$/i;
const PAREN_BUILD = /^(.*?)\s*\(([^()]*)\)$/;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: `dotted: ${error}` };
}

/** "beta2" -> ["beta", 2]: splitting letters from digits orders rc9 before rc10. */
function identifiers(text: string): ParseResult<Identifier[]> {
  const ids: Identifier[] = [];
  for (const [i, piece] of text.split('.').entries()) {
    if (!/^[0-9A-Za-z]+$/.test(piece)) {
      const what = piece === '' ? 'is empty' : `"${piece}" is not letters and digits`;
      return { ok: false, error: `pre-release identifier ${i + 1} ${what}` };
    }
    for (const run of piece.toLowerCase().match(/\d+|[a-z]+/g) ?? []) {
      const n = Number(run);
      if (/^\d/.test(run) && !Number.isSafeInteger(n)) {
        return { ok: false, error: `pre-release number "${run}" is too large` };
      }
      ids.push(/^\d/.test(run) ? n : run);
    }
  }
  return { ok: true, value: ids };
}

/** Split off a build annotation: " (24111)", ",1234" (Homebrew casks) or "+abc" (semver). */
function splitBuild(text: string): ParseResult<{ main: string; build: string | null }> {
  const paren = PAREN_BUILD.exec(text);
  const comma = paren ? null : /^([^,+]*)[,+](.*)$/.exec(text);
  const m = paren ?? comma;
  if (!m) return { ok: true, value: { main: text, build: null } };
  const build = (m[2] ?? '').trim();
  if (build === '') return { ok: false, error: 'empty build annotation' };
  // "(Build 24111)" is a common annotation; after "," or "+" a space means two values got glued.
  if (comma && /\s/.test(build)) return { ok: false, error: `space in build "${build}"` };
  return { ok: true, value: { main: m[1] ?? '', build } };
}

/**
 * Dotted app versions as vendors and Homebrew print them: "24.11.1 (24111)", "1.2.3-beta.2",
 * "2024.10", "6.4.6.53970", "128.0esr", "3.0.1,1234", "v2.1". Missing parts count as 0;
 * a pre-release ("-beta.2", "b5", "rc1") orders before its release; builds and flavours
 * ("esr") are kept but do not change the order.
 */
export class DottedScheme implements VersionScheme<DottedVersion> {
  static readonly id = 'dotted';
  readonly id = DottedScheme.id;

  parse(raw: string): ParseResult<DottedVersion> {
    const text = raw.trim();
    if (text === '') return fail('empty version');
    const tooLong = lengthError(text);
    if (tooLong !== null) return fail(tooLong);
    const split = splitBuild(text.replace(/^v(?=\d)/i, ''));
    if (!split.ok) return fail(`${split.error} in "${text}"`);
    const { main, build } = split.value;
    if (main === '') return fail(`no version before the build in "${text}"`);
    if (/\s/.test(main)) return fail(`unexpected space in "${text}"`);

    const dash = main.indexOf('-');
    const core = dash < 0 ? main : main.slice(0, dash);
    const pieces = core.split('.');
    // A letter suffix may hang off the last number only: "128.0esr", "134.0b5".
    const tail = /^(\d+)([A-Za-z][0-9A-Za-z]*)$/.exec(pieces.at(-1) ?? '');
    const suffix = tail?.[2] ?? null;
    if (tail) pieces[pieces.length - 1] = tail[1] ?? '';
    const parts = parseNumericParts(pieces.join('.'), { allowLeadingZeros: true });
    if (!parts.ok) return fail(`${parts.error} in "${text}"`);

    const preText = dash < 0 ? null : main.slice(dash + 1);
    const suffixIsPre = suffix !== null && PRE_MARKER.test(suffix);
    if (preText !== null && suffixIsPre) return fail(`two pre-release markers in "${text}"`);
    const pre = preText ?? (suffixIsPre ? suffix : null);
    if (pre === '') return fail(`empty pre-release in "${text}"`);
    const prerelease = pre === null ? { ok: true as const, value: [] } : identifiers(pre);
    if (!prerelease.ok) return fail(`${prerelease.error} in "${text}"`);

    const flavour = suffix !== null && !suffixIsPre ? suffix : null;
    return {
      ok: true,
      value: { raw: text, parts: parts.value, prerelease: prerelease.value, flavour, build },
    };
  }

  compare(a: DottedVersion, b: DottedVersion): number {
    return compareNumberLists(a.parts, b.parts) || comparePrerelease(a.prerelease, b.prerelease);
  }

  /** The first part: "24" for 24.11.1, "2024" for 2024.10, "128" for 128.0esr. */
  trackOf(v: DottedVersion): string {
    return String(v.parts[0] ?? 0);
  }
}
