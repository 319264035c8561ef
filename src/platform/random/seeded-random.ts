/**
 * mulberry32: a small, fast seeded PRNG for stand-ins, generated fleets and the TTI bootstrap, so
 * the same seed always gives the same data (and "429 on 10% of calls" is the same 10% every run,
 * the same history prints the same interval). Never for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
