/**
 * At most `limit` log bodies read and ingested at once; the next one is turned away at once
 * rather than queued. A queue would hold each waiting request's socket and, once admitted, its
 * body: a flood would still cost memory. osqueryd keeps unsent logs and resends them, so a fast
 * 503 loses nothing. (The outbound client's Semaphore queues instead, which suits callers that
 * must eventually run.)
 */
export class IngestGate {
  private active = 0;

  constructor(readonly limit: number) {}

  /** A release function when a place is free, else null. Releasing twice frees one place. */
  tryEnter(): (() => void) | null {
    if (this.active >= this.limit) return null;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}
