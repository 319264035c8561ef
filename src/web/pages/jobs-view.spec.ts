import { describe, expect, it } from 'vitest';
import type { JobStatusLike } from '../types.js';
import { jobsPage } from './jobs-view.js';

const viewer = { username: 'admin', csrf: 'tok' };
const job = (over: Partial<JobStatusLike>): JobStatusLike => ({
  name: 'reminders',
  everyMs: 3_600_000,
  nextRunAt: '2026-12-01T10:00:00.000Z',
  lastRunAt: '2026-12-01T09:00:00.000Z',
  lastStatus: 'succeeded',
  lastError: null,
  lastDurationMs: 1200,
  running: false,
  ...over,
});

/** The text of the row of `name` in the jobs table, tags stripped. */
function rowText(markup: string, name: string): string {
  const row = markup.split('<tr>').find((r) => r.includes(`>${name}</td>`)) ?? '';
  return row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('jobs page outcome', () => {
  it.each<[string, Partial<JobStatusLike>, string]>([
    [
      'says why a run did nothing',
      { lastOutcome: '0 DMs: nobody due until Tuesday 10:00 in their zone' },
      '0 DMs: nobody due until Tuesday 10:00 in their zone',
    ],
    [
      'escapes the sentence',
      { lastOutcome: '1 feed failed: <b>HTTP 503</b>' },
      '1 feed failed: &lt;b&gt;HTTP 503&lt;/b&gt;',
    ],
    ['a dash when the port gives none', {}, 'succeeded – '],
    ['a job run only on request says so', { nextRunAt: null }, 'on request'],
  ])('%s', (_name, over, expected) => {
    expect(rowText(jobsPage([job(over)], viewer, null).toString(), 'reminders')).toContain(
      expected,
    );
  });

  it('shows each job its own outcome', () => {
    const markup = jobsPage(
      [
        job({ name: 'feeds', lastOutcome: '3 feeds synced, 12 new releases' }),
        job({ lastOutcome: '14 DMs sent' }),
      ],
      viewer,
      null,
    ).toString();
    expect(rowText(markup, 'feeds')).toContain('3 feeds synced, 12 new releases');
    expect(rowText(markup, 'feeds')).not.toContain('14 DMs sent');
    expect(rowText(markup, 'reminders')).toContain('14 DMs sent');
  });
});
