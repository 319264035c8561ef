/**
 * Properties of every version scheme (issue 9): parsing outside text never throws, and compare
 * is a total order on what parses (reflexive, antisymmetric, transitive), so sorting, "behind"
 * and maxVersion cannot depend on the order an inventory or a feed listed things in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString, PROPERTY_RUNS } from '../../../test/outside-data.js';
import { compareVersions, maxVersion, versionSchemes } from './api.js';
import type { VersionSchemeId } from './types.js';

// Small numbers so that equal parts, and so ties and transitivity chains, come up often.
const num = fc.integer({ min: 0, max: 3 });
const numText = fc.oneof(num.map(String), fc.constantFrom('10', '00', '01', '9007199254740991'));
const letters = fc.constantFrom('a', 'b', 'beta', 'rc', 'alpha', 'x', 'esr', 'A');
const join = (xs: readonly string[], sep: string): string => xs.join(sep);

const appleOs = fc
  .tuple(
    fc.array(num, { minLength: 1, maxLength: 3 }),
    fc.option(fc.constantFrom('a', 'b', 'c')),
    fc.option(fc.constantFrom('24B91', '22F770820d', '25A354')),
  )
  .map(([parts, rsr, build]) =>
    [parts.join('.'), rsr === null ? '' : ` (${rsr})`, build === null ? '' : ` (${build})`].join(
      '',
    ),
  );

const chrome = fc.array(num, { minLength: 4, maxLength: 4 }).map((p) => p.join('.'));

const identifier = fc.oneof(num.map(String), letters, fc.constantFrom('rc1', 'beta2', '0a'));
const dotted = fc
  .tuple(
    fc.boolean(),
    fc.array(numText, { minLength: 1, maxLength: 4 }),
    fc.oneof(
      fc.constant(''),
      fc.array(identifier, { minLength: 1, maxLength: 3 }).map((ids) => `-${join(ids, '.')}`),
      fc.constantFrom('b5', 'rc1', 'esr', 'a1', 'pre'),
    ),
    fc.constantFrom('', ' (24111)', ',1234', '+abc'),
  )
  .map(([v, parts, pre, build]) => `${v ? 'v' : ''}${parts.join('.')}${pre}${build}`);

const semverId = fc.oneof(num.map(String), letters, fc.constantFrom('rc-1', '0a', 'x-y'));
const semver = fc
  .tuple(
    fc.array(num, { minLength: 3, maxLength: 3 }),
    fc.option(fc.array(semverId, { minLength: 1, maxLength: 3 })),
    fc.option(fc.constantFrom('sha.5114f85', '001', 'b-1')),
  )
  .map(
    ([parts, pre, build]) =>
      `${parts.join('.')}${pre ? `-${pre.join('.')}` : ''}${build ? `+${build}` : ''}`,
  );

const generated: Record<VersionSchemeId, fc.Arbitrary<string>> = {
  'apple-os': appleOs,
  chrome,
  dotted,
  semver,
};

const schemeIds = Object.keys(versionSchemes) as VersionSchemeId[];
const runs = { numRuns: PROPERTY_RUNS };

/** Compare two strings that are known to parse. */
function cmp(id: VersionSchemeId, a: string, b: string): number {
  const c = compareVersions(id, a, b);
  if (c === null) throw new Error(`${id}: ${a} or ${b} did not parse`);
  return c;
}

describe('version scheme properties', () => {
  it('covers every registered scheme with a generator of valid versions', () => {
    expect(Object.keys(generated).sort()).toEqual([...schemeIds].sort());
  });

  describe.each(schemeIds)('%s', (id) => {
    const scheme = versionSchemes[id];
    const valid = generated[id];

    it('never throws on outside text; an error says which scheme refused it', () => {
      fc.assert(
        fc.property(fc.oneof(hostileString, valid, fc.string({ unit: 'binary' })), (raw) => {
          const r = scheme.parse(raw);
          if (r.ok) expect(r.value.raw).toBe(raw.trim());
          else expect(r.error.startsWith(`${id}: `)).toBe(true);
        }),
        runs,
      );
    });

    it('parses every generated valid version', () => {
      fc.assert(
        fc.property(valid, (raw) => {
          const r = scheme.parse(raw);
          expect(r.ok ? 'ok' : r.error).toBe('ok');
        }),
        runs,
      );
    });

    it('compare is reflexive and antisymmetric, with a finite sign', () => {
      fc.assert(
        fc.property(valid, valid, (a, b) => {
          expect(cmp(id, a, a)).toBe(0);
          const ab = cmp(id, a, b);
          expect(Number.isFinite(ab)).toBe(true);
          expect(Math.sign(ab)).toBe(-Math.sign(cmp(id, b, a)) || 0);
        }),
        runs,
      );
    });

    it('compare is transitive, and equal versions compare alike with everything', () => {
      fc.assert(
        fc.property(valid, valid, valid, (a, b, c) => {
          if (cmp(id, a, b) <= 0 && cmp(id, b, c) <= 0)
            expect(cmp(id, a, c)).toBeLessThanOrEqual(0);
          if (cmp(id, a, b) === 0) expect(Math.sign(cmp(id, a, c))).toBe(Math.sign(cmp(id, b, c)));
        }),
        runs,
      );
    });

    it('compareVersions is total on arbitrary strings: a number or null, never a throw', () => {
      fc.assert(
        fc.property(fc.oneof(hostileString, valid), fc.oneof(hostileString, valid), (a, b) => {
          const c = compareVersions(id, a, b);
          expect(c === null || Number.isFinite(c)).toBe(true);
        }),
        runs,
      );
    });

    it('maxVersion returns one of the inputs that no other parsed input exceeds', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(valid, hostileString), { maxLength: 8 }), (list) => {
          const max = maxVersion(id, list);
          const parsed = list.filter((v) => scheme.parse(v).ok);
          if (parsed.length === 0) {
            expect(max).toBeNull();
            return;
          }
          expect(parsed).toContain(max);
          for (const v of parsed) expect(cmp(id, v, max as string)).toBeLessThanOrEqual(0);
        }),
        runs,
      );
    });

    // Inventory versions are outside text of any length: parsing one must stay linear. A
    // backtracking pattern made a 100,000-character "1 ... x" take minutes, holding the sync.
    it.each([
      ['spaces before a stray character', `1${' '.repeat(100_000)}x`],
      ['parentheses', `1 ${' ('.repeat(50_000)}x`],
      ['commas', `1${','.repeat(100_000)}`],
      ['dots', '1.'.repeat(50_000)],
    ])('refuses a 100,000-character version (%s) by its length, before any pattern', (_, raw) => {
      const r = scheme.parse(raw);
      expect(r.ok ? 'parsed' : r.error).toContain('longer than 256 characters');
    });
  });
});
