import { describe, expect, it } from 'vitest';
import { loadDemoCatalog } from './demo-catalog.js';
import { generateDemoFleet } from './fleet-model.js';

describe('generateDemoFleet', () => {
  it('gives the first person seven computers, so a digest can show one update on seven', () => {
    const { people, hosts } = generateDemoFleet({
      hosts: 60,
      people: 40,
      seed: 3,
      start: new Date('2026-08-01T00:00:00Z'),
      catalog: loadDemoCatalog(),
    });
    const count = (email: string | undefined): number =>
      hosts.filter((h) => h.owner.email === email).length;
    expect(count(people[0]?.email)).toBe(7);
    // Everyone still has at least one.
    expect(people.every((p) => count(p.email) >= 1)).toBe(true);
  });
});
