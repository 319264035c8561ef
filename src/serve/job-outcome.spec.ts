import { describe, expect, it } from 'vitest';
import type { FeedSyncResult } from '../catalog/sync.js';
import type { RefreshSummary } from '../compliance/refresh.js';
import type { SourceSyncResult } from '../inventory/sync.js';
import {
  feedsOutcome,
  inventoryOutcome,
  localLabel,
  remindersOutcome,
  snapshotOutcome,
  whenNextDue,
  type NextDue,
  type RemindersFacts,
} from './job-outcome.js';

const feed = (name: string, over: Partial<FeedSyncResult> = {}): FeedSyncResult => ({
  feed: name,
  source: name,
  outcome: 'updated',
  releasesSeen: 10,
  releasesNew: 0,
  issues: [],
  error: null,
  durationMs: 5,
  ...over,
});

const issue = { source: 's', record: 'r', field: 'f', message: 'm' };

describe('feedsOutcome', () => {
  it.each<[string, FeedSyncResult[], string]>([
    [
      'the issue example',
      [
        feed('chrome', { releasesNew: 10 }),
        feed('firefox', { releasesNew: 2 }),
        feed('sofa-macos', { outcome: 'not-modified' }),
        feed('edge', { outcome: 'failed', error: { code: 'E_HTTP', message: 'HTTP 503' } }),
      ],
      '3 feeds synced (1 unchanged), 12 new releases; edge failed: HTTP 503',
    ],
    ['one feed, one release', [feed('chrome', { releasesNew: 1 })], '1 feed synced, 1 new release'],
    [
      'disabled feeds are not counted',
      [feed('edge', { outcome: 'disabled' }), feed('chrome')],
      '1 feed synced, 0 new releases',
    ],
    ['nothing enabled', [feed('edge', { outcome: 'disabled' })], '0 feeds: none enabled'],
    [
      'bad records are counted',
      [feed('chrome', { issues: [issue, issue] })],
      '1 feed synced, 0 new releases; 2 record issues',
    ],
    [
      'a long error is cut short',
      [feed('edge', { outcome: 'failed', error: { code: 'E', message: 'x'.repeat(200) } })],
      `0 feeds synced, 0 new releases; edge failed: ${'x'.repeat(79)}…`,
    ],
  ])('%s', (_name, results, expected) => {
    expect(feedsOutcome(results)).toBe(expected);
  });
});

const source = (name: string, over: Partial<SourceSyncResult> = {}): SourceSyncResult => ({
  source: name,
  outcome: 'ok',
  hostsSeen: 0,
  hostsNew: 0,
  hostsChanged: 0,
  versionChanges: 0,
  appsRemoved: 0,
  issues: [],
  error: null,
  ...over,
});

describe('inventoryOutcome', () => {
  it.each<[string, SourceSyncResult[], number, string]>([
    [
      'the issue example',
      [
        source('jamf', { hostsSeen: 500, issues: [issue, issue] }),
        source('fleet', { hostsSeen: 120, issues: [issue] }),
      ],
      0,
      'jamf 500 hosts, fleet 120; 3 issues',
    ],
    ['one host', [source('jamf', { hostsSeen: 1 })], 0, 'jamf 1 host'],
    [
      'a failed source says why',
      [
        source('jamf', {
          outcome: 'failed',
          error: { code: 'E_JAMF_AUTH', message: 'Jamf refused the client credentials' },
        }),
        source('fleet', { hostsSeen: 3 }),
      ],
      2,
      'fleet 3 hosts; jamf failed: Jamf refused the client credentials; 2 hosts inactive',
    ],
    ['no sources', [], 0, '0 hosts: no inventory source configured'],
  ])('%s', (_name, sources, inactiveHosts, expected) => {
    expect(inventoryOutcome({ sources, inactiveHosts })).toBe(expected);
  });
});

describe('snapshotOutcome', () => {
  const r: RefreshSummary = {
    mode: 'incremental',
    productsChanged: [],
    hostsChanged: 0,
    hostsEvaluated: 0,
    written: 0,
    deleted: 0,
  };
  it.each<[string, Partial<RefreshSummary>, string]>([
    [
      'nothing changed',
      {},
      'Findings refreshed: nothing changed since the last refresh; trend point recorded',
    ],
    [
      'products and hosts changed',
      { productsChanged: ['chrome', 'firefox'], hostsChanged: 1, written: 310 },
      'Findings refreshed: 2 products and 1 host changed, 310 findings written; trend point recorded',
    ],
    [
      'a full refresh says so',
      { mode: 'full', hostsChanged: 3, written: 9 },
      'Full refresh: 0 products and 3 hosts changed, 9 findings written; trend point recorded',
    ],
  ])('%s', (_name, over, expected) => {
    expect(snapshotOutcome({ ...r, ...over })).toBe(expected);
  });
});

// 2026-12-01 is a Tuesday: 10:00 in Paris is 09:00Z, in New York 15:00Z, in Tokyo 01:00Z.
const paris: NextDue = { at: new Date('2026-12-01T09:00:00Z'), tz: 'Europe/Paris' };
const newYork: NextDue = { at: new Date('2026-12-01T15:00:00Z'), tz: 'America/New_York' };
const tokyo: NextDue = { at: new Date('2026-12-01T01:00:00Z'), tz: 'Asia/Tokyo' };
const parisLater: NextDue = { at: new Date('2026-12-02T09:00:00Z'), tz: 'Europe/Paris' };

