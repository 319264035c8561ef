import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Patchbay supports Node 20 (package.json engines), so `npm ci` there must print no EBADENGINE.
 * cookie@2 (Node >= 22) once came in through @fastify/cookie and fastify's light-my-request;
 * this catches a lock that brings back any package whose only floor is above 20.
 */
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

/** The floor of a plain ">=N[.x.y]" range; ranges with alternatives ("^20.19 || >=22") are not plain. */
const plainFloor = (range: string): number | null => {
  const m = /^>=\s*(\d+)(\.\d+)*$/.exec(range.trim());
  return m ? Number(m[1]) : null;
};

describe('locked packages and Node 20', () => {
  it('none requires a Node major above 20 with no Node 20 alternative', () => {
    const tooNew = Object.entries(lock.packages).flatMap(([name, p]) => {
      const node = !Array.isArray(p.engines) ? p.engines?.node : undefined;
      const floor = node ? plainFloor(node) : null;
      return floor !== null && floor > 20 && !p.optional ? [`${name} (node ${node})`] : [];
    });
    expect(tooNew).toEqual([]);
  });
});
