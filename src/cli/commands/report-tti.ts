import { seededRandom } from '../../platform/random/seeded-random.js';
import type { TtiStats } from '../../compliance/model.js';
import { BOOTSTRAP_SEED, type TtiComparison } from '../../compliance/tti-compare.js';
import { computeTtiWithGroups } from '../../compliance/tti-compare-report.js';
import { computeTtiReport, latestPerTrack } from '../../compliance/tti-report.js';
import { complianceDeps, type AppContext } from '../../context.js';
import { controlGroupSetting, inControlGroup } from '../../reminders/control-group.js';
import { printJson, table, type Io } from '../output.js';

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

export interface ReportTtiOptions {
  readonly all?: boolean;
  readonly product?: readonly string[];
  readonly json?: boolean;
}

/** A release's figures and, with the control group on, reminded against control hosts. */
export type TtiReportRow = TtiStats & { readonly controlGroup?: TtiComparison };

/** What the report says while the control group is off. */
export const CONTROL_GROUP_OFF =
  'Reminders control group is off: set reminders.controlGroup (e.g. 0.05) to measure how much faster reminded hosts install (docs/reminders.md).';

/**
 * `patchbay report --tti`. With the reminders control group on, each listed release also
 * compares reminded with control hosts (owner's group at report time), in one pass over the
 * history; the bootstrap runs only for the releases listed.
 */
export async function reportTti(ctx: AppContext, io: Io, opts: ReportTtiOptions): Promise<void> {
  const setting = controlGroupSetting(ctx.loaded.config.reminders);
  const deps = complianceDeps(ctx);
  const now = ctx.now();
  const pick = (every: readonly TtiStats[]): TtiStats[] =>
    opts.all ? [...every] : latestPerTrack(every);
  if (setting.share <= 0) {
    const stats = pick(await computeTtiReport(deps, now, opts.product));
    if (opts.json) printJson(io, stats);
    else
      io.out(
        `${ttiText(stats, opts.all === true)}${stats.length > 0 ? `${CONTROL_GROUP_OFF}\n` : ''}`,
      );
    return;
  }
  const groups = await computeTtiWithGroups(deps, now, opts.product, {
    isControl: (email) => inControlGroup(email, setting.share, setting.salt),
  });
  const rows: TtiReportRow[] = [];
  for (const s of pick(groups.stats)) {
    rows.push({ ...s, controlGroup: await groups.compare(s, seededRandom(BOOTSTRAP_SEED)) });
  }
  if (opts.json) printJson(io, rows);
  else io.out(`${ttiText(rows, opts.all === true)}\n${comparisonText(rows, setting.share)}`);
}

/**
 * The control-group comparison under the TTI table: one row per release with each group's
 * hosts, installs and median, the difference with its 95% interval and the log-rank p, then
 * each release's verdict in words and how to read them.
 */
export function comparisonText(rows: readonly TtiReportRow[], share: number): string {
  const compared = rows.filter((r) => r.controlGroup);
  if (compared.length === 0) return '';
  const d = (n: number | null): string => (n === null ? NOT_REACHED : n.toFixed(1));
  const body = compared.map((r) => {
    const c = r.controlGroup as TtiComparison;
    return [
      r.product,
      r.track,
      r.version,
      `${c.reminded.installed}/${c.reminded.hosts}`,
      d(c.reminded.medianDays),
      `${c.control.installed}/${c.control.hosts}`,
      d(c.control.medianDays),
      c.differenceDays === null ? '-' : c.differenceDays.toFixed(1),
      c.interval ? `${c.interval.low.toFixed(1)} to ${c.interval.high.toFixed(1)}` : '-',
      c.logRank ? (c.logRank.pValue < 0.001 ? '<0.001' : c.logRank.pValue.toFixed(3)) : '-',
    ];
  });
  const head = [
    'product',
    'track',
    'version',
    'reminded inst/hosts',
    'median d',
    'control inst/hosts',
    'median d',
    'saved d',
    '95% CI',
    'log-rank p',
  ];
  const verdicts = compared.map(
    (r) => `${r.product} ${r.version}: ${(r.controlGroup as TtiComparison).summary}`,
  );
  const notes = [
    `Reminders control group: ${Math.round(share * 1000) / 10}% of people get no DMs except for actively exploited fixes (by owner, at report time; hosts without an owner are in neither group).`,
    '"saved d": control median minus reminded median. Reminders are shown to work when the 95%',
    'interval (bootstrap) lies above 0 and the log-rank p is below 0.05; an interval across 0 means',
    'no difference could be told apart from chance. While a group has not reached its median there',
    'is no "saved d" yet and the log-rank p alone decides. Under 10 installs in a group: too small to tell.',
  ];
  return `${table(head, body)}\n${verdicts.join('\n')}\n${notes.join('\n')}\n`;
}
