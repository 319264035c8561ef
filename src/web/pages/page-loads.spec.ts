import { describe, expect, it } from 'vitest';
import type { HostsData, HostsQuery } from './hosts-data.js';
import type { OverviewData } from './overview-data.js';
import { SharedPageLoads, type PageLoaders } from './page-loads.js';

const T = new Date('2026-08-25T12:00:00.000Z');
const at = (ms: number): Date => new Date(T.getTime() + ms);
/** Loads start one turn of the event loop after the request (see afterATurn). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const QUERY: HostsQuery = {
  product: '',
  status: '',
  owner: '',
  q: 'mac',
  page: 1,
  sort: 'overdue',
  dir: 'desc',
};

/** Loaders that record each call and settle only when the test says so. */
function fakeLoaders() {
  const calls: { page: string; arg: unknown; now: string }[] = [];
  const pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const start = <T>(page: string, arg: unknown, now: Date): Promise<T> => {
    calls.push({ page, arg, now: now.toISOString() });
    return new Promise<T>((resolve, reject) => {
      pending.push({ resolve: resolve as (v: unknown) => void, reject });
    });
  };
  const loaders: PageLoaders = {
    overview: (now) => start<OverviewData>('overview', null, now),
    product: (id, now) => start('product', id, now),
    person: (email, now) => start('person', email, now),
    hosts: (query, now) => start<HostsData>('hosts', query, now),
  };
  const settleAll = (value: unknown): void => {
    for (const p of pending.splice(0)) p.resolve(value);
  };
  return { loaders, calls, pending, settleAll };
}

describe('SharedPageLoads', () => {
  it('shares one load between identical requests in the same second, as of that second', async () => {
    const f = fakeLoaders();
    const load = new SharedPageLoads(f.loaders);
    const a = load.overview(at(120));
    const b = load.overview(at(870));
    expect(f.calls).toEqual([]);
    await turn();
    expect(f.calls).toEqual([{ page: 'overview', arg: null, now: T.toISOString() }]);
    const data = { hosts: 3 } as unknown as OverviewData;
    f.settleAll(data);
    expect(await a).toBe(data);
    expect(await b).toBe(data);
  });

  it('loads separately for another second, page or query, and again once a load settles', async () => {
    const f = fakeLoaders();
    const load = new SharedPageLoads(f.loaders);
    const running = [
      load.overview(at(0)),
      load.overview(at(1000)),
      load.hosts(QUERY, at(0)),
      load.hosts(QUERY, at(10)),
      load.hosts({ ...QUERY, page: 2 }, at(0)),
      load.product('macos', at(0)),
      load.product('chrome', at(0)),
      load.person('alice@example.com', at(0)),
    ];
    await turn();
    expect(f.calls.map((c) => `${c.page} ${JSON.stringify(c.arg)} ${c.now}`)).toEqual([
      `overview null ${T.toISOString()}`,
      `overview null ${at(1000).toISOString()}`,
      `hosts ${JSON.stringify(QUERY)} ${T.toISOString()}`,
      `hosts ${JSON.stringify({ ...QUERY, page: 2 })} ${T.toISOString()}`,
      `product "macos" ${T.toISOString()}`,
      `product "chrome" ${T.toISOString()}`,
      `person "alice@example.com" ${T.toISOString()}`,
    ]);
    f.settleAll(null);
    await Promise.all(running);
    const later = load.overview(at(0));
    await turn();
    expect(f.calls).toHaveLength(8);
    f.settleAll(null);
    await later;
  });

  it('gives every sharer the error of a failed load, and the next request tries again', async () => {
    const f = fakeLoaders();
    const load = new SharedPageLoads(f.loaders);
    const a = load.product('macos', at(0));
    const b = load.product('macos', at(1));
    await turn();
    const boom = new Error('database gone');
    f.pending.splice(0).forEach((p) => p.reject(boom));
    await expect(a).rejects.toBe(boom);
    await expect(b).rejects.toBe(boom);
    const again = load.product('macos', at(2));
    await turn();
    expect(f.calls).toHaveLength(2);
    f.settleAll(null);
    expect(await again).toBeNull();
  });
});
