/**
 * Version schemes: parse a version string of one family and order two of them.
 * Parse errors are values, never exceptions, so one odd version never aborts a sync.
 */
export type VersionSchemeId = 'apple-os' | 'chrome' | 'dotted' | 'semver';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ParsedVersion {
  /** The input, trimmed. */
  readonly raw: string;
  /** Numeric release components, e.g. [15, 1, 1] or [131, 0, 6778, 85]. */
  readonly parts: readonly number[];
}

export interface VersionScheme<V extends ParsedVersion = ParsedVersion> {
  readonly id: VersionSchemeId;
  parse(raw: string): ParseResult<V>;
  /** Negative when a < b, 0 when they denote the same release, positive when a > b. */
  compare(a: V, b: V): number;
  /** The track a version belongs to by default (e.g. "15" for macOS 15.1.1). */
  trackOf(v: V): string;
}
