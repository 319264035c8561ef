import type { SortDir } from '../../compliance/findings-pages.js';
import {
  countPeople,
  listPeople,
  PEOPLE_SORTS,
  type PeopleSort,
  type PersonRow,
} from '../../compliance/people-pages.js';
import type { AppContext } from '../../context.js';
import { daysSince } from '../format.js';

export const PEOPLE_PAGE_SIZE = 50;

/** The people table's order when the URL names none: most days overdue first. */
export const DEFAULT_PEOPLE_SORT: { sort: PeopleSort; dir: SortDir } = {
  sort: 'days',
  dir: 'desc',
};

export interface PeopleQuery {
  readonly sort: PeopleSort;
  readonly dir: SortDir;
  readonly page: number;
}

/** Pure: the query string read leniently (an unknown column or page shows the default). */
export function parsePeopleQuery(raw: Readonly<Record<string, unknown>>): PeopleQuery {
  const str = (k: string): string => (typeof raw[k] === 'string' ? raw[k].trim() : '');
  const page = Number.parseInt(str('page'), 10);
  const sort = str('sort');
  const dir = str('dir');
  const known = (PEOPLE_SORTS as readonly string[]).includes(sort);
  return {
    ...(known
      ? { sort: sort as PeopleSort, dir: dir === 'asc' || dir === 'desc' ? dir : 'asc' }
      : DEFAULT_PEOPLE_SORT),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export interface PeopleData {
  readonly query: PeopleQuery;
  readonly rows: readonly (PersonRow & { daysOverdue: number | null })[];
  readonly total: number;
  readonly pages: number;
}

/** One page of people: a COUNT DISTINCT and one sorted, limited GROUP BY of per-host summaries. */
export async function loadPeople(
  ctx: AppContext,
  query: PeopleQuery,
  now: Date,
): Promise<PeopleData> {
  const total = await countPeople(ctx.db);
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await listPeople(ctx.db, now, query.sort, query.dir, {
    limit: PEOPLE_PAGE_SIZE,
    offset: (page - 1) * PEOPLE_PAGE_SIZE,
  });
  return {
    query: { ...query, page },
    rows: rows.map((r) => ({
      ...r,
      daysOverdue: daysSince(r.oldestMissed, now),
    })),
    total,
    pages,
  };
}
