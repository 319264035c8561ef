/**
 * Fleet's host list and query report against hostile outside data (issue 9): a page maps to
 * well-formed HostRecords plus issues naming fleet, the host and the field; it never throws, and
 * one broken host costs only itself.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  issueProblem,
  outsideData,
  PROPERTY_RUNS,
  shallowHostileJson,
} from '../../../../test/outside-data.js';
import { hostProblems } from '../../../../test/host-record-problems.js';
import { mapHostsPage } from './map-host.js';
import { mapReportRows } from './report.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

/** The docs' list page plus the four captured hosts: every platform, software and mappings. */
const page: unknown[] = [
  ...((fixture('list-hosts.docs-example.json') as { hosts: unknown[] }).hosts ?? []),
  ...['macos', 'windows', 'ubuntu', 'fedora'].map((p) => fixture(`host-${p}.authentik.json`)),
];
const report = (fixture('query-report.docs-example.json') as { results: unknown[] }).results;

const runs = { numRuns: PROPERTY_RUNS };

describe('Fleet mappers on outside data', () => {
  it('maps the fixtures cleanly (the baseline the properties break)', () => {
    const { hosts, issues } = mapHostsPage(page, 0);
    expect(issues).toEqual([]);
    expect(hosts.flatMap((h) => hostProblems(h, 'fleet'))).toEqual([]);
  });

  it('mapHostsPage never throws; hosts are well-formed and issues name fleet, host and field', () => {
    fc.assert(
      fc.property(outsideData(page), fc.nat(), (raw, n) => {
        const { hosts, issues } = mapHostsPage(Array.isArray(raw) ? raw : [raw], n);
        expect(hosts.flatMap((h) => hostProblems(h, 'fleet'))).toEqual([]);
        expect(issues.map((i) => issueProblem(i, 'fleet')).filter(Boolean)).toEqual([]);
      }),
      runs,
    );
  });

  it('one broken host costs only that host', () => {
    const all = mapHostsPage(page, 0).hosts.map((h) => h.sourceId);
    fc.assert(
      fc.property(fc.nat(), shallowHostileJson, (at, value) => {
        const broken = [...page];
        const i = at % broken.length;
        broken[i] = value;
        const kept = mapHostsPage(broken, 0).hosts.map((h) => h.sourceId);
        const lost = all.filter((id) => !kept.includes(id));
        expect(lost.length).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });

  // Found by the property above: a program with a blank name became an app keyed "".
  it.each(['programs', 'deb_packages', 'rpm_packages'])(
    'a %s entry with a blank name is no app (it could match no product)',
    (source) => {
      const host = {
        id: 7,
        hostname: 'h',
        hardware_serial: 'S',
        platform: 'windows',
        os_version: 'Windows 11',
        seen_time: null,
        software: [
          { name: ' ', version: '1.0', source },
          { name: 'Zoom', version: '6.1', source },
        ],
      };
      const { hosts, issues } = mapHostsPage([host], 0);
      expect(issues).toEqual([]);
      expect(hosts[0]?.apps?.map((a) => a.key)).toEqual(['Zoom']);
    },
  );

  it('mapReportRows never throws; hosts are well-formed and issues name fleet, row and field', () => {
    const platforms = new Map([['1', 'macos' as const]]);
    fc.assert(
      fc.property(outsideData(report), (raw) => {
        const { hosts, issues } = mapReportRows(Array.isArray(raw) ? raw : [raw], platforms);
        expect(hosts.flatMap((h) => hostProblems(h, 'fleet'))).toEqual([]);
        expect(issues.map((i) => issueProblem(i, 'fleet')).filter(Boolean)).toEqual([]);
      }),
      runs,
    );
  });
});
