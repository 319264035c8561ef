import { SingleFlight } from '../../platform/collections/single-flight.js';
import type { AppContext } from '../../context.js';
import { loadHosts, type HostsData, type HostsQuery } from './hosts-data.js';
import { loadOverview, type OverviewData } from './overview-data.js';
import { loadPerson, type PersonData } from './person-data.js';
import { loadProduct, type ProductData } from './product-data.js';

/** What each page reads, as of a time. */
export interface PageLoaders {
  overview(now: Date): Promise<OverviewData>;
  product(id: string, now: Date): Promise<ProductData | null>;
  person(email: string, now: Date): Promise<PersonData | null>;
  hosts(query: HostsQuery, now: Date): Promise<HostsData>;
}

/** The loaders that read the context's database. */
export function storedPageLoaders(ctx: AppContext): PageLoaders {
  return {
    overview: (now) => loadOverview(ctx, now),
    product: (id, now) => loadProduct(ctx, id, now),
    person: (email, now) => loadPerson(ctx, email, now),
    hosts: (query, now) => loadHosts(ctx, query, now),
  };
}

/** `now` to the whole second: requests within one second ask the same question. */
function toSecond(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

/**
 * Concurrent identical requests share one load: same page, same query, same second. The load
 * runs as of that second, so every sharer gets exactly the answer it would have had alone.
 * Nothing is kept once a load settles (see SingleFlight), so one instance is held per set of
 * routes, never per module.
 */
export class SharedPageLoads implements PageLoaders {
  private readonly overviews = new SingleFlight<OverviewData>();
  private readonly products = new SingleFlight<ProductData | null>();
  private readonly people = new SingleFlight<PersonData | null>();
  private readonly hostPages = new SingleFlight<HostsData>();

  constructor(private readonly load: PageLoaders) {}

  overview(now: Date): Promise<OverviewData> {
    const at = toSecond(now);
    return this.overviews.run(at.toISOString(), () => afterATurn(() => this.load.overview(at)));
  }

  product(id: string, now: Date): Promise<ProductData | null> {
    const at = toSecond(now);
    return this.products.run(key(at, id), () => afterATurn(() => this.load.product(id, at)));
  }

  person(email: string, now: Date): Promise<PersonData | null> {
    const at = toSecond(now);
    return this.people.run(key(at, email), () => afterATurn(() => this.load.person(email, at)));
  }

  hosts(query: HostsQuery, now: Date): Promise<HostsData> {
    const at = toSecond(now);
    // The whole query: a filter added to HostsQuery later can never be shared by mistake.
    return this.hostPages.run(key(at, query), () => afterATurn(() => this.load.hosts(query, at)));
  }
}

/**
 * Start a load on the next turn of the event loop. SQLite answers synchronously, so a load
 * started at once runs to its end before the server reads the requests that arrived with it;
 * one turn later they have joined the flight and share its answer.
 */
async function afterATurn<T>(load: () => Promise<T>): Promise<T> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return load();
}

function key(at: Date, query: unknown): string {
  return `${at.toISOString()} ${JSON.stringify(query)}`;
}
