import { describe, expect, it } from 'vitest';
import { loadDemoCatalog } from './demo-catalog.js';
import { generateDemoFleet } from './fleet-model.js';

describe('generateDemoFleet', () => {
  it.each([
    [60, 40, 3],
    [500, 300, 1],
    [900, 300, 7],
  ])(
    'with %d hosts for %d people (seed %d), the first person has exactly seven computers',
    (n, p, seed) => {
      const { people, hosts } = generateDemoFleet({
        hosts: n,
        people: p,
        seed,
        start: new Date('2026-08-01T00:00:00Z'),
        catalog: loadDemoCatalog(),
      });
      const count = (email: string | undefined): number =>
        hosts.filter((h) => h.owner.email === email).length;
      expect(count(people[0]?.email)).toBe(7);
      // Everyone still has at least one.
      expect(people.every((p) => count(p.email) >= 1)).toBe(true);
    },
  );
});
