import { describe, expect, it, vi } from 'vitest';
import * as nextDue from '../reminders/next-due.js';
import type { Config } from '../platform/config/config.js';
import type { PersonOutcome } from '../reminders/cycle.js';
import type { StoredPerson } from '../reminders/store.js';

// Counted, not replaced: each search is the real one.
vi.mock('../reminders/next-due.js', async (importOriginal) => {
  const real = await importOriginal<typeof nextDue>();
  return { ...real, nextDueAt: vi.fn(real.nextDueAt) };
});
import { nextDueOfNotDue } from './reminder-next-due.js';

const reminders = {
  cadence: 'weekly',
  day: 'tuesday',
  hours: '10:00-16:00',
  defaultTz: 'UTC',
} as Config['reminders'];

const person = (email: string, tz: string | null): StoredPerson => ({
  email,
  tz,
  name: null,
  slackUserId: null,
  dmChannelId: null,
  slackError: null,
  lookedUpAt: null,
});

const outcome = (
  email: string,
  o: PersonOutcome['outcome'],
  maxDaysOverdue = 0,
): PersonOutcome => ({
  email,
  items: 1,
  maxDaysOverdue,
  outcome: o,
});

// Monday 2026-11-30 12:00Z.
const NOW = new Date('2026-11-30T12:00:00Z');

describe('nextDueOfNotDue', () => {
  it("works out each not-due person's next digest in their zone, falling back to the default zone", async () => {
    const asked: string[][] = [];
    const store = {
      people: (emails: readonly string[]) => {
        asked.push([...emails]);
        return Promise.resolve(
          new Map([
            ['ana@x', person('ana@x', 'Europe/Paris')],
            ['bo@x', person('bo@x', 'America/New_York')],
          ]),
        );
      },
      lastSent: () => Promise.resolve(new Map([['ed@x', '2026-11-30T10:05:00Z']])),
    };
    const next = await nextDueOfNotDue(
      store,
      reminders,
      [
        outcome('ana@x', 'not-due'),
        outcome('bo@x', 'not-due'),
        outcome('cy@x', 'not-due'),
        outcome('dee@x', 'sent'),
        // Overdue: daily cadence, already sent today, so due the next working morning.
        outcome('ed@x', 'not-due', 4),
      ],
      NOW,
    );
    expect(asked).toEqual([['ana@x', 'bo@x', 'cy@x', 'ed@x']]);
    expect(next.map((n) => [n.tz, n.at.toISOString()])).toEqual([
      ['Europe/Paris', '2026-12-01T09:00:00.000Z'],
      ['America/New_York', '2026-12-01T15:00:00.000Z'],
      ['UTC', '2026-12-01T10:00:00.000Z'],
      ['UTC', '2026-12-01T10:00:00.000Z'],
    ]);
  });

  it("follows the cycle's overdue rule, not days overdue: late by hours is daily already", async () => {
    const store = {
      people: () => Promise.resolve(new Map<string, StoredPerson>()),
      lastSent: () => Promise.resolve(new Map([['fay@x', '2026-11-30T10:05:00Z']])),
    };
    const next = await nextDueOfNotDue(
      store,
      reminders,
      // Overdue (or unsupported) for less than a day: maxDaysOverdue 0, cadence daily.
      [{ ...outcome('fay@x', 'not-due', 0), hasOverdue: true }],
      NOW,
    );
    // Tomorrow's working morning, not next week's Tuesday.
    expect(next.map((n) => n.at.toISOString())).toEqual(['2026-12-01T10:00:00.000Z']);
  });

  it('searches once per zone and last cycle, not once per person', async () => {
    // 50 people in Paris, each sent this week's digest a minute apart (Monday, late).
    const emails = Array.from({ length: 50 }, (_, i) => `p${i}@x`);
    const store = {
      people: () => Promise.resolve(new Map(emails.map((e) => [e, person(e, 'Europe/Paris')]))),
      lastSent: () =>
        Promise.resolve(
          new Map(
            emails.map((e, i) => [
              e,
              new Date(Date.parse('2026-11-30T10:00:00Z') + i * 60_000).toISOString(),
            ]),
          ),
        ),
    };
    const search = vi.mocked(nextDue.nextDueAt);
    search.mockClear();
    const next = await nextDueOfNotDue(
      store,
      reminders,
      emails.map((e) => outcome(e, 'not-due')),
      NOW,
    );
    expect(search).toHaveBeenCalledTimes(1);
    // This week's digest went out: next Tuesday's window, 10:00 in Paris.
    expect(new Set(next.map((n) => n.at.toISOString()))).toEqual(
      new Set(['2026-12-08T09:00:00.000Z']),
    );
    expect(next).toHaveLength(50);
  });

  it('asks the store nothing when everyone was due', async () => {
    const fail = () => Promise.reject(new Error('must not be asked'));
    const next = await nextDueOfNotDue(
      { people: fail, lastSent: fail },
      reminders,
      [outcome('dee@x', 'sent')],
      NOW,
    );
    expect(next).toEqual([]);
  });
});
