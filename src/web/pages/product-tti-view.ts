import type { TtiStats } from '../../compliance/model.js';
import type { TtiComparison } from '../../compliance/tti-compare.js';
import { latestPerTrack } from '../../compliance/tti-report.js';
import { day } from '../format.js';
import { html, type Html } from '../html.js';

/** Earlier releases listed under the newest ones (macOS alone has over a hundred). */
const EARLIER_RELEASES = 20;

/** What the page says for a median or p90 the estimate has not reached. */
const NOT_REACHED = 'not reached yet';

/**
 * The product page's time-to-install card: the newest release of each track first (what an
 * admin acts on), earlier ones that some host needed folded below. Figures are Kaplan-Meier
 * estimates (hosts still waiting and hosts that left count too), and the card says so: a median
 * over the hosts that installed alone looked fast while most of the fleet had not.
 */
export function ttiCard(product: string, tti: readonly TtiStats[]): Html {
  const needed = tti.filter((t) => t.hostsNeeding > 0);
  if (needed.length === 0) {
    return html`<p class="muted">No release has been needed by a host yet.</p>`;
  }
  const csv = `/tti.csv?product=${encodeURIComponent(product)}`;
  const newest = latestPerTrack(needed);
  const earlier = needed.filter((t) => !newest.includes(t)).slice(-EARLIER_RELEASES);
  return html`${ttiTable(newest)}
    <p class="muted">
      Median and p90: days by which half and 90% of the hosts that needed the release installed it,
      counting the hosts still waiting (for the release's age) and those that left the fleet (until
      they left); "${NOT_REACHED}" while fewer have. "≤N d" is shown once the release is N days old.
    </p>
    ${
      earlier.length > 0 &&
      html`<details>
        <summary>Earlier releases (${earlier.length})</summary>
        ${ttiTable(earlier)}
      </details>`
    }
    <p>
      <a class="button secondary" href="${csv}" download>Download CSV</a>
      <a href="${csv}&amp;all=true" download>every release</a>
    </p>`;
}

function ttiTable(rows: readonly TtiStats[]): Html {
  const daysOr = (n: number | null): string => (n === null ? NOT_REACHED : n.toFixed(1));
  const share = (n: number | null, limit: number): Html | string =>
    n === null
      ? html`<span class="muted" title="the release is younger than ${limit} days">–</span>`
      : `${Math.round(n * 100)}%`;
  return html`<div class="table-wrap" role="region" aria-label="Time to install" tabindex="0">
    <table>
      <thead>
        <tr>
          <th>Track</th>
          <th>Version</th>
          <th>Released</th>
          <th class="num">Age (days)</th>
          <th class="num">Hosts needing</th>
          <th class="num">Installed</th>
          <th class="num">Waiting</th>
          <th class="num">Left fleet</th>
          <th class="num">Median (days)</th>
          <th class="num">P90 (days)</th>
          <th class="num">≤7 d</th>
          <th class="num">≤14 d</th>
          <th class="num">≤30 d</th>
        </tr>
      </thead>
      <tbody>
        ${[...rows].reverse().map(
          (t) =>
            html`<tr>
              <td>${t.track}</td>
              <td class="mono">${t.version}</td>
              <td class="nowrap">${day(t.releasedAt)}</td>
              <td class="num">${Math.floor(t.ageDays)}</td>
              <td class="num">${t.hostsNeeding}</td>
              <td class="num">${t.hostsInstalled}</td>
              <td class="num">${t.hostsWaiting}</td>
              <td class="num">${t.hostsLeft}</td>
              <td class="num">${daysOr(t.medianDays)}</td>
              <td class="num">${daysOr(t.p90Days)}</td>
              <td class="num">${share(t.within7, 7)}</td>
              <td class="num">${share(t.within14, 14)}</td>
              <td class="num">${share(t.within30, 30)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The product data's control-group part (product-data.ts). */
export interface ControlGroupView {
  readonly share: number;
  readonly releases: readonly { readonly stats: TtiStats; readonly comparison: TtiComparison }[];
}

/**
 * Whether reminders work, per track's newest release: reminded against control hosts, each
 * group's installs and median, the days saved with a 95% interval and the log-rank p, and the
 * verdict in words. Off, one line says how to turn the control group on.
 */
export function controlGroupCard(view: ControlGroupView | null): Html {
  if (!view) {
    return html`<p class="muted">
      Reminders control group is off: set <code>reminders.controlGroup</code> (e.g. 0.05) to measure
      how much faster reminded hosts install.
    </p>`;
  }
  if (view.releases.length === 0) {
    return html`<p class="muted">No release has been needed by a host yet.</p>`;
  }
  const d = (n: number | null): string => (n === null ? NOT_REACHED : n.toFixed(1));
  return html`<div
      class="table-wrap"
      role="region"
      aria-label="Reminded and control hosts"
      tabindex="0"
    >
      <table>
        <thead>
          <tr>
            <th>Track</th>
            <th>Version</th>
            <th class="num">Reminded: installed / hosts</th>
            <th class="num">Median (days)</th>
            <th class="num">Control: installed / hosts</th>
            <th class="num">Median (days)</th>
            <th class="num">Days saved</th>
            <th class="num">95% interval</th>
            <th class="num">Log-rank p</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          ${view.releases.map(({ stats: s, comparison: c }) => {
            const p = c.logRank?.pValue;
            return html`<tr data-verdict="${c.verdict}">
              <td>${s.track}</td>
              <td class="mono">${s.version}</td>
              <td class="num">${c.reminded.installed} / ${c.reminded.hosts}</td>
              <td class="num">${d(c.reminded.medianDays)}</td>
              <td class="num">${c.control.installed} / ${c.control.hosts}</td>
              <td class="num">${d(c.control.medianDays)}</td>
              <td class="num">${c.differenceDays === null ? '–' : c.differenceDays.toFixed(1)}</td>
              <td class="num nowrap">
                ${c.interval ? `${c.interval.low.toFixed(1)} to ${c.interval.high.toFixed(1)}` : '–'}
              </td>
              <td class="num">${p === undefined ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3)}</td>
              <td>${c.summary}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <p class="muted">
      ${Math.round(view.share * 1000) / 10}% of people are in the reminders control group and get no
      DMs (except for actively exploited fixes); hosts are grouped by their owner. Reminders are
      shown to work when the 95% interval of the days saved lies above 0 and the log-rank p is below
      0.05; without an interval (typically a group that has not reached its median yet), when the
      log-rank p alone is below 0.05. Under 10 installs in a group: too small to tell.
    </p>`;
}
