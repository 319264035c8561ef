import { badge, dateTime, personHref, STATUS_ORDER } from '../format.js';
import { html, queryString, type Html } from '../html.js';
import { page, type Viewer } from '../layout.js';
import type { HostView } from '../../inventory/host-query.js';
import type { HostsData, HostsQuery } from './hosts-data.js';

function selected(on: boolean): Html | null {
  return on ? html` selected` : null;
}

function pageHref(q: HostsQuery, pageNo: number): string {
  return `/hosts${queryString({ product: q.product, status: q.status, owner: q.owner, q: q.q, page: pageNo > 1 ? pageNo : undefined })}`;
}

/**
 * A host kept apart in an identity conflict shows the serial it claims, a badge in words (not
 * colour alone) and a link to the host that holds the serial, found by searching for it.
 */
function serialCell(host: HostView): Html {
  const c = host.identityConflict;
  if (!c) return html`${host.serial ?? '–'}`;
  return html`<span
      class="badge badge-failed"
      title="Reports a serial another host holds, unconfirmed by its hardware UUID: kept apart"
      >identity conflict</span
    >
    claims <a href="/hosts${queryString({ q: c.serial })}">${c.serial}</a>`;
}

/** The hosts table with its filter form (a GET form, so every view is a shareable URL). */
export function hostsPage(data: HostsData, viewer: Viewer): Html {
  const q = data.query;
  return page(
    { title: 'Hosts', section: 'hosts', viewer },
    html`<h1>Hosts</h1>
      <p class="subtitle">${data.total} ${data.total === 1 ? 'host matches' : 'hosts match'}</p>
      <section class="card">
        <form class="filters" method="get" action="/hosts" role="search">
          <label
            >Product
            <select name="product">
              <option value="">Any</option>
              ${data.products.map((p) => html`<option value="${p.id}" ${selected(p.id === q.product)}>${p.name}</option>`)}
            </select></label
          >
          <label
            >Status
            <select name="status">
              <option value="">Any</option>
              ${STATUS_ORDER.map((s) => html`<option value="${s}" ${selected(s === q.status)}>${s}</option>`)}
            </select></label
          >
          <label
            >Owner
            <input name="owner" type="email" value="${q.owner}" placeholder="name@example.com"
          /></label>
          <label
            >Search <input name="q" type="search" value="${q.q}" placeholder="name, serial, OS"
          /></label>
          <button type="submit">Filter</button>
          <a class="button secondary" href="/hosts">Reset</a>
        </form>
        <div class="table-wrap">
          <table id="hosts">
            <thead>
              <tr>
                <th>Name</th>
                <th>Serial</th>
                <th>OS</th>
                <th>Owner</th>
                <th>Status</th>
                <th>Last seen</th>
                <th class="num">Products</th>
              </tr>
            </thead>
            <tbody>
              ${data.rows.map(
                ({ host, status }) =>
                  html`<tr>
                    <td>${host.name ?? '–'}</td>
                    <td class="mono">${serialCell(host)}</td>
                    <td>${host.platform} ${host.osVersion ?? ''}</td>
                    <td>
                      ${host.owner ? html`<a href="${personHref(host.owner.email)}">${host.owner.name ?? host.owner.email}</a>` : html`<span class="muted">no owner</span>`}
                    </td>
                    <td>${status ? badge(status) : html`<span class="muted">–</span>`}</td>
                    <td>${dateTime(host.lastSeenAt)}</td>
                    <td class="num">${Object.keys(host.products).length}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${data.rows.length === 0 && html`<p class="muted">No host matches these filters.</p>`}
        <nav class="pager" aria-label="Pages">
          ${q.page > 1 && html`<a href="${pageHref(q, q.page - 1)}" rel="prev">← Previous</a>`}
          <span>Page ${q.page} of ${data.pages}</span>
          ${q.page < data.pages && html`<a href="${pageHref(q, q.page + 1)}" rel="next">Next →</a>`}
        </nav>
      </section>`,
  );
}
