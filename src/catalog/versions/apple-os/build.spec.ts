import { describe, expect, it } from 'vitest';
import type { AppleBuild } from './build.js';
import { compareAppleBuilds, parseAppleBuild } from './build.js';

function build(raw: string): AppleBuild {
  const r = parseAppleBuild(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
}

describe('parseAppleBuild', () => {
  // Builds as the SOFA feed and Apple's security notes print them.
  it.each([
    ['24B91', 24, 'B', 91, null],
    ['25G83', 25, 'G', 83, null],
    ['22F770820d', 22, 'F', 770820, 'd'],
    ['25D771280a', 25, 'D', 771280, 'a'],
    ['19H2026', 19, 'H', 2026, null],
    ['24A5264n', 24, 'A', 5264, 'n'],
    [' 8L1 ', 8, 'L', 1, null],
  ])('%j -> %d %s %d %j', (raw, major, train, number, suffix) => {
    expect(build(raw)).toEqual({ raw: raw.trim(), major, train, number, suffix });
  });

  it.each([
    ['', 'empty build'],
    [' ', 'empty build'],
    ['24b91', 'is not a major number'],
    ['B91', 'is not a major number'],
    ['24B', 'is not a major number'],
    ['24B91AB', 'is not a major number'],
    ['15.1.1', 'is not a major number'],
  ])('%j is an error mentioning %j', (raw, message) => {
    const r = parseAppleBuild(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('compareAppleBuilds', () => {
  it.each([
    ['24B91', '24B91', 0],
    ['24B83', '24B91', -1],
    ['24B91', '24C101', -1],
    ['23H222', '24A335', -1],
    ['22F82', '22F770820b', -1],
    ['22F770820b', '22F770820d', -1],
    ['22F770820d', '22G74', -1],
    ['24G9', '24G10', -1],
    ['25D2128', '25D2128a', -1],
  ])('%j vs %j -> %d', (a, b, expected) => {
    expect(Math.sign(compareAppleBuilds(build(a), build(b)))).toBe(expected);
    expect(Math.sign(compareAppleBuilds(build(b), build(a)))).toBe(-expected || 0);
  });
});
