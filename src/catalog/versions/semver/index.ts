import type { Identifier } from '../ordering.js';
import {
  compareNumberLists,
  comparePrerelease,
  lengthError,
  parseNumericParts,
} from '../ordering.js';
import type { ParsedVersion, ParseResult, VersionScheme } from '../types.js';

/** A Semantic Versioning 2.0.0 version; parts are [major, minor, patch]. */
export interface SemverVersion extends ParsedVersion {
  /** Pre-release identifiers: ["rc", 1] for "1.0.0-rc.1"; [] for a release. */
  readonly prerelease: readonly Identifier[];
  /** Build metadata identifiers: ["sha", "5114f85"] for "1.0.0+sha.5114f85"; never ordered on. */
  readonly build: readonly string[];
}

const IDENT = /^[0-9A-Za-z-]+$/;

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error: `semver: ${error}` };
}

/** Check a dot-separated identifier list; `kind` names it in the error. */
function identifierList(text: string, kind: string): ParseResult<string[]> {
  const ids = text.split('.');
  for (const [i, id] of ids.entries()) {
    if (id === '') return { ok: false, error: `${kind} identifier ${i + 1} is empty` };
    if (!IDENT.test(id)) {
      return {
        ok: false,
        error: `${kind} identifier ${i + 1} "${id}" has a character outside [0-9A-Za-z-]`,
      };
    }
  }
  return { ok: true, value: ids };
}

/** Numeric pre-release identifiers compare as numbers (spec item 11.4.1), so store them so. */
function prereleaseIds(text: string): ParseResult<Identifier[]> {
  const ids = identifierList(text, 'pre-release');
  if (!ids.ok) return ids;
  const out: Identifier[] = [];
  for (const [i, id] of ids.value.entries()) {
    if (!/^\d+$/.test(id)) {
      out.push(id);
      continue;
    }
    if (id.length > 1 && id.startsWith('0')) {
      return { ok: false, error: `pre-release identifier ${i + 1} "${id}" has a leading zero` };
    }
    if (!Number.isSafeInteger(Number(id))) {
      return { ok: false, error: `pre-release identifier ${i + 1} "${id}" is too large` };
    }
    out.push(Number(id));
  }
  return { ok: true, value: out };
}

/**
 * Strict Semantic Versioning 2.0.0 (https://semver.org): MAJOR.MINOR.PATCH, an optional
 * "-pre.release" that orders before the release, and "+build" metadata that is kept but ignored
 * for order. No leading "v", no leading zeros, no missing parts: loose input belongs to `dotted`.
 */
export class SemverScheme implements VersionScheme<SemverVersion> {
  static readonly id = 'semver';
  readonly id = SemverScheme.id;

  parse(raw: string): ParseResult<SemverVersion> {
    const text = raw.trim();
    if (text === '') return fail('empty version');
    const tooLong = lengthError(text);
    if (tooLong !== null) return fail(tooLong);
    if (/^v\d/i.test(text)) return fail(`a leading "v" is not semver in "${text}"`);

    const plus = text.indexOf('+');
    const main = plus < 0 ? text : text.slice(0, plus);
    const build =
      plus < 0 ? { ok: true as const, value: [] } : identifierList(text.slice(plus + 1), 'build');
    if (!build.ok) return fail(`${build.error} in "${text}"`);

    const dash = main.indexOf('-');
    const core = dash < 0 ? main : main.slice(0, dash);
    const parts = parseNumericParts(core, { allowLeadingZeros: false });
    if (!parts.ok) return fail(`${parts.error} in "${text}"`);
    if (parts.value.length !== 3) {
      return fail(`"${core}" has ${parts.value.length} parts, expected 3 (major.minor.patch)`);
    }
    const pre = dash < 0 ? { ok: true as const, value: [] } : prereleaseIds(main.slice(dash + 1));
    if (!pre.ok) return fail(`${pre.error} in "${text}"`);

    return {
      ok: true,
      value: { raw: text, parts: parts.value, prerelease: pre.value, build: build.value },
    };
  }

  compare(a: SemverVersion, b: SemverVersion): number {
    return compareNumberLists(a.parts, b.parts) || comparePrerelease(a.prerelease, b.prerelease);
  }

  /** The major: "2" for 2.4.1. */
  trackOf(v: SemverVersion): string {
    return String(v.parts[0] ?? 0);
  }
}
