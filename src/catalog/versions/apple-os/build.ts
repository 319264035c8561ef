/**
 * Apple build numbers ("24B91", "22F770820d"): a major (24 = macOS 15 / iOS 18), a train letter
 * (one per minor release, in order), a build number and an optional lowercase letter (rapid
 * security responses, betas, device-specific builds).
 */
import type { ParseResult } from '../types.js';

/** A parsed Apple build number. */
export interface AppleBuild {
  /** The build, trimmed: "24B91". */
  readonly raw: string;
  /** The build major: 24 for "24B91" (macOS 15 / iOS 18; the OS major is this minus 9). */
  readonly major: number;
  /** The train letter: "B" for "24B91"; it moves forward with every minor release. */
  readonly train: string;
  /** The number inside the train: 91 for "24B91", 770820 for "22F770820d". */
  readonly number: number;
  /** The trailing lowercase letter, or null: "d" for "22F770820d". */
  readonly suffix: string | null;
}

const BUILD = /^(\d{1,2})([A-Z])(\d{1,7})([a-z])?$/;

/**
 * Parse an Apple build number. Errors are values naming what was wrong, never exceptions.
 */
export function parseAppleBuild(raw: string): ParseResult<AppleBuild> {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'apple build: empty build' };
  const m = BUILD.exec(text);
  if (!m) {
    return {
      ok: false,
      error: `apple build: "${text}" is not a major number, a train letter, a number and an optional lowercase letter (like 24B91)`,
    };
  }
  const [, major = '', train = '', number = '', suffix] = m;
  return {
    ok: true,
    value: {
      raw: text,
      major: Number(major),
      train,
      number: Number(number),
      suffix: suffix ?? null,
    },
  };
}

/**
 * Order two builds by major, train letter, number, then suffix (none first). This is structural:
 * it is right for the public builds of one OS, but a rapid security response build
 * ("25D771280a") carries a large number and can sort after a later release in the same train
 * ("25D2140"). Order releases by version; use builds only to tell builds apart.
 */
export function compareAppleBuilds(a: AppleBuild, b: AppleBuild): number {
  if (a.major !== b.major) return Math.sign(a.major - b.major);
  if (a.train !== b.train) return a.train < b.train ? -1 : 1;
  if (a.number !== b.number) return Math.sign(a.number - b.number);
  if (a.suffix === b.suffix) return 0;
  if (a.suffix === null) return -1;
  if (b.suffix === null) return 1;
  return a.suffix < b.suffix ? -1 : 1;
}
