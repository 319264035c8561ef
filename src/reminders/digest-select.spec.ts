import { describe, expect, it } from 'vitest';
import type { Finding } from '../compliance/model.js';
import { finding } from './__fixtures__/findings.js';
import { selectDigestItems, type Snooze } from './digest-select.js';

const now = new Date('2026-11-26T10:00:00Z');
const inDays = (d: number): string => new Date(now.getTime() + d * 86_400_000).toISOString();

const overdue = finding({
  product: 'macos',
  status: 'overdue',
  deadline: inDays(-3),
  daysOverdue: 3,
});
const nearPending = finding({ product: 'chrome', deadline: inDays(2) });
const farPending = finding({ product: 'firefox', deadline: inDays(20) });
const unsupported = finding({
  product: 'macos13',
  status: 'unsupported',
  deadline: null,
  required: null,
});
const current = finding({ product: 'slack', status: 'current', deadline: null });
const unknown = finding({ product: 'edge', status: 'unknown', deadline: null, required: null });

const live = (f: Finding, days = 1): Snooze => ({
  hostId: f.hostId,
  product: f.product,
  until: inDays(days),
});

describe('selectDigestItems', () => {
  it.each<[string, Finding[], Snooze[], number, Finding[]]>([
    ['nothing at all', [], [], 7, []],
    ['only current and unknown', [current, unknown], [], 7, []],
    ['only far pending: nothing urgent, no digest', [farPending], [], 7, []],
    [
      'far pending rides along with a near one',
      [farPending, nearPending],
      [],
      7,
      [farPending, nearPending],
    ],
    [
      'overdue brings every pending item',
      [overdue, farPending, current],
      [],
      7,
      [overdue, farPending],
    ],
    ['unsupported counts as urgent', [unsupported, farPending], [], 7, [unsupported, farPending]],
    [
      'a live snooze hides a pending item',
      [nearPending, overdue],
      [live(nearPending)],
      7,
      [overdue],
    ],
    [
      'a snoozed near item no longer triggers',
      [nearPending, farPending],
      [live(nearPending)],
      7,
      [],
    ],
    ['an expired snooze hides nothing', [nearPending], [live(nearPending, -1)], 7, [nearPending]],
    [
      'a snooze on another host hides nothing',
      [nearPending],
      [{ ...live(nearPending), hostId: 'h2' }],
      7,
      [nearPending],
    ],
    [
      'overdue ignores a live snooze (its deadline moved)',
      [overdue],
      [live(overdue)],
      7,
      [overdue],
    ],
    ['nearDays widens the trigger', [farPending], [], 30, [farPending]],
    ['nearDays 0 only triggers on a passed deadline', [nearPending], [], 0, []],
  ])('%s', (_name, findings, snoozes, nearDays, expected) => {
    expect(selectDigestItems(findings, snoozes, now, nearDays)).toEqual(expected);
  });
});
