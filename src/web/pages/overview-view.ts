import { percent, personHref, productHref, STATUS_ORDER } from '../format.js';
import { html, type Html } from '../html.js';
import { card, page, type Viewer } from '../layout.js';
import { barChart, lineChart, statusSeries } from './chart.js';
import { TREND_DAYS, type OverviewData } from './overview-data.js';

function stat(label: string, value: string, hint: string, cls = ''): Html {
  return html`<section class="card stat ${cls}">
    <span class="label">${label}</span><span class="value">${value}</span
    ><span class="hint">${hint}</span>
  </section>`;
}

/** The fleet overview: big numbers, compliance by product and track, trend, people to chase. */
export function overviewPage(data: OverviewData, viewer: Viewer): Html {
  const judged =
    data.totals.current + data.totals.pending + data.totals.overdue + data.totals.unsupported;
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
      <p class="subtitle">${data.hosts} active hosts · ${data.rows.length} product tracks</p>
      ${stale}
      <div class="grid">
        <div class="span-3">
          ${stat('Compliant', compliance, `${data.totals.current} of ${judged} up to date`, data.compliance !== null && data.compliance >= 90 ? 'good' : '')}
        </div>
        <div class="span-3">
          ${stat('Overdue', String(data.totals.overdue), 'past their grace period', data.totals.overdue > 0 ? 'overdue' : 'good')}
        </div>
        <div class="span-3">
          ${stat('Pending', String(data.totals.pending), 'within their grace period')}
        </div>
        <div class="span-3">
          ${stat('Unknown', String(data.totals.unknown), 'stale feed or unknown version')}
        </div>
      </div>
      <div class="grid">
        <div class="span-7">
          ${card('Compliance by product and track', data.rows.length ? barChart({ title: 'Hosts by status', categories: data.rows.map((r) => r.label), series: statusSeries(data.rows.map((r) => r.counts)), stacked: true, yLabel: 'hosts', width: 640, height: 320 }) : html`<p class="muted">No findings yet: sync feeds and inventory first.</p>`)}
        </div>
        <div class="span-5">
          ${card(`Compliance trend (${TREND_DAYS} days)`, data.trend.days.length ? lineChart({ title: 'Compliant %', x: data.trend.days, series: data.trend.lines, yLabel: '% compliant', yDomain: [0, 100], width: 440, height: 320 }) : html`<p class="muted">The trend starts with the first daily snapshot.</p>`)}
        </div>
      </div>
      <div class="grid">
        <div class="span-8">${card('Products', productTable(data))}</div>
        <div class="span-4">${card('People to follow up', peopleTable(data))}</div>
      </div>`,
  );
}

function productTable(data: OverviewData): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th>Product</th>
          ${STATUS_ORDER.map((s) => html`<th class="num"><span class="dot dot-${s}" aria-hidden="true"></span>${s}</th>`)}
          <th class="num">Compliant</th>
        </tr>
      </thead>
      <tbody>
        ${data.rows.map(
          (r) =>
            html`<tr>
              <td class="nowrap"><a href="${productHref(r.product)}">${r.label}</a></td>
              ${STATUS_ORDER.map((s) => html`<td class="num">${r.counts[s]}</td>`)}
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
    return html`<p class="muted">Nobody has pending or overdue updates.</p>`;
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th>Person</th>
          <th class="num">Overdue</th>
          <th class="num">Pending</th>
        </tr>
      </thead>
      <tbody>
        ${data.people.map(
          (p) =>
            html`<tr>
              <td><a href="${personHref(p.email)}">${p.name ?? p.email}</a></td>
              <td class="num">${p.overdue}</td>
              <td class="num">${p.pending}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
