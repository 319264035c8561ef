import type { TtiStats } from '../model.js';

/** One release's time-to-install figures for view tests: nobody needed it unless `over` says. */
export function ttiStat(over: Partial<TtiStats> & Pick<TtiStats, 'version'>): TtiStats {
  return {
    product: 'macos',
    track: '26',
    releasedAt: '2026-08-01T00:00:00.000Z',
    ageDays: 31,
    hostsNeeding: 0,
    hostsInstalled: 0,
    hostsWaiting: 0,
    hostsLeft: 0,
    medianDays: null,
    p90Days: null,
    within7: null,
    within14: null,
    within30: null,
    ...over,
  };
}
