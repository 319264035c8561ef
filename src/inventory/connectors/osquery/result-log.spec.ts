import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyResultLines, parseResultLines, type QueryState } from './result-log.js';

const fixture = (name: string): { data: unknown[] } =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as {
    data: unknown[];
  };

const T0 = 1787044448;
const iso = (unix: number): string => new Date(unix * 1000).toISOString();
const chrome = (v: string) => ({ bundle_identifier: 'com.google.Chrome', bundle_short_version: v });
const firefox = { bundle_identifier: 'org.mozilla.firefox', bundle_short_version: '142.0' };
const base = {
  name: 'patchbay_apps',
  hostIdentifier: 'h',
  unixTime: T0,
  epoch: 0,
  numerics: false,
};
const event = (action: 'added' | 'removed', row: object, counter: number, unixTime = T0) => ({
  ...base,
  unixTime,
  counter,
  action,
  columns: row,
});

function run(current: Record<string, QueryState>, data: unknown[]) {
  const { lines, issues } = parseResultLines(data);
  return { next: applyResultLines(new Map(Object.entries(current)), lines), issues };
}

describe('parseResultLines', () => {
  it('reads the real snapshot log osqueryd sends, one line per query', () => {
    const { lines, issues } = parseResultLines(fixture('log-result-snapshot-darwin.json').data);
    expect(issues).toEqual([]);
    expect(lines.map((l) => l.name)).toEqual([
      'patchbay_os_version',
      'patchbay_system_info',
      'patchbay_apps',
      'patchbay_primary_user',
    ]);
  });

  it.each([
    ['a string', 'not json', 'data[0]', '(line)'],
    ['no action', { ...base, counter: 0 }, 'data[0] (patchbay_apps)', 'action'],
    [
      'a snapshot that is not a list',
      { ...base, counter: 0, action: 'snapshot', snapshot: {} },
      'data[0] (patchbay_apps)',
      'snapshot',
    ],
    [
      'no unixTime',
      { name: 'patchbay_apps', action: 'added', columns: {} },
      'data[0] (patchbay_apps)',
      'unixTime',
    ],
    [
      'a column that is an object',
      event('added', { x: { y: 1 } }, 0),
      'data[0] (patchbay_apps)',
      'columns.x',
    ],
  ])('reports %s as an issue naming the line and field', (_what, line, record, field) => {
    const { lines, issues } = parseResultLines([
      line,
      { ...base, counter: 0, action: 'snapshot', snapshot: [] },
    ]);
    expect(issues).toEqual([expect.objectContaining({ record, field })]);
    expect(lines).toHaveLength(1);
  });

  it('skips lines of queries Patchbay did not schedule', () => {
    const other = {
      ...base,
      name: 'pack_it_processes',
      counter: 0,
      action: 'snapshot',
      snapshot: 'junk',
    };
    expect(parseResultLines([other])).toEqual({ lines: [], issues: [] });
  });
});

describe('applyResultLines', () => {
  const stored: QueryState = {
    rows: [chrome('138.0'), firefox],
    observedAt: iso(T0 - 3600),
    counter: 4,
  };

  it.each([
    [
      'a snapshot replaces the rows',
      [{ ...base, counter: 7, action: 'snapshot', snapshot: [chrome('139.0')] }],
      [chrome('139.0')],
    ],
    [
      'a later run adds and removes rows from what was there',
      [event('removed', chrome('138.0'), 5), event('added', chrome('139.0'), 5)],
      [firefox, chrome('139.0')],
    ],
    [
      'a first run (counter 0) starts from nothing, once',
      [event('added', chrome('139.0'), 0), event('added', firefox, 0)],
      [chrome('139.0'), firefox],
    ],
    [
      'a batched differential does both at once',
      [
        {
          ...base,
          counter: 5,
          diffResults: { added: [chrome('139.0')], removed: [chrome('138.0')] },
        },
      ],
      [firefox, chrome('139.0')],
    ],
    [
      'an added row that is already there is not doubled (keys in another order)',
      [
        event(
          'added',
          { bundle_short_version: '142.0', bundle_identifier: 'org.mozilla.firefox' },
          5,
        ),
      ],
      [chrome('138.0'), firefox],
    ],
  ])('%s', (_what, data, rows) => {
    const { next, issues } = run({ patchbay_apps: stored }, data);
    expect(issues).toEqual([]);
    expect(next.get('patchbay_apps')?.rows).toEqual(rows);
  });

  it('a first run split over two requests is reset only by the first', () => {
    const first = run({ patchbay_apps: stored }, [event('added', chrome('139.0'), 0, T0)]).next;
    const second = run(Object.fromEntries(first), [event('added', firefox, 0, T0)]).next;
    expect(second.get('patchbay_apps')?.rows).toEqual([chrome('139.0'), firefox]);
  });

  it('applies the real event log to the real snapshot: Chrome updated, the rest unchanged', () => {
    const snap = run({}, fixture('log-result-snapshot-darwin.json').data).next;
    const after = run(Object.fromEntries(snap), fixture('log-result-event-darwin.json').data).next;
    const apps = after.get('patchbay_apps');
    expect(
      apps?.rows.map((r) => `${r.bundle_identifier}@${r.bundle_short_version}`).sort(),
    ).toEqual([
      'com.google.Chrome@139.0.7258.139',
      'com.tinyspeck.slackmacgap@4.45.64',
      'org.mozilla.firefox@142.0',
    ]);
    expect(apps).toMatchObject({ counter: 1, observedAt: '2026-08-18T10:14:09.000Z' });
    expect([...after.keys()]).toEqual(['patchbay_apps']);
  });
});
