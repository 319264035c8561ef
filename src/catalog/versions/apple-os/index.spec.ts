import { describe, expect, it } from 'vitest';
import type { AppleOsVersion } from './index.js';
import { AppleOsScheme } from './index.js';

const scheme = new AppleOsScheme();

function parsed(raw: string): AppleOsVersion {
  const r = scheme.parse(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
}

describe('AppleOsScheme.parse', () => {
  it.each([
    ['15.1.1', [15, 1, 1], null, null],
    ['26.0', [26, 0], null, null],
    [' 14.7.2 ', [14, 7, 2], null, null],
    ['13.4.1 (a)', [13, 4, 1], 'a', null],
    ['13.4.1 (c)', [13, 4, 1], 'c', null],
    ['13.4.1(c)', [13, 4, 1], 'c', null],
    ['15.1.1 (24B91)', [15, 1, 1], null, '24B91'],
    ['26.0 ( 25A354 )', [26, 0], null, '25A354'],
    ['13.4.1 (c) (22F770820d)', [13, 4, 1], 'c', '22F770820d'],
    ['10.15.7 (19H2026)', [10, 15, 7], null, '19H2026'],
  ])('%j -> parts %j, rsr %j, build %j', (raw, parts, rsr, build) => {
    const v = parsed(raw);
    expect(v.raw).toBe(raw.trim());
    expect(v.parts).toEqual(parts);
    expect(v.rsr).toBe(rsr);
    expect(v.build?.raw ?? null).toBe(build);
  });

  it.each([
    ['', 'empty version'],
    [' ', 'empty version'],
    ['abc', 'part 1 "abc" is not a number'],
    ['1..2', 'part 2 is empty'],
    ['1.2.x', 'part 3 "x" is not a number'],
    ['15.01', 'leading zero'],
    ['15.1.1.1', 'more than three parts'],
    ['(a)', 'does not start with a version number'],
    ['15.1 (A)', 'neither a rapid security response letter'],
    ['15.1 (beta)', 'neither a rapid security response letter'],
    ['15.1 ()', 'neither a rapid security response letter'],
    ['13.4.1 (22F770820d) (c)', 'misplaced "(c)"'],
    ['13.4.1 (a) (c)', 'misplaced "(c)"'],
    ['15.1 (24B91) (24B92)', 'more than one build'],
    ['15.1 beta', 'unexpected "beta"'],
    ['15.1 (a', 'unexpected "(a"'],
  ])('%j is an error mentioning %j', (raw, message) => {
    const r = scheme.parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error.startsWith('apple-os: ')).toBe(true);
    }
  });
});

describe('AppleOsScheme.compare', () => {
  it.each([
    ['13.4.1', '13.4.1 (a)', -1],
    ['13.4.1 (a)', '13.4.1 (c)', -1],
    ['13.4.1 (c)', '13.5', -1],
    ['13.4', '13.4.1 (a)', -1],
    ['14.7.2', '15.0', -1],
    ['15.1.1', '15.1.1', 0],
    ['26.0', '26', 0],
    ['26.0', '26.0.0', 0],
    ['15.1.1 (24B91)', '15.1.1 (24B2091)', 0],
    ['15.1.1 (24B91)', '15.1.1', 0],
    ['13.4.1 (c)', '13.4.1 (c) (22F770820d)', 0],
    ['12.7.6', '12.10', -1],
    ['26.0', '15.7.2', 1],
    ['10.15.7', '11.0', -1],
  ])('%j vs %j -> %d', (a, b, expected) => {
    expect(Math.sign(scheme.compare(parsed(a), parsed(b)))).toBe(expected);
    expect(Math.sign(scheme.compare(parsed(b), parsed(a)))).toBe(-expected || 0);
  });

  it('sorts a mixed list into release order', () => {
    const input = ['13.5', '13.4.1 (c)', '13.4.1', '13.4.1 (a)', '13.4', '12.7.6'];
    const sorted = input.map(parsed).sort((a, b) => scheme.compare(a, b));
    expect(sorted.map((v) => v.raw)).toEqual([
      '12.7.6',
      '13.4',
      '13.4.1',
      '13.4.1 (a)',
      '13.4.1 (c)',
      '13.5',
    ]);
  });
});

describe('AppleOsScheme.trackOf', () => {
  it.each([
    ['15.1.1', '15'],
    ['26.0', '26'],
    ['13.4.1 (c)', '13'],
    ['11.7.10', '11'],
    ['10.15.7', '10.15'],
    ['10', '10.0'],
  ])('%j -> %j', (raw, track) => {
    expect(scheme.trackOf(parsed(raw))).toBe(track);
  });

  it('has the id of its folder', () => {
    expect(scheme.id).toBe('apple-os');
    expect(AppleOsScheme.id).toBe('apple-os');
  });
});
