import { badge, day, personHref } from '../format.js';
import { html, type Html } from '../html.js';
import { card, page, type Viewer } from '../layout.js';
import { barChart, statusSeries } from './chart.js';
import type { ProductData } from './product-data.js';
import { controlGroupCard, ttiCard } from './product-tti-view.js';

/** Releases shown in the TTI chart. */
const TTI_CHART_RELEASES = 12;

/** A product: current release per track, version spread, time to install per release. */
export function productPage(data: ProductData, viewer: Viewer): Html {
  const { product } = data;
  // Releases nobody needed have no bar to draw.
  const ttiChart = data.tti.filter((t) => t.hostsNeeding > 0).slice(-TTI_CHART_RELEASES);
  return page(
    { title: product.name, section: 'overview', viewer },
    html`<h1>${product.name}</h1>
      <p class="subtitle">
        ${product.platform} · ${data.hostCount} hosts ·
        ${data.compliance === null ? 'no judged hosts' : `${data.compliance}% compliant`} ·
        <a href="/hosts?product=${encodeURIComponent(product.id)}"
          >all hosts with ${product.name}</a
        >
      </p>
      ${card('Current release per track', trackTable(data))}
      <div class="grid">
        <div class="span-6">
          ${card('Installed versions', data.spread.length ? barChart({ title: 'Hosts per installed version', categories: data.spread.map((s) => s.version), series: statusSeries(data.spread.map((s) => s.counts)), stacked: true, yLabel: 'hosts', width: 560, height: 320 }) : html`<p class="muted">No host reports ${product.name}.</p>`)}
        </div>
        <div class="span-6">
          ${card(
            'Time to install per release',
            ttiChart.length
              ? barChart({
                  title: 'Days to install (no bar: not reached yet)',
                  categories: ttiChart.map((t) => t.version),
                  series: [
                    { name: 'Median days', values: ttiChart.map((t) => t.medianDays) },
                    { name: 'P90 days', values: ttiChart.map((t) => t.p90Days) },
                  ],
                  yLabel: 'days',
                  width: 560,
                  height: 320,
                })
              : html`<p class="muted">No release history yet.</p>`,
          )}
        </div>
      </div>
      ${card('Time to install', ttiCard(product.id, data.tti))}
      ${card('Do reminders work?', controlGroupCard(data.controlGroup))}
      ${card('Hosts', hostTable(data))}`,
  );
}

function trackTable(data: ProductData): Html {
  return html`<div
    class="table-wrap"
    role="region"
    aria-label="Current release per track"
    tabindex="0"
  >
    <table>
      <thead>
        <tr>
          <th>Track</th>
          <th>Latest</th>
          <th>Build</th>
          <th>Released</th>
          <th class="num">CVEs</th>
          <th>Exploited</th>
          <th>Feed</th>
        </tr>
      </thead>
      <tbody>
        ${data.tracks.map(
          (t) =>
            html`<tr>
              <td>
                ${t.trackName}${!t.supported && html` <span class="badge badge-unsupported">unsupported</span>`}
              </td>
              <td class="mono">
                ${t.url ? html`<a href="${t.url}" rel="noreferrer">${t.version}</a>` : t.version}
              </td>
              <td class="mono">${t.build ?? '–'}</td>
              <td class="nowrap">${day(t.releasedAt)}</td>
              <td class="num">${t.cves.length}</td>
              <td>
                ${t.exploitedCves.length ? html`<span class="error">${t.exploitedCves.join(', ')}</span>` : '–'}
              </td>
              <td>
                ${t.stale ? html`<span class="badge badge-unknown" title="${t.staleReason ?? ''}">stale</span>` : html`<span class="badge badge-ok">fresh</span>`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function hostTable(data: ProductData): Html {
  if (data.hosts.length === 0) return html`<p class="muted">No hosts.</p>`;
  return html`<div class="table-wrap" role="region" aria-label="Most urgent hosts" tabindex="0">
      <table>
        <thead>
          <tr>
            <th>Host</th>
            <th>Owner</th>
            <th>Installed</th>
            <th>Required</th>
            <th>Status</th>
            <th>Deadline</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          ${data.hosts.map(
            (h) =>
              html`<tr>
                <td>${h.hostName ?? h.hostId}</td>
                <td>
                  ${h.ownerEmail ? html`<a href="${personHref(h.ownerEmail)}">${h.ownerEmail}</a>` : '–'}
                </td>
                <td class="mono">${h.installed}</td>
                <td class="mono">${h.required ?? '–'}</td>
                <td>${badge(h.status)}</td>
                <td class="nowrap">${day(h.deadline)}</td>
                <td class="muted">${h.reason}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${data.hostCount > data.hosts.length && html`<p class="muted">Showing the ${data.hosts.length} most urgent of ${data.hostCount} hosts. <a href="/hosts?product=${encodeURIComponent(data.product.id)}">See them all</a>.</p>`}`;
}
