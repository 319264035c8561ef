import {
  badge,
  claimedSerialLink,
  dateTime,
  hostHref,
  personHref,
  STATUS_ORDER,
} from '../format.js';
import { html, queryString, type Html } from '../html.js';
import { page, type Viewer } from '../layout.js';
import type { HostView } from '../../inventory/host-query.js';
import type { HostSort } from '../../compliance/findings-pages.js';
import { csvHref } from './csv-routes.js';
import { DEFAULT_HOST_SORT, type HostsData, type HostsQuery } from './hosts-data.js';
import { orderParams, sortHeader, type SortState } from './sort-header.js';
import { count } from './units.js';

function selected(on: boolean): Html | null {
  return on ? html` selected` : null;
}

/** The table's URL: its filters, its order (left out when it is the default) and its page. */
function hostsHref(q: HostsQuery, pageNo: number, sort = q.sort, dir = q.dir): string {
  return `/hosts${queryString({ product: q.product, status: q.status, owner: q.owner, q: q.q, ...orderParams(sort, dir, DEFAULT_HOST_SORT), page: pageNo > 1 ? pageNo : undefined })}`;
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
    claims ${claimedSerialLink(c.serial)}`;
}

/** The hosts table with its filter form (a GET form, so every view is a shareable URL). */
export function hostsPage(data: HostsData, viewer: Viewer): Html {
  const q = data.query;
  const order: SortState<HostSort> = {
    sort: q.sort,
    dir: q.dir,
    href: (sort, dir) => hostsHref(q, 1, sort, dir),
  };
  return page(
    { title: 'Hosts', section: 'hosts', viewer },
    html`<h1>Hosts</h1>
      <p class="subtitle">
        ${count(data.total, 'computer')} ${data.total === 1 ? 'matches' : 'match'}
      </p>
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
          <input type="hidden" name="sort" value="${q.sort}" />
          <input type="hidden" name="dir" value="${q.dir}" />
          <a class="button secondary" href="/hosts">Reset</a>
        </form>
        <div class="table-wrap" role="region" aria-label="Hosts" tabindex="0">
          <table id="hosts">
            <thead>
              <tr>
                ${sortHeader(order, 'name', 'Name')} ${sortHeader(order, 'serial', 'Serial')}
                ${sortHeader(order, 'os', 'OS')} ${sortHeader(order, 'owner', 'Owner')}
                ${sortHeader(order, 'status', 'Status', { firstDir: 'desc' })}
                ${sortHeader(order, 'overdue', 'Days overdue', { num: true, firstDir: 'desc' })}
                ${sortHeader(order, 'seen', 'Last seen', { firstDir: 'desc' })}
                ${sortHeader(order, 'products', 'Products', { num: true, firstDir: 'desc' })}
              </tr>
            </thead>
            <tbody>
              ${data.rows.map(
                ({ host, status, daysOverdue }) =>
                  html`<tr>
                    <td>
                      <a href="${hostHref(host.id)}">${host.name ?? host.serial ?? host.id}</a>
                    </td>
                    <td class="mono">${serialCell(host)}</td>
                    <td>${host.platform} ${host.osVersion ?? ''}</td>
                    <td>
                      ${host.owner ? html`<a href="${personHref(host.owner.email)}">${host.owner.name ?? host.owner.email}</a>` : html`<span class="muted">no owner</span>`}
                    </td>
                    <td>${status ? badge(status) : html`<span class="muted">–</span>`}</td>
                    <td class="num">${daysOverdue ?? '–'}</td>
                    <td class="nowrap">${dateTime(host.lastSeenAt)}</td>
                    <td class="num">${Object.keys(host.products).length}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${data.rows.length === 0 && html`<p class="muted">No host matches these filters.</p>`}
        <nav class="pager" aria-label="Pages">
          ${q.page > 1 && html`<a href="${hostsHref(q, q.page - 1)}" rel="prev">← Previous</a>`}
          <span>Page ${q.page} of ${data.pages}</span>
          ${q.page < data.pages && html`<a href="${hostsHref(q, q.page + 1)}" rel="next">Next →</a>`}
        </nav>
        <p>
          <a class="button secondary" href="${csvHref(hostsHref(q, 1))}" download>Download CSV</a>
          <span class="muted">every matching computer, in this order</span>
        </p>
      </section>`,
  );
}
