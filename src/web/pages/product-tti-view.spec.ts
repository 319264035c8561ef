import { describe, expect, it } from 'vitest';
import { ttiStat } from '../../compliance/__fixtures__/tti-stat.js';
import { ttiCard } from './product-tti-view.js';

/** The cells of each table row, tags stripped, in page order. */
function rows(markup: string): string[][] {
  return [...markup.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)])
    .filter((cells) => cells.length > 0)
    .map((cells) => cells.map((c) => (c[1] ?? '').replace(/<[^>]+>/g, '').trim()));
}

describe('the product page time-to-install card', () => {
  const young = ttiStat({
    version: '26.6.2',
    releasedAt: '2026-08-27T00:00:00.000Z',
    ageDays: 5,
    hostsNeeding: 10,
    hostsInstalled: 3,
    hostsWaiting: 7,
    within7: null,
  });
  const old = ttiStat({
    version: '26.6.1',
    ageDays: 40.5,
    hostsNeeding: 8,
    hostsInstalled: 6,
    hostsWaiting: 1,
    hostsLeft: 1,
    medianDays: 2.25,
    p90Days: null,
    within7: 0.625,
    within14: 0.75,
    within30: 0.75,
  });
  const otherTrack = ttiStat({ version: '15.7.9', track: '15', hostsNeeding: 2, within7: 0 });
  const unneeded = ttiStat({ version: '26.6.3', ageDays: 1 });

  it('lists the newest release per track, earlier ones folded, none nobody needed', () => {
    const markup = ttiCard('chrome', [old, otherTrack, young, unneeded]).toString();
    const [newest, earlier] = markup.split('<details>');
    expect(rows(newest ?? '').map((r) => r[1])).toEqual(['26.6.2', '15.7.9']);
    expect(rows(earlier ?? '').map((r) => r[1])).toEqual(['26.6.1']);
    expect(markup).not.toContain('26.6.3');
  });

  it.each([
    // A 5-day-old release 7 of 10 hosts still lack: median not reached, no within-N share.
    [
      'young release, most still waiting',
      '26.6.2',
      [
        '26',
        '26.6.2',
        '2026-08-27',
        '5',
        '10',
        '3',
        '7',
        '0',
        'not reached yet',
        'not reached yet',
        '–',
        '–',
        '–',
      ],
    ],
    [
      'older release, one left',
      '26.6.1',
      [
        '26',
        '26.6.1',
        '2026-08-01',
        '40',
        '8',
        '6',
        '1',
        '1',
        '2.3',
        'not reached yet',
        '63%',
        '75%',
        '75%',
      ],
    ],
  ])('%s', (_name, version, cells) => {
    const markup = ttiCard('chrome', [old, young]).toString();
    expect(rows(markup).find((r) => r[1] === version)).toEqual(cells);
  });

  it('says so when no host needed any release', () => {
    expect(ttiCard('chrome', [unneeded]).toString()).toContain(
      'No release has been needed by a host yet',
    );
  });

  it('links the CSV download of the newest releases and of every release', () => {
    const markup = ttiCard('chrome', [old, young]).toString();
    expect(markup).toContain('href="/tti.csv?product=chrome" download');
    expect(markup).toContain('href="/tti.csv?product=chrome&amp;all=true" download');
  });
});
