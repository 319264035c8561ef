import type { TtiStats } from '../../compliance/model.js';
import { table } from '../output.js';

/** What a figure the estimate has not reached says, in the CLI and on the product page. */
export const NOT_REACHED = 'not reached yet';

/**
 * `patchbay report --tti` as text: one row per release with its age, how many hosts needed it,
 * installed, still wait (for the release's age) and left, the Kaplan-Meier median and p90, and
 * the shares within 7/14/30 days ("-" while the release is younger than that). A note under
 * the table says how to read it, so nobody takes "-" for 0% or a median for the fast half.
 */
export function ttiText(stats: readonly TtiStats[], all: boolean): string {
  if (stats.length === 0) {
    return 'No release has time-to-install figures yet: sync feeds and inventory first.\n';
  }
  const days = (n: number | null): string => (n === null ? NOT_REACHED : n.toFixed(1));
  const share = (n: number | null): string => (n === null ? '-' : `${Math.round(n * 100)}%`);
  const rows = stats.map((s) => [
    s.product,
    s.track,
    s.version,
    s.releasedAt.slice(0, 10),
    Math.floor(s.ageDays),
    s.hostsNeeding,
    s.hostsInstalled,
    s.hostsWaiting,
    s.hostsLeft,
    days(s.medianDays),
    days(s.p90Days),
    share(s.within7),
    share(s.within14),
    share(s.within30),
  ]);
  const head = [
    'product',
    'track',
    'version',
    'released',
    'age d',
    'hosts needing',
    'installed',
    'waiting',
    'left',
    'median d',
    'p90 d',
    '<=7d',
    '<=14d',
    '<=30d',
  ];
  const notes = [
    'Kaplan-Meier estimates: a host still waiting counts as not installed for the whole age of',
    'the release, a host that left (inactive) until it left. Median and p90: days by which half',
    `and 90% of the hosts needing it installed ("${NOT_REACHED}" while fewer have).`,
    '"-" under <=N d: the release is younger than N days, or no host needed it.',
    all
      ? 'Every release is listed.'
      : 'The newest release of each track is listed; --all lists every release.',
  ];
  return `${table(head, rows)}\n${notes.join('\n')}\n`;
}