describe('localLabel and whenNextDue', () => {
  it.each<[string, NextDue[], string | null]>([
    ['one zone', [paris], 'Tuesday 10:00 Europe/Paris'],
    ['same local time in several zones', [newYork, paris, tokyo], 'Tuesday 10:00 in their zone'],
    [
      'different local times: the earliest, with its zone',
      [parisLater, newYork, { at: new Date('2026-12-01T12:00:00Z'), tz: 'Asia/Tokyo' }],
      'Tuesday 21:00 Asia/Tokyo',
    ],
    ['nobody', [], null],
  ])('%s', (_name, next, expected) => {
    expect(whenNextDue(next)).toBe(expected);
  });

  it('reads the wall clock of the zone', () => {
    expect(localLabel(new Date('2026-12-01T23:30:00Z'), 'Asia/Tokyo')).toBe('Wednesday 08:30');
  });

  it("dates a time more than six days on, so next week's Tuesday is not read as today's", () => {
    // Tuesday 2026-12-01 11:00 in Paris, the weekly digests sent: next due Tuesday 8 Dec.
    const now = new Date('2026-12-01T10:00:00Z');
    const nextWeek: NextDue = { at: new Date('2026-12-08T09:00:00Z'), tz: 'Europe/Paris' };
    expect(whenNextDue([nextWeek], now)).toBe('Tuesday 8 Dec 10:00 Europe/Paris');
    expect(
      remindersOutcome({
        slackConfigured: true,
        people: people(['not-due', 'already-sent']),
        nextDue: [nextWeek],
        nearDays: 7,
        now,
      }),
    ).toBe('0 DMs: nobody due until Tuesday 8 Dec 10:00 Europe/Paris');
    // Within six days the weekday is enough.
    expect(whenNextDue([parisLater], now)).toBe('Wednesday 10:00 Europe/Paris');
  });
});

const people = (...outcomes: [string, string?][]): RemindersFacts['people'] =>
  outcomes.map(([outcome, reason]) => ({
    outcome: outcome as RemindersFacts['people'][number]['outcome'],
    ...(reason ? { reason } : {}),
  }));
const times = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('remindersOutcome', () => {
  const facts = (over: Partial<RemindersFacts>): RemindersFacts => ({
    slackConfigured: true,
    people: [],
    nextDue: [],
    nearDays: 7,
    ...over,
  });
  it.each<[string, Partial<RemindersFacts>, string]>([
    [
      'Slack not configured',
      { slackConfigured: false },
      '0 DMs: Slack is not configured (slack.token)',
    ],
    ['nobody with anything near', {}, '0 DMs: nothing overdue or due within 7 days'],
    [
      'nobody with anything near, but ownerless computers with updates to make',
      { hostsWithoutOwner: 12 },
      '0 DMs: nobody to tell; 12 computers with updates to make have no owner',
    ],
    [
      'one ownerless computer',
      { hostsWithoutOwner: 1 },
      '0 DMs: nobody to tell; 1 computer with updates to make has no owner',
    ],
    [
      'ownerless computers beside people told: the count of people stands',
      { people: people(['sent']), hostsWithoutOwner: 3 },
      '1 DM sent',
    ],
    [
      'nobody due yet, everyone at the same local time',
      {
        people: people(...times(3, ['not-due', 'not-cadence-day'] as [string, string])),
        nextDue: [paris, newYork, tokyo],
      },
      '0 DMs: nobody due until Tuesday 10:00 in their zone',
    ],
    [
      'nobody due and no next time known',
      { people: people(['not-due', 'outside-hours']) },
      '0 DMs: nobody due now',
    ],
    [
      'the issue example',
      {
        people: people(
          ...times(14, ['sent'] as [string]),
          ['no-slack-user', 'users_not_found'],
          ['no-slack-user', 'users_not_found'],
          ...times(86, ['not-due', 'outside-hours'] as [string, string]),
        ),
        nextDue: [paris, parisLater],
      },
      '14 DMs sent, 2 failed (users_not_found); 86 people not due: next due Tuesday 10:00 Europe/Paris',
    ],
    [
      'failures grouped by reason, recovered counted as sent',
      {
        people: people(
          ['recovered'],
          ['failed', 'E_SLACK: channel_not_found'],
          ['no-slack-user', 'users_not_found'],
          ['failed', 'E_SLACK: channel_not_found'],
        ),
      },
      '1 DM sent, 3 failed (E_SLACK: channel_not_found, users_not_found)',
    ],
    [
      'already sent this cycle',
      {
        people: people(['already-sent'], ['already-sent'], ['not-due', 'already-sent']),
        nextDue: [parisLater],
      },
      "0 DMs sent, 2 already had this cycle's digest; 1 person not due: next due Wednesday 10:00 Europe/Paris",
    ],
    [
      'the control group is held back, not failed',
      { people: people(['control-group'], ['control-group'], ['sent']) },
      '1 DM sent, 2 held back (control group)',
    ],
    [
      'an outcome this sentence does not know shows as its name',
      { people: people(['dry-run'], ['sent']) },
      '1 DM sent, 1 dry-run',
    ],
  ])('%s', (_name, over, expected) => {
    expect(remindersOutcome(facts(over))).toBe(expected);
  });
});
