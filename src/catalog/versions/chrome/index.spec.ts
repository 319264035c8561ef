import { describe, expect, it } from 'vitest';
import type { ChromeVersion } from './index.js';
import { ChromeScheme } from './index.js';

const scheme = new ChromeScheme();

function parsed(raw: string): ChromeVersion {
  const r = scheme.parse(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
}

describe('ChromeScheme.parse', () => {
  it.each([
    ['131.0.6778.85', [131, 0, 6778, 85]],
    [' 131.0.6778.86 ', [131, 0, 6778, 86]],
    ['0.0.0.0', [0, 0, 0, 0]],
    ['1.0.154.36', [1, 0, 154, 36]],
  ])('%j -> %j', (raw, parts) => {
    const v = parsed(raw);
    expect(v.parts).toEqual(parts);
    expect(v.raw).toBe(raw.trim());
  });

  it.each([
    ['', 'empty version'],
    [' ', 'empty version'],
    ['abc', 'part 1 "abc" is not a number'],
    ['1..2.3', 'part 2 is empty'],
    ['131.0.6778.x', 'part 4 "x" is not a number'],
    ['131.0.6778', 'has 3 parts, expected 4'],
    ['131', 'has 1 parts, expected 4'],
    ['131.0.6778.85.1', 'has 5 parts, expected 4'],
    ['v131.0.6778.85', 'part 1 "v131" is not a number'],
    ['131.0.06778.85', 'leading zero'],
    ['131.0.6778.85-beta', 'part 4 "85-beta" is not a number'],
    ['131.0.6778.99999999999999999', 'too large'],
  ])('%j is an error mentioning %j', (raw, message) => {
    const r = scheme.parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error.startsWith('chrome: ')).toBe(true);
    }
  });
});

describe('ChromeScheme.compare', () => {
  it.each([
    ['131.0.6778.85', '131.0.6778.85', 0],
    ['131.0.6778.85', '131.0.6778.86', -1],
    ['131.0.6778.85', '131.0.6779.0', -1],
    ['131.0.6778.204', '132.0.6834.83', -1],
    ['99.0.4844.84', '100.0.4896.60', -1],
    ['131.0.6778.9', '131.0.6778.10', -1],
  ])('%j vs %j -> %d', (a, b, expected) => {
    expect(Math.sign(scheme.compare(parsed(a), parsed(b)))).toBe(expected);
    expect(Math.sign(scheme.compare(parsed(b), parsed(a)))).toBe(-expected || 0);
  });
});

describe('ChromeScheme.trackOf', () => {
  it.each([
    ['131.0.6778.85', '131'],
    ['99.0.4844.84', '99'],
  ])('%j -> %j', (raw, track) => {
    expect(scheme.trackOf(parsed(raw))).toBe(track);
  });

  it('has the id of its folder', () => {
    expect(scheme.id).toBe('chrome');
    expect(ChromeScheme.id).toBe('chrome');
  });
});
