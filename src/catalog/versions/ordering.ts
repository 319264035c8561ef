/**
 * Building blocks the schemes share: splitting "1.2.3" into numbers with an error that says
 * which part was wrong, and the two orderings every scheme needs (release numbers, pre-release
 * identifiers). Pure; no scheme imports another scheme.
 */
import type { ParseResult } from './types.js';

/**
 * The longest version string any scheme reads. Real versions are under 40 characters
 * ("13.4.1 (c) (22F770820d)", "6.6.3,20260603142618,f60f2ff97e"); inventory and feeds are
 * outside text of any length, and a 100,000-character one made the dotted scheme's patterns
 * backtrack for minutes and put the whole string into every error message.
 */
export const MAX_VERSION_LENGTH = 256;

/** The error for a version past {@link MAX_VERSION_LENGTH}, or null when its length is fine. */
export function lengthError(text: string): string | null {
  return text.length > MAX_VERSION_LENGTH
    ? `longer than ${MAX_VERSION_LENGTH} characters (${text.length}), not a version`
    : null;
}

/** A pre-release identifier: numbers order numerically, words in ASCII order. */
export type Identifier = string | number;

/** Options for {@link parseNumericParts}. */
export interface NumericPartsOptions {
  /** Semver forbids "01"; app versions ("2024.01") use them. */
  readonly allowLeadingZeros: boolean;
}

/**
 * Parse "15.1.1" into [15, 1, 1]. The error names the part (1-based) and what it held, so an
 * admin can see at a glance that "1.2.x" failed on "x" and "1..2" on an empty part.
 */
export function parseNumericParts(core: string, opts: NumericPartsOptions): ParseResult<number[]> {
  const parts: number[] = [];
  const pieces = core.split('.');
  for (const [i, piece] of pieces.entries()) {
    const n = i + 1;
    if (piece === '') return { ok: false, error: `part ${n} is empty` };
    if (!/^\d+$/.test(piece)) return { ok: false, error: `part ${n} "${piece}" is not a number` };
    if (!opts.allowLeadingZeros && piece.length > 1 && piece.startsWith('0')) {
      return { ok: false, error: `part ${n} "${piece}" has a leading zero` };
    }
    const value = Number(piece);
    // Beyond 2^53 two different versions could compare equal; refuse rather than mis-order.
    if (!Number.isSafeInteger(value)) {
      return { ok: false, error: `part ${n} "${piece}" is too large` };
    }
    parts.push(value);
  }
  return { ok: true, value: parts };
}

/** Order release numbers; a missing part counts as 0, so 1.2 and 1.2.0 are the same release. */
export function compareNumberLists(a: readonly number[], b: readonly number[]): number {
  const len = Math.max(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** ASCII order of two strings; localeCompare would make the order depend on the host. */
export function compareAscii(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Semver 2.0.0 precedence of pre-release identifier lists (spec item 11). An empty list is a
 * final release and orders after any pre-release of the same numbers.
 */
export function comparePrerelease(a: readonly Identifier[], b: readonly Identifier[]): number {
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i] as Identifier;
    const y = b[i] as Identifier;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return Math.sign(x - y);
    } else if (typeof x === 'number') {
      return -1;
    } else if (typeof y === 'number') {
      return 1;
    } else {
      const d = compareAscii(x, y);
      if (d !== 0) return d;
    }
  }
  return Math.sign(a.length - b.length);
}
