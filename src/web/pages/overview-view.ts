import { percent, personHref, productHref, STATUS_ORDER } from '../format.js';
import { html, type Html } from '../html.js';
import { card, page, type Viewer } from '../layout.js';
import { barChart, lineChart, statusSeries } from './chart.js';
import type { ComputerCounts } from '../../compliance/host-status-query.js';
import { TREND_DAYS, type OverviewData } from './overview-data.js';
import { count, num } from './units.js';

function stat(label: string, value: string, hint: string, cls = ''): Html {
  return html`<section class="card stat ${cls}">
    <span class="label">${label}</span><span class="value">${value}</span
    ><span class="hint">${hint}</span>
  </section>`;
}

/**
 * The fleet overview: the headline in computers (a computer is compliant when every watched
 * product on it is), then compliance by product and track, trend, people to chase. Every number
 * names its unit: computers, findings (one per computer and watched product) or updates.
 */
export function overviewPage(data: OverviewData, viewer: Viewer): Html {
  const c = data.computers.byWorst;
  const judged = c.current + c.pending + c.overdue + c.unsupported;
  const stale =
    data.staleFeeds.length > 0 &&
    html`<div class="notice" role="status">
      <strong>Stale feeds:</strong> findings that depend on them are reported as unknown until they
      sync again.
      <ul>
        ${data.staleFeeds.map((f) => html`<li><span class="mono">${f.name}</span>: ${f.reason}</li>`)}
      </ul>
    </div>`;
  const compliance = data.compliance === null ? '–' : `${data.compliance}%`;
  return page(
    { title: 'Overview', section: 'overview', viewer },
    html`<h1>Fleet overview</h1>
      <p class="subtitle">
        ${count(data.hosts, 'active computer')} · ${count(data.computers.findings, 'finding')} (one
        per computer and watched product) · ${count(data.rows.length, 'product track')}
      </p>
      ${stale}
      <div class="grid">
        <div class="span-3">
          ${stat('Compliant computers', compliance, `${num(c.current)} of ${count(judged, 'computer')}: every watched product up to date`, data.compliance !== null && data.compliance >= 90 ? 'good' : '')}
        </div>
        <div class="span-3">
          ${stat('Computers overdue', num(c.overdue), `${count(c.overdue, 'computer')} with an update past its deadline`, c.overdue > 0 ? 'overdue' : 'good')}
        </div>
        <div class="span-3">
          ${stat('Computers pending', num(c.pending), `${count(c.pending, 'computer')} within the grace period, none overdue`)}
        </div>
        <div class="span-3">
          ${stat('Computers unsupported', num(c.unsupported), unsupportedHint(data.computers))}
        </div>
      </div>
      <div class="grid">
        <div class="span-7">
          ${card('Computers by product and track', data.rows.length ? barChart({ title: 'Computers by status', categories: data.rows.map((r) => r.label), series: statusSeries(data.rows.map((r) => r.counts)), stacked: true, yLabel: 'computers', width: 640, height: 320 }) : html`<p class="muted">No findings yet: sync feeds and inventory first.</p>`)}
        </div>
        <div class="span-5">
          ${card(`Compliance trend (${TREND_DAYS} days)`, data.trend.days.length ? lineChart({ title: 'Compliant %', x: data.trend.days, series: data.trend.lines, yLabel: '% of findings current', yDomain: [0, 100], width: 440, height: 320 }) : html`<p class="muted">The trend starts with the first daily snapshot.</p>`)}
        </div>
      </div>
      <div class="grid">
        <div class="span-12">${card('Products: computers by status', productTable(data))}</div>
      </div>
      <div class="grid">
        <div class="span-12">
          ${card(
            'People to follow up',
            html`${peopleTable(data)}
              <p><a href="/people">All people, sortable by any column →</a></p>`,
          )}
        </div>
      </div>`,
  );
}

/**
 * Unsupported computers split by what fixes them: an upgrade their hardware can run, or new
 * hardware (their model runs no supported OS major, so no update will help). Both are counted
 * in computers, each with its unit.
 */
export function unsupportedHint(computers: ComputerCounts): string {
  const c = computers.byWorst;
  const hardware = computers.needNewHardware;
  const upgrade = c.unsupported - hardware;
  const needs = hardware === 1 ? 'needs' : 'need';
  return `${count(upgrade, 'computer')} on a release no longer supported; ${count(hardware, 'computer')} ${needs} new hardware; ${count(c.unknown, 'more computer')} unknown (stale feed or unreadable version)`;
}

function productTable(data: OverviewData): Html {
  return html`<p class="muted">
      Each row counts computers that run the product (one finding each); a percentage is of the
      computers judged (unknown left out).
    </p>
    <div class="table-wrap" role="region" aria-label="Products" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">Computers</th>
            ${STATUS_ORDER.map((s) => html`<th scope="col" class="num"><span class="dot dot-${s}" aria-hidden="true"></span>${s}</th>`)}
            <th scope="col" class="num">Compliant</th>
          </tr>
        </thead>
        <tbody>
          ${data.rows.map(
            (r) =>
              html`<tr>
                <td><a href="${productHref(r.product)}">${r.label}</a></td>
                <td class="num">${num(STATUS_ORDER.reduce((n, s) => n + r.counts[s], 0))}</td>
                ${STATUS_ORDER.map((s) => html`<td class="num">${num(r.counts[s])}</td>`)}
                <td class="num">
                  ${percent(r.counts.current, r.counts.current + r.counts.pending + r.counts.overdue + r.counts.unsupported)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function peopleTable(data: OverviewData): Html {
  if (data.people.length === 0)
    return html`<p class="muted">Nobody has a computer with pending or overdue updates.</p>`;
  return html`<div class="table-wrap" role="region" aria-label="People to chase" tabindex="0">
    <table>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col" class="num">Computers overdue</th>
          <th scope="col" class="num">Computers pending</th>
        </tr>
      </thead>
      <tbody>
        ${data.people.map(
          (p) =>
            html`<tr>
              <td><a href="${personHref(p.email)}">${p.name ?? p.email}</a></td>
              <td class="num">${num(p.computersOverdue)}</td>
              <td class="num">${num(p.computersPending)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
