/**
 * Concurrent calls for the same key share one run: the first caller starts it, callers that
 * arrive while it runs get the same promise (result or error), and the next call after it
 * settles starts afresh. Nothing is cached past the run: a dashboard refreshed by ten people
 * at once costs one computation, and a later refresh still sees new data.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** Calls for `key` while one runs share its outcome. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current) return current;
    // An async wrapper turns a synchronous throw into a rejection shared like any other.
    const started = (async () => work())().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** How many keys are running now. */
  get size(): number {
    return this.running.size;
  }
}
