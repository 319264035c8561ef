/**
 * Jamf Pro's computers-inventory pages and Classic API computers against hostile outside data
 * (issue 9): a page maps to well-formed HostRecords plus issues naming jamf, the computer and
 * the field, or fails whole with E_INVENTORY_PARSE; one broken computer costs only itself.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostProblems } from '../../../../test/host-record-problems.js';
import {
  codedOutcome,
  issueProblem,
  outsideData,
  PROPERTY_RUNS,
  shallowHostileJson,
} from '../../../../test/outside-data.js';
import { lookupSerial, parseClassicComputer } from './classic.js';
import type { JamfSession } from './jamf-http.js';
import { parseInventoryPage } from './map-inventory.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const captured = fixture('computers-inventory.real-capture.json') as { results: unknown[] };
const docs = fixture('computers-inventory.docs-example.json') as { results: unknown[] };
/** Both inventory fixtures as one page: the real capture's sections and the docs' variety. */
const page = { totalCount: 2, results: [...captured.results, ...docs.results] };
const classic = fixture('classic-computer.json');

const runs = { numRuns: PROPERTY_RUNS };

describe('Jamf mappers on outside data', () => {
  it('maps the fixtures cleanly (the baseline the properties break)', () => {
    const { hosts, issues } = parseInventoryPage(JSON.stringify(page), 0);
    expect(issues).toEqual([]);
    expect(hosts.flatMap((h) => hostProblems(h, 'jamf'))).toEqual([]);
    expect(hostProblems(parseClassicComputer(JSON.stringify(classic), 'C02X'), 'jamf')).toEqual([]);
  });

  it('a page gives well-formed hosts and named issues, or E_INVENTORY_PARSE naming jamf', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(outsideData(page), fc.string()), async (raw) => {
        const body = typeof raw === 'string' && !raw.startsWith('{') ? raw : JSON.stringify(raw);
        const outcome = await codedOutcome(() => parseInventoryPage(body, 3));
        if (!outcome.ok) {
          expect(outcome.error.code).toBe('E_INVENTORY_PARSE');
          expect(outcome.error.details).toMatchObject({ source: 'jamf', page: 3 });
          return;
        }
        const { hosts, issues } = outcome.value;
        expect(hosts.flatMap((h) => hostProblems(h, 'jamf'))).toEqual([]);
        expect(issues.map((i) => issueProblem(i, 'jamf')).filter(Boolean)).toEqual([]);
      }),
      runs,
    );
  });

  it('one broken computer costs only that computer', () => {
    const all = parseInventoryPage(JSON.stringify(page), 0).hosts.map((h) => h.sourceId);
    fc.assert(
      fc.property(fc.nat(), shallowHostileJson, (at, value) => {
        const results = [...page.results];
        results[at % results.length] = value;
        const body = JSON.stringify({ ...page, results });
        const kept = parseInventoryPage(body, 0).hosts.map((h) => h.sourceId);
        expect(all.filter((id) => !kept.includes(id)).length).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });

  it('a Classic API computer maps well-formed, or is E_INVENTORY_PARSE naming serial and field', async () => {
    await fc.assert(
      fc.asyncProperty(outsideData(classic), async (raw) => {
        const outcome = await codedOutcome(() => parseClassicComputer(JSON.stringify(raw), 'C02X'));
        if (outcome.ok) {
          expect(hostProblems(outcome.value, 'jamf')).toEqual([]);
          return;
        }
        expect(outcome.error.code).toBe('E_INVENTORY_PARSE');
        expect(outcome.error.details).toMatchObject({ source: 'jamf', record: 'C02X' });
        expect(outcome.error.details.field).toMatch(/\S/);
      }),
      runs,
    );
  });

  // Found with the Chrome feed's URIError: a serial reported by another source is outside data.
  it('looks up no computer for a serial with a lone surrogate, before any request', async () => {
    const session = {} as JamfSession; // any request would throw on this empty session
    await expect(lookupSerial(session, 'C02X\ud800')).resolves.toBeNull();
  });
});
