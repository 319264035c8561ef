import { describe, expect, it } from 'vitest';
import type { SemverVersion } from './index.js';
import { SemverScheme } from './index.js';

const scheme = new SemverScheme();

function parsed(raw: string): SemverVersion {
  const r = scheme.parse(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
}

describe('SemverScheme.parse', () => {
  // Valid forms include the edge cases listed with the regex on semver.org.
  it.each([
    ['0.0.4', [0, 0, 4], [], []],
    ['1.2.3', [1, 2, 3], [], []],
    ['10.20.30', [10, 20, 30], [], []],
    ['1.0.0-alpha.1', [1, 0, 0], ['alpha', 1], []],
    ['1.0.0-rc.1+build.1', [1, 0, 0], ['rc', 1], ['build', '1']],
    [
      '1.0.0+0.build.1-rc.10000aaa-kk-0.1',
      [1, 0, 0],
      [],
      ['0', 'build', '1-rc', '10000aaa-kk-0', '1'],
    ],
    ['1.0.0-0A.is.legal', [1, 0, 0], ['0A', 'is', 'legal'], []],
    ['1.0.0-x-y-z.--', [1, 0, 0], ['x-y-z', '--'], []],
    ['1.0.0+001', [1, 0, 0], [], ['001']],
    [' 2.4.1 ', [2, 4, 1], [], []],
  ])('%j -> parts %j, pre %j, build %j', (raw, parts, pre, build) => {
    const v = parsed(raw);
    expect(v.raw).toBe(raw.trim());
    expect(v.parts).toEqual(parts);
    expect(v.prerelease).toEqual(pre);
    expect(v.build).toEqual(build);
  });

  it.each([
    ['', 'empty version'],
    [' ', 'empty version'],
    ['abc', 'part 1 "abc" is not a number'],
    ['1..2', 'part 2 is empty'],
    ['1.2.x', 'part 3 "x" is not a number'],
    ['1.2', 'has 2 parts, expected 3'],
    ['1.2.3.4', 'has 4 parts, expected 3'],
    ['01.1.1', 'part 1 "01" has a leading zero'],
    ['1.2.3-0123', 'pre-release identifier 1 "0123" has a leading zero'],
    ['1.2.3-', 'pre-release identifier 1 is empty'],
    ['1.2.3-alpha..1', 'pre-release identifier 2 is empty'],
    ['1.2.3-alpha_beta', 'pre-release identifier 1 "alpha_beta" has a character outside'],
    ['1.2.3+', 'build identifier 1 is empty'],
    ['1.2.3+a+b', 'build identifier 1 "a+b" has a character outside'],
    ['+invalid', 'part 1 is empty'],
    ['-invalid', 'part 1 is empty'],
    ['v1.2.3', 'a leading "v" is not semver'],
    ['1.2.3 beta', 'part 3 "3 beta" is not a number'],
    ['1.2.3-99999999999999999', 'too large'],
  ])('%j is an error mentioning %j', (raw, message) => {
    const r = scheme.parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error.startsWith('semver: ')).toBe(true);
    }
  });
});

describe('SemverScheme.compare', () => {
  it.each([
    ['1.0.0', '2.0.0', -1],
    ['2.0.0', '2.1.0', -1],
    ['2.1.0', '2.1.1', -1],
    ['1.9.0', '1.10.0', -1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
    ['1.0.0+build.1', '1.0.0', 0],
    ['1.0.0-rc.1+a', '1.0.0-rc.1+b', 0],
    ['1.0.0-9', '1.0.0-10', -1],
    ['1.0.0-rc.9', '1.0.0-rc.10', -1],
    ['1.0.0-10', '1.0.0-9a', -1],
    ['1.0.0-Beta', '1.0.0-alpha', -1],
    ['0.9.9', '1.0.0-alpha', -1],
  ])('%j vs %j -> %d', (a, b, expected) => {
    expect(Math.sign(scheme.compare(parsed(a), parsed(b)))).toBe(expected);
    expect(Math.sign(scheme.compare(parsed(b), parsed(a)))).toBe(-expected || 0);
  });

  it('orders the precedence example of semver.org item 11', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ];
    const shuffled = [...ordered].reverse();
    const sorted = shuffled.map(parsed).sort((a, b) => scheme.compare(a, b));
    expect(sorted.map((v) => v.raw)).toEqual(ordered);
  });
});

describe('SemverScheme.trackOf', () => {
  it.each([
    ['2.4.1', '2'],
    ['0.9.0-rc.1', '0'],
    ['10.0.0+build', '10'],
  ])('%j -> %j', (raw, track) => {
    expect(scheme.trackOf(parsed(raw))).toBe(track);
  });

  it('has the id of its folder', () => {
    expect(scheme.id).toBe('semver');
    expect(SemverScheme.id).toBe('semver');
  });
});
