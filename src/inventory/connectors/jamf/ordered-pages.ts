/**
 * Run `fetch(i)` for i in [from, to) with at most `limit` in flight, yielding results in index
 * order: page 7 may arrive before page 6, but the caller still sees 6 first.
 */
export async function* orderedWindow<T>(
  from: number,
  to: number,
  limit: number,
  fetch: (i: number) => Promise<T>,
): AsyncGenerator<T> {
  const inFlight = new Map<number, Promise<T>>();
  let next = from;
  const launch = (): void => {
    while (next < to && inFlight.size < limit) {
      const p = fetch(next);
      // Marked handled here: when an earlier page fails, the later ones are abandoned, and their
      // failures must not surface as unhandled rejections.
      p.catch(() => undefined);
      inFlight.set(next++, p);
    }
  };
  for (let i = from; i < to; i++) {
    launch();
    const result = await (inFlight.get(i) as Promise<T>);
    inFlight.delete(i);
    // Refill the window before handing the page over, so the next pages load while it is stored.
    launch();
    yield result;
  }
}
