import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../platform/db/db.js';
import { hostsWhere, pageOfHosts, type HostFilter, type HostView } from './host-query.js';

/** Hosts per page of an export: one IN-list of ids for their products and sources. */
export const HOST_EXPORT_PAGE = 1000;

/**
 * Every host matching the filter, page by page in (name, id) order: named hosts first, then the
 * unnamed ones by id (each dialect sorts NULL at its own end; two passes make both agree).
 * Keyset paging: a page starts after the last row of the one before, so the last page costs
 * what the first does, where OFFSET would walk every row before it. Paging fields of the filter
 * are ignored.
 */
export async function* streamHosts(
  db: Db,
  filter: HostFilter,
  pageSize = HOST_EXPORT_PAGE,
): AsyncGenerator<HostView[]> {
  const named = hostsWhere(db, filter).where('hosts.name', 'is not', null);
  yield* keysetPages(pageSize, (last) =>
    pageOfHosts(
      db,
      last?.name == null
        ? named
        : named.where((eb) =>
            eb.or([
              eb('hosts.name', '>', last.name),
              eb.and([eb('hosts.name', '=', last.name), eb('hosts.id', '>', last.id)]),
            ]),
          ),
      { limit: pageSize },
    ),
  );
  const unnamed = hostsWhere(db, filter).where('hosts.name', 'is', null);
  yield* keysetPages(pageSize, (last) =>
    pageOfHosts(db, last ? unnamed.where('hosts.id', '>', last.id) : unnamed, {
      limit: pageSize,
    }),
  );
}

/** Pages read after the last row of the one before, with a turn of the event loop in between. */
async function* keysetPages(
  pageSize: number,
  read: (last: HostView | null) => Promise<HostView[]>,
): AsyncGenerator<HostView[]> {
  let last: HostView | null = null;
  for (;;) {
    const page = await read(last);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    last = page[page.length - 1] ?? null;
    await nextTurn();
  }
}
