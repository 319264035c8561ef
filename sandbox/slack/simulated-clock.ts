import type { LimiterClock } from '../../src/integrations/slack/rate-limiter.js';

/**
 * Virtual time for benchmarks and tests that run real Slack tiers without waiting for them.
 * `elapse(ms)` queues a wake-up at `now() + ms`; once the event loop has nothing else ready (next
 * `setImmediate`), time jumps to the earliest wake-up and every caller due by then resumes, in
 * order. So concurrent waits overlap as they would in real time instead of adding up. Real
 * I/O (HTTP to the stand-in, a database) takes no virtual time: Slack's own latency is not
 * simulated. Share one instance between the client's limiter and the stand-in's `now`.
 */
export class SimulatedClock {
  private t: number;
  private seq = 0;
  private readonly sleepers: { at: number; seq: number; wake: () => void }[] = [];
  private advancing = false;

  constructor(startMs = 0) {
    this.t = startMs;
  }

  readonly now = (): number => this.t;

  /** Resolve once `ms` of virtual time has passed for this caller; no real time is waited. */
  readonly elapse = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.sleepers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, wake });
      this.scheduleAdvance();
    });

  /** The clock a rate limiter takes: its sleeps pass virtual time only. */
  asLimiterClock(): LimiterClock {
    return { now: this.now, sleep: this.elapse };
  }

  private scheduleAdvance(): void {
    if (this.advancing) return;
    this.advancing = true;
    setImmediate(() => {
      this.advancing = false;
      this.advance();
    });
  }

  private advance(): void {
    this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const first = this.sleepers[0];
    if (!first) return;
    this.t = Math.max(this.t, first.at);
    while (this.sleepers[0] && this.sleepers[0].at <= this.t) this.sleepers.shift()?.wake();
    if (this.sleepers.length > 0) this.scheduleAdvance();
  }
}
