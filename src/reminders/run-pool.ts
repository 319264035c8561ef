/**
 * Runs `work` on every item with at most `concurrency` running at once, starting them in index
 * order, and returns the results by index. Each call should catch its own failures (one person
 * is one unit of failure); if one throws anyway, its worker stops, the other workers carry on
 * through the remaining items, and the first error is rethrown after all of them have settled,
 * so no call is left running once this returns.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}
