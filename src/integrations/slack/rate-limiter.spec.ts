import { describe, expect, it } from 'vitest';
import { SLACK_TIERS, SlackRateLimiter, type LimiterClock } from './rate-limiter.js';

/** A clock whose sleep only moves time forward and records how long it was asked to wait. */
function fakeClock(): LimiterClock & { sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

async function acquireTimes(
  limiter: SlackRateLimiter,
  clock: { t: number },
  calls: readonly (readonly [string, string?])[],
): Promise<number[]> {
  const at: number[] = [];
  for (const [method, channel] of calls) {
    await limiter.acquire(method, channel);
    at.push(clock.t);
  }
  return at;
}

describe('SlackRateLimiter', () => {
  it.each([
    // Tier 3 (lookups, conversations.open/history): a burst of 5, then one every 60s/50 = 1.2 s.
    ['users.lookupByEmail', 7, [0, 0, 0, 0, 0, 1200, 2400]],
    ['conversations.open', 6, [0, 0, 0, 0, 0, 1200]],
    // Tier 4: burst 10, then every 600 ms.
    ['users.info', 11, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 600]],
    // Tier 2: burst 3, then every 3 s.
    ['users.list', 4, [0, 0, 0, 3000]],
    // An unknown method is treated as Tier 2, "most methods" in Slack's table.
    ['team.info', 4, [0, 0, 0, 3000]],
  ])('paces %s', async (method, n, expected) => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock });
    expect(
      await acquireTimes(
        limiter,
        clock,
        Array.from({ length: n }, () => [method]),
      ),
    ).toEqual(expected);
  });

  it('limits chat.postMessage to one per second per channel, channels independent', async () => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock });
    const calls = [['D1'], ['D2'], ['D1'], ['D2'], ['D1']].map(
      ([c]) => ['chat.postMessage', c] as const,
    );
    expect(await acquireTimes(limiter, clock, calls)).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it('pauses only the refused method for Retry-After, then restarts with an empty bucket', async () => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock });
    await limiter.acquire('users.lookupByEmail');
    limiter.pause('users.lookupByEmail', 30);
    await limiter.acquire('users.info');
    expect(clock.t).toBe(0);
    expect(
      await acquireTimes(limiter, clock, [['users.lookupByEmail'], ['users.lookupByEmail']]),
    ).toEqual([30_000, 31_200]);
  });

  it('pauses one channel of chat.postMessage without holding another', async () => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock });
    limiter.pause('chat.postMessage', 5, 'D1');
    await limiter.acquire('chat.postMessage', 'D2');
    expect(clock.t).toBe(0);
    await limiter.acquire('chat.postMessage', 'D1');
    expect(clock.t).toBe(5000);
  });

  it('gives each concurrent caller its own token', async () => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock, limits: { tier3: { perMinute: 60, burst: 1 } } });
    await Promise.all([1, 2, 3].map(() => limiter.acquire('users.lookupByEmail')));
    // Three tokens at one a second from a bucket of one: the clock must have moved at least 2 s.
    expect(clock.t).toBeGreaterThanOrEqual(2000);
  });

  it.each([
    [{ tier3: { perMinute: 6, burst: 1 } }, 'users.lookupByEmail', 10_000],
    [
      { 'users.lookupByEmail': { perMinute: 30, burst: 1 }, tier3: { perMinute: 6, burst: 1 } },
      'users.lookupByEmail',
      2000,
    ],
    [{}, 'conversations.history', 1200],
  ])('honours overrides %j for %s', async (limits, method, gap) => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({ clock, limits });
    const burst = limiter.limitFor(method).burst;
    const times = await acquireTimes(
      limiter,
      clock,
      Array.from({ length: burst + 1 }, () => [method]),
    );
    expect(times.at(-1)).toBe(gap);
  });

  it('spends a workspace-wide chat.postMessage budget across channels', async () => {
    const clock = fakeClock();
    const limiter = new SlackRateLimiter({
      clock,
      limits: { 'chat.postMessage:workspace': { perMinute: 120, burst: 2 } },
    });
    // Four different DMs: none waits on its own channel, the third and fourth on the workspace.
    const calls = ['D1', 'D2', 'D3', 'D4'].map((c) => ['chat.postMessage', c] as const);
    expect(await acquireTimes(limiter, clock, calls)).toEqual([0, 0, 500, 1000]);
  });

  it('publishes the documented tier floors', () => {
    expect(Object.values(SLACK_TIERS).map((t) => t.perMinute)).toEqual([1, 20, 50, 100, 60, 600]);
  });
});
