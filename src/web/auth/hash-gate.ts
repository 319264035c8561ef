/**
 * Bounds the password hashes running at once. Each scrypt takes 32 MiB and a libuv thread for
 * about a tenth of a second; queueing 60 of them made a real login wait 26 s. So nothing queues:
 * a request that finds no free slot is answered at once and may retry.
 *
 * - one hash in flight per client (an address, or a known browser), so one client's parallel
 *   requests never hold more than one slot;
 * - strangers may hold all but `reservedForKnown` slots, so the admin's own browser always finds
 *   one free even while many addresses flood the form.
 */
export interface HashGateOptions {
  /** Hashes at once. */
  readonly slots: number;
  /** Slots only known browsers may take. */
  readonly reservedForKnown: number;
  /** Hashes at once per client. */
  readonly perClient: number;
}

/**
 * Four at once (libuv's default thread count; 128 MiB of scrypt memory at most), three of them
 * for strangers: one flooding address holds one slot, and a real login still finds another.
 */
export const HASH_GATE_DEFAULTS: HashGateOptions = { slots: 4, reservedForKnown: 1, perClient: 1 };

/** Why a hash could not start: this client already has one running, or the server is full. */
export type GateRefusal = 'client-busy' | 'server-busy';

export class HashGate {
  private running = 0;
  private readonly perClient = new Map<string, number>();

  constructor(private readonly opts: HashGateOptions = HASH_GATE_DEFAULTS) {}

  /** Take a slot for `client`: a release function, or why not. Never waits. */
  tryEnter(client: string, known: boolean): (() => void) | GateRefusal {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.opts.perClient) return 'client-busy';
    const limit = known ? this.opts.slots : this.opts.slots - this.opts.reservedForKnown;
    if (this.running >= limit) return 'server-busy';
    this.running++;
    this.perClient.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    };
  }

  /** Hashes running now (for tests and metrics). */
  get inFlight(): number {
    return this.running;
  }
}
