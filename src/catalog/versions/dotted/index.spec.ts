import { describe, expect, it } from 'vitest';
import type { DottedVersion } from './index.js';
import { DottedScheme } from './index.js';

const scheme = new DottedScheme();

function parsed(raw: string): DottedVersion {
  const r = scheme.parse(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
}

describe('DottedScheme.parse', () => {
  it.each([
    ['24.11.1 (24111)', [24, 11, 1], [], null, '24111'],
    ['1.2.3-beta.2', [1, 2, 3], ['beta', 2], null, null],
    ['2024.10', [2024, 10], [], null, null],
    ['6.4.6.53970', [6, 4, 6, 53970], [], null, null],
    ['128.0esr', [128, 0], [], 'esr', null],
    ['115.18.0esr', [115, 18, 0], [], 'esr', null],
    ['134.0b5', [134, 0], ['b', 5], null, null],
    ['1.4rc2', [1, 4], ['rc', 2], null, null],
    ['3.0.1,1234', [3, 0, 1], [], null, '1234'],
    ['2.5.3,2024.05.01:ab12', [2, 5, 3], [], null, '2024.05.01:ab12'],
    ['1.0.0+sha.5114f85', [1, 0, 0], [], null, 'sha.5114f85'],
    ['v2.1', [2, 1], [], null, null],
    ['V2.1.0-RC1', [2, 1, 0], ['rc', 1], null, null],
    ['5.17.2 (Build 45720)', [5, 17, 2], [], null, 'Build 45720'],
    ['2024.01', [2024, 1], [], null, null],
    ['7', [7], [], null, null],
    [' 1.2 ', [1, 2], [], null, null],
  ])('%j -> parts %j, pre %j, flavour %j, build %j', (raw, parts, pre, flavour, build) => {
    const v = parsed(raw);
    expect(v.raw).toBe(raw.trim());
    expect(v.parts).toEqual(parts);
    expect(v.prerelease).toEqual(pre);
    expect(v.flavour).toBe(flavour);
    expect(v.build).toBe(build);
  });

  it.each([
    ['', 'empty version'],
    [' ', 'empty version'],
    ['abc', 'part 1 "abc" is not a number'],
    ['1..2', 'part 2 is empty'],
    ['1.2.x', 'part 3 "x" is not a number'],
    ['1.2.', 'part 3 is empty'],
    ['v', 'part 1 "v" is not a number'],
    ['1.2.3-', 'empty pre-release'],
    ['1.2.3-beta..2', 'pre-release identifier 2 is empty'],
    ['1.2.3-beta_2', 'pre-release identifier 1 "beta_2" is not letters and digits'],
    ['1.2b3-rc1', 'two pre-release markers'],
    ['1.2esr.3', 'part 2 "2esr" is not a number'],
    ['3.0.1,', 'empty build annotation'],
    ['3.0.1 ()', 'empty build annotation'],
    ['3.0.1,12 34', 'space in build'],
    [',1234', 'no version before the build'],
    ['1.2 beta', 'unexpected space'],
    ['1.2.99999999999999999', 'too large'],
  ])('%j is an error mentioning %j', (raw, message) => {
    const r = scheme.parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error.startsWith('dotted: ')).toBe(true);
    }
  });
});

describe('DottedScheme.compare', () => {
  it.each([
    ['1.2', '1.2.0', 0],
    ['1.2.0.0', '1.2', 0],
    ['24.11.1 (24111)', '24.11.1 (24112)', 0],
    ['24.11.1 (24111)', '24.11.1', 0],
    ['3.0.1,1234', '3.0.1', 0],
    ['v1.2.3', '1.2.3', 0],
    ['128.0esr', '128.0', 0],
    ['1.2.3-beta.2', '1.2.3', -1],
    ['1.2.3-beta.2', '1.2.3-beta.10', -1],
    ['1.2.3-beta2', '1.2.3-beta.2', 0],
    ['1.2.3-alpha', '1.2.3-beta', -1],
    ['1.2.3-rc9', '1.2.3-rc10', -1],
    ['1.2.3-rc.1', '1.2.2', 1],
    ['134.0b5', '134.0', -1],
    ['134.0b9', '134.0b10', -1],
    ['2024.9', '2024.10', -1],
    ['6.4.6.53970', '6.4.7', -1],
    ['115.18.0esr', '128.0esr', -1],
    ['1.10', '1.9', 1],
  ])('%j vs %j -> %d', (a, b, expected) => {
    expect(Math.sign(scheme.compare(parsed(a), parsed(b)))).toBe(expected);
    expect(Math.sign(scheme.compare(parsed(b), parsed(a)))).toBe(-expected || 0);
  });
});

describe('DottedScheme.trackOf', () => {
  it.each([
    ['24.11.1 (24111)', '24'],
    ['2024.10', '2024'],
    ['128.0esr', '128'],
    ['v3.0.1,1234', '3'],
  ])('%j -> %j', (raw, track) => {
    expect(scheme.trackOf(parsed(raw))).toBe(track);
  });

  it('has the id of its folder', () => {
    expect(scheme.id).toBe('dotted');
    expect(DottedScheme.id).toBe('dotted');
  });
});
