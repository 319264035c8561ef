import type { PeopleSort } from '../../compliance/people-pages.js';
import { personHref } from '../format.js';
import { html, queryString, type Html } from '../html.js';
import { page, type Viewer } from '../layout.js';
import { csvHref } from './csv-routes.js';
import { DEFAULT_PEOPLE_SORT, type PeopleData, type PeopleQuery } from './people-data.js';
import { orderParams, sortHeader, type SortState } from './sort-header.js';
import { count, num } from './units.js';

/** The table's URL: its order (left out when it is the default) and its page. */
function peopleHref(q: PeopleQuery, pageNo: number, sort = q.sort, dir = q.dir): string {
  return `/people${queryString({ ...orderParams(sort, dir, DEFAULT_PEOPLE_SORT), page: pageNo > 1 ? pageNo : undefined })}`;
}

/** Everyone who owns an active computer with watched products, sortable by any column. */
export function peoplePage(data: PeopleData, viewer: Viewer): Html {
  const q = data.query;
  const order: SortState<PeopleSort> = {
    sort: q.sort,
    dir: q.dir,
    href: (sort, dir) => peopleHref(q, 1, sort, dir),
  };
  return page(
    { title: 'People', section: 'overview', viewer },
    html`<h1>People</h1>
      <p class="subtitle">
        ${count(data.total, 'person', 'people')} own active computers with watched products
      </p>
      <section class="card">
        <div class="table-wrap" role="region" aria-label="People" tabindex="0">
          <table id="people">
            <thead>
              <tr>
                ${sortHeader(order, 'name', 'Person')}
                ${sortHeader(order, 'computers', 'Computers', { num: true, firstDir: 'desc' })}
                ${sortHeader(order, 'overdue', 'Computers overdue', { num: true, firstDir: 'desc' })}
                ${sortHeader(order, 'pending', 'Computers pending', { num: true, firstDir: 'desc' })}
                ${sortHeader(order, 'days', 'Days overdue', { num: true, firstDir: 'desc' })}
              </tr>
            </thead>
            <tbody>
              ${data.rows.map(
                (p) =>
                  html`<tr>
                    <td><a href="${personHref(p.email)}">${p.name ?? p.email}</a></td>
                    <td class="num">${num(p.computers)}</td>
                    <td class="num">${num(p.computersOverdue)}</td>
                    <td class="num">${num(p.computersPending)}</td>
                    <td class="num">${p.daysOverdue ?? '–'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${data.rows.length === 0 && html`<p class="muted">Nobody owns a computer with findings yet.</p>`}
        <nav class="pager" aria-label="Pages">
          ${q.page > 1 && html`<a href="${peopleHref(q, q.page - 1)}" rel="prev">← Previous</a>`}
          <span>Page ${q.page} of ${data.pages}</span>
          ${q.page < data.pages && html`<a href="${peopleHref(q, q.page + 1)}" rel="next">Next →</a>`}
        </nav>
        <p>
          <a class="button secondary" href="${csvHref(peopleHref(q, 1))}" download>Download CSV</a>
          <span class="muted">everyone, in this order</span>
        </p>
      </section>`,
  );
}
