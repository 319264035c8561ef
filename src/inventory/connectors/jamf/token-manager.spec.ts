import { describe, expect, it } from 'vitest';
import { TokenManager, type BearerToken } from './token-manager.js';

const T0 = Date.UTC(2026, 7, 20, 9, 0, 0);

/** A fake clock and a token source that mints `tok-1`, `tok-2`, ... living `lifetimeMs`. */
function setup(lifetimeMs = 20 * 60_000) {
  let now = T0;
  let minted = 0;
  const source = (): Promise<BearerToken> => {
    minted++;
    return Promise.resolve({ value: `tok-${minted}`, expiresAt: now + lifetimeMs });
  };
  const manager = new TokenManager(source, () => new Date(now));
  return {
    manager,
    advance: (ms: number) => (now += ms),
    minted: () => minted,
  };
}

describe('TokenManager', () => {
  it('fetches one token on first use and reuses it while it has time left', async () => {
    const { manager, advance, minted } = setup();
    expect(await manager.token()).toBe('tok-1');
    advance(10 * 60_000);
    expect(await manager.token()).toBe('tok-1');
    expect(minted()).toBe(1);
    expect(manager.issued).toBe(1);
  });

  it.each([
    ['61 s left: still reused', 20 * 60_000 - 61_000, 'tok-1'],
    ['59 s left: refreshed before use', 20 * 60_000 - 59_000, 'tok-2'],
    ['already expired: refreshed', 21 * 60_000, 'tok-2'],
  ])('%s', async (_name, elapsed, expected) => {
    const { manager, advance } = setup();
    await manager.token();
    advance(elapsed);
    expect(await manager.token()).toBe(expected);
  });

  it('uses half the lifetime as the margin for short-lived tokens, not one token per call', async () => {
    const { manager, advance, minted } = setup(60_000);
    await manager.token();
    advance(29_000);
    expect(await manager.token()).toBe('tok-1');
    advance(2_000);
    expect(await manager.token()).toBe('tok-2');
    expect(minted()).toBe(2);
  });

  it('shares one token request among concurrent callers', async () => {
    const { manager, minted } = setup();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => manager.token()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(minted()).toBe(1);
  });

  it('replaces a refused token once, however many requests report it', async () => {
    const { manager, minted } = setup();
    const stale = await manager.token();
    manager.invalidate(stale);
    const fresh = await manager.token();
    // Other in-flight requests that used the stale token report it after the refresh.
    manager.invalidate(stale);
    manager.invalidate(stale);
    expect(await manager.token()).toBe(fresh);
    expect(fresh).toBe('tok-2');
    expect(minted()).toBe(2);
  });

  it('does not cache a failed token request', async () => {
    let calls = 0;
    const manager = new TokenManager(
      () => {
        calls++;
        return calls === 1
          ? Promise.reject(new Error('down'))
          : Promise.resolve({ value: 'ok', expiresAt: T0 + 600_000 });
      },
      () => new Date(T0),
    );
    await expect(manager.token()).rejects.toThrow('down');
    expect(await manager.token()).toBe('ok');
  });
});
