import { describe, expect, it } from 'vitest';
import {
  RANDOM_PRODUCTS,
  TTI_NOW,
  randomDepartures,
  randomHistory,
} from './__fixtures__/tti-history.js';
import { referenceTti } from './__fixtures__/tti-reference.js';
import { computeTti } from './tti.js';

const NOWS = [TTI_NOW, new Date('2026-08-06T00:00:00.000Z'), new Date('2026-07-01T12:00:00.000Z')];

describe('computeTti agrees with the reference algorithm', () => {
  describe.each([1, 2, 3, 42, 2026])('seed %i', (seed) => {
    const history = randomHistory(seed, 400);
    const leftAt = randomDepartures(seed, 400);

    it.each(
      RANDOM_PRODUCTS.flatMap((p) => NOWS.map((now) => [p.id, now.toISOString(), p, now] as const)),
    )('%s as of %s', (_id, _at, product, now) => {
      const input = { releases: product.releases, scheme: product.scheme, history, leftAt, now };
      const expected = referenceTti(input);
      // The data must exercise the rules, not just agree on empty figures.
      if (now === TTI_NOW) {
        expect(expected.some((s) => s.hostsInstalled > 0)).toBe(true);
        expect(expected.some((s) => s.hostsLeft > 0)).toBe(true);
        expect(expected.some((s) => s.hostsWaiting > 0)).toBe(true);
      }
      expect(computeTti(input)).toEqual(expected);
    });
  });

  it('agrees when the history comes in another order (ties in time keep their given order)', () => {
    const history = randomHistory(7, 300).reverse();
    for (const p of RANDOM_PRODUCTS) {
      const input = { releases: p.releases, scheme: p.scheme, history, now: TTI_NOW };
      expect(computeTti(input)).toEqual(referenceTti(input));
    }
  });

  it('agrees with no releases out yet and with an empty history', () => {
    const [macos] = RANDOM_PRODUCTS;
    if (!macos) throw new Error('no fixture');
    const early = { releases: macos.releases, scheme: macos.scheme, history: randomHistory(1, 50) };
    const before = new Date('2026-01-01T00:00:00.000Z');
    expect(computeTti({ ...early, now: before })).toEqual(referenceTti({ ...early, now: before }));
    expect(computeTti({ ...early, history: [], now: TTI_NOW })).toEqual(
      referenceTti({ ...early, history: [], now: TTI_NOW }),
    );
  });
});
