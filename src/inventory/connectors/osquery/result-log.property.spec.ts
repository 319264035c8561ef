/**
 * osquery result logs against hostile outside data (issue 9). Any enrolled node (or anyone with
 * the shared enroll secret) can send any JSON as `data`: the lines must check into usable lines
 * and issues naming the line and field, applying them must not throw, and the host built from
 * the stored rows must be well-formed, whatever the node sent.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostProblems } from '../../../../test/host-record-problems.js';
import {
  hostileNumber,
  issueProblem,
  outsideData,
  PROPERTY_RUNS,
} from '../../../../test/outside-data.js';
import { QUERY_NAMES } from './config.js';
import { hostRecordOf } from './host-record.js';
import type { NodeWithResults } from './osquery-store.js';
import { applyResultLines, parseResultLines } from './result-log.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** Every result line of the captured logs: snapshots and events, macOS and Windows. */
const lines: unknown[] = [
  'log-result-snapshot-darwin.json',
  'log-result-event-darwin.json',
  'log-result-snapshot-windows.json',
].flatMap((f) => fixture(f).data as unknown[]);
const enroll = fixture('enroll-darwin.json');

/** A node as the store hands it to the connector, with what the lines left behind. */
function nodeWith(data: readonly unknown[], hostDetails: unknown): NodeWithResults {
  const { lines: ok, issues } = parseResultLines(data);
  const details =
    hostDetails && typeof hostDetails === 'object' && !Array.isArray(hostDetails)
      ? (hostDetails as NodeWithResults['hostDetails'])
      : {};
  return {
    hostIdentifier: String(enroll.host_identifier),
    platformType: '16',
    hostDetails: details,
    enrolledAt: '2026-08-18T09:00:00.000Z',
    lastSeenAt: '2026-08-18T09:15:00.000Z',
    lastIssues: issues,
    results: applyResultLines(new Map(), ok),
  };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const runs = { numRuns: PROPERTY_RUNS };

describe('osquery result logs on outside data', () => {
  it('reads the captured logs cleanly (the baseline the properties break)', () => {
    const node = nodeWith(lines, enroll.host_details);
    expect(node.lastIssues).toEqual([]);
    const { host, issues } = hostRecordOf(node);
    expect(issues).toEqual([]);
    expect(hostProblems(host, 'osquery')).toEqual([]);
    expect(host.apps?.length).toBeGreaterThan(0);
  });

  it('every line is used or is an issue naming it and the field', () => {
    fc.assert(
      fc.property(outsideData(lines), (data) => {
        const list = asList(data);
        const { lines: ok, issues } = parseResultLines(list);
        // Lines of other packs are skipped by design; each of ours is a line or has issues.
        const ours = list.filter((l) => {
          const name = l && typeof l === 'object' ? (l as { name?: unknown }).name : undefined;
          return typeof name !== 'string' || QUERY_NAMES.has(name);
        });
        const refused = new Set(issues.map((i) => /^data\[\d+\]/.exec(i.record)?.[0]));
        expect(refused.has(undefined)).toBe(false);
        expect(ok.length + refused.size).toBe(ours.length);
        for (const i of issues)
          expect(issueProblem({ source: 'osquery', ...i }, 'osquery')).toBeNull();
      }),
      runs,
    );
  });

  it('applying whatever checked lines never throws and stamps a real time', () => {
    fc.assert(
      fc.property(outsideData(lines), (data) => {
        const { lines: ok } = parseResultLines(asList(data));
        for (const state of applyResultLines(new Map(), ok).values())
          expect(new Date(state.observedAt).toISOString()).toBe(state.observedAt);
      }),
      runs,
    );
  });

  // Found by this property: unixTime 9e12 passed the schema, then new Date(...).toISOString()
  // threw a RangeError and the node's whole log request failed with a 500.
  it.each([8.64e12 + 1, 1e15, Number.MAX_SAFE_INTEGER])(
    'a unixTime no clock can show (%d) is an issue on that line, and the others still apply',
    (unixTime) => {
      const snapshot = { name: 'patchbay_os_version', action: 'snapshot', snapshot: [] };
      const { lines: ok, issues } = parseResultLines([
        { ...snapshot, unixTime },
        { ...snapshot, name: 'patchbay_apps', unixTime: 1_755_500_000 },
      ]);
      expect(issues).toEqual([
        expect.objectContaining({ record: 'data[0] (patchbay_os_version)', field: 'unixTime' }),
      ]);
      expect([...applyResultLines(new Map(), ok).keys()]).toEqual(['patchbay_apps']);
    },
  );

  it('unixTime of any number never makes applying throw', () => {
    fc.assert(
      fc.property(hostileNumber, (unixTime) => {
        const line = { name: 'patchbay_apps', action: 'snapshot', snapshot: [], unixTime };
        const { lines: ok } = parseResultLines([line]);
        expect(() => applyResultLines(new Map(), ok)).not.toThrow();
      }),
      runs,
    );
  });

  it('the host built from whatever a node sent is well-formed, with named issues', () => {
    fc.assert(
      fc.property(outsideData(lines), outsideData(enroll.host_details), (data, hostDetails) => {
        const { host, issues } = hostRecordOf(nodeWith(asList(data), hostDetails));
        expect(hostProblems(host, 'osquery')).toEqual([]);
        expect(issues.map((i) => issueProblem(i, 'osquery')).filter(Boolean)).toEqual([]);
      }),
      runs,
    );
  });
});
