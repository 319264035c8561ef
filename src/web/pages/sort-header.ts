import { html, type Html } from '../html.js';

/** How a table is sorted now, and how to link to another order of it. */
export interface SortState<C extends string> {
  readonly sort: C;
  readonly dir: 'asc' | 'desc';
  /** The page's URL sorted by `sort` in `dir` (keeping its filters, back to page 1). */
  readonly href: (sort: C, dir: 'asc' | 'desc') => string;
}

/**
 * A column header that sorts the table on the server: the dashboard runs no script, so each
 * header is a link. The sorted column says so to screen readers (aria-sort) and links to the
 * reverse order; any other column links to its own first order (numbers and dates biggest first).
 */
export function sortHeader<C extends string>(
  state: SortState<C>,
  column: C,
  label: string,
  opts: { readonly num?: boolean; readonly firstDir?: 'asc' | 'desc' } = {},
): Html {
  const active = state.sort === column;
  const next = active ? (state.dir === 'asc' ? 'desc' : 'asc') : (opts.firstDir ?? 'asc');
  const aria = active ? (state.dir === 'asc' ? 'ascending' : 'descending') : null;
  return html`<th scope="col" class="${opts.num ? 'num' : ''}" ${aria && html`aria-sort="${aria}"`}>
    <a class="sort" href="${state.href(column, next)}">${label}</a>
  </th>`;
}

/**
 * A table URL's `sort` and `dir`, left out when they are the table's default order, so the
 * default view keeps one canonical URL.
 */
export function orderParams<C extends string>(
  sort: C,
  dir: 'asc' | 'desc',
  byDefault: { readonly sort: C; readonly dir: 'asc' | 'desc' },
): { sort?: C; dir?: 'asc' | 'desc' } {
  return sort === byDefault.sort && dir === byDefault.dir ? {} : { sort, dir };
}
