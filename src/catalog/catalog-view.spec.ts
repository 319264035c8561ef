/**
 * `patchbay catalog` and GET /catalog draw Apple's support window where compliance does: on the
 * real SOFA feed (synced 2026-08-22) Ventura 13 and Monterey 12 are still listed by the feed but
 * get no security fixes, so they leave the default listing and the listing says why.
 */
import { describe, expect, it } from 'vitest';
import { printCatalog } from '../cli/commands/catalog.js';
import { createEvaluator } from '../compliance/evaluator.js';
import { policiesSchema } from '../compliance/policy.js';
import type { Io } from '../cli/output.js';
import { sofaCatalog } from './__fixtures__/sofa-catalog.js';
import { readCatalogView } from './catalog-view.js';

const SYNCED = '2026-08-22T06:00:00.000Z';
const NOW = new Date('2026-08-22T12:00:00Z');

const store = { loadCatalogInput: () => Promise.resolve(sofaCatalog(SYNCED)) };
const tracksOf = (entries: readonly { track: string }[]): string[] => entries.map((e) => e.track);

function bufferIo(): Io & { text: () => string } {
  let out = '';
  return { out: (t) => (out += t), err: () => {}, isTty: false, env: {}, text: () => out };
}

describe('readCatalogView with the support window', () => {
  it.each([
    [3, ['26', '15', '14'], ['13', '12']],
    [2, ['26', '15'], ['14', '13', '12']],
    [5, ['26', '15', '14', '13', '12'], []],
  ])('keeps the newest %i macOS majors', async (n, listed, closed) => {
    const view = await readCatalogView(store, NOW, { supportedMajors: n });
    expect(tracksOf(view.entries)).toEqual(listed);
    expect(tracksOf(view.outsideWindow)).toEqual(closed);
  });

  it('lists the closed majors as unsupported with --all', async () => {
    const view = await readCatalogView(store, NOW, { supportedMajors: 3, all: true });
    const ventura = view.entries.find((e) => e.track === '13');
    expect(ventura?.supported).toBe(false);
    expect(view.entries.find((e) => e.track === '14')?.supported).toBe(true);
  });

  it('says in the table why Ventura and Monterey are missing', async () => {
    const io = bufferIo();
    printCatalog(io, await readCatalogView(store, NOW, { supportedMajors: 3 }), {});
    expect(io.text()).toMatch(/macOS Ventura 13, macOS Monterey 12 are not shown: Apple no longer/);
    expect(io.text()).toContain('--all lists them');
    expect(io.text()).not.toMatch(/\n\S*\s*macOS\s+Ventura 13\s+13\./);
  });

  it('prints no note in JSON, where each entry carries supported', async () => {
    const io = bufferIo();
    const view = await readCatalogView(store, NOW, { supportedMajors: 3, all: true });
    printCatalog(io, view, { json: true, all: true });
    const rows = JSON.parse(io.text()) as { track: string; supported: boolean }[];
    expect(rows.filter((r) => !r.supported).map((r) => r.track)).toEqual(['13', '12']);
  });

  it.each([1, 2, 3, 4])(
    'draws the line where compliance judges hosts (%i supported majors)',
    async (n) => {
      const view = await readCatalogView(store, NOW, { supportedMajors: n, all: true });
      const judged = createEvaluator(
        sofaCatalog(SYNCED),
        policiesSchema.parse({ apple: { supportedMajors: n } }),
        NOW,
      ).products.get('macos');
      const flags = (entries: readonly { track: string; supported: boolean }[]) =>
        entries.map((e) => [e.track, e.supported]);
      expect(judged).toBeDefined();
      expect(flags(view.entries)).toEqual(flags(judged?.view.entries ?? []));
      expect(view.entries.filter((e) => e.supported)).toHaveLength(n);
    },
  );
});
