/** A bearer token and when it stops working, in epoch ms. */
export interface BearerToken {
  readonly value: string;
  readonly expiresAt: number;
}

/** Asks Jamf Pro for a new token (see auth.ts); the manager decides when. */
export type TokenSource = () => Promise<BearerToken>;

/** Refresh a token this long before it expires, so a page request never races the expiry. */
export const REFRESH_MARGIN_MS = 60_000;

interface HeldToken extends BearerToken {
  readonly issuedAt: number;
}

/**
 * One bearer token for a whole sync, shared by every concurrent request: fetched on first use,
 * reused until it is within a minute of expiry (by the injected clock), and replaced when Jamf
 * refuses it. Concurrent callers that need a new token share a single token request.
 */
export class TokenManager {
  private current: HeldToken | null = null;
  private pending: Promise<HeldToken> | null = null;
  /** Tokens fetched so far: a sync should show 1. */
  issued = 0;

  constructor(
    private readonly source: TokenSource,
    private readonly now: () => Date,
  ) {}

  /** A token with time left, fetching a new one only when there is none or it is about to expire. */
  async token(): Promise<string> {
    const held = this.current;
    if (held && !this.nearExpiry(held)) return held.value;
    return (await this.refresh()).value;
  }

  /**
   * Jamf answered 401 to `stale`. Drop it, unless another request already replaced it: with
   * several pages in flight, all of them may see the same revoked token, and one new token is
   * enough for all of them.
   */
  invalidate(stale: string): void {
    if (this.current?.value === stale) this.current = null;
  }

  private refresh(): Promise<HeldToken> {
    this.pending ??= this.source()
      .then((t) => {
        const held: HeldToken = { ...t, issuedAt: this.now().getTime() };
        this.current = held;
        this.issued++;
        return held;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  private nearExpiry(t: HeldToken): boolean {
    // A token that lives under two minutes (API clients can be set to 60 s) would always be
    // "near expiry" with a fixed margin, costing a token per request; use half its life instead.
    const margin = Math.min(REFRESH_MARGIN_MS, (t.expiresAt - t.issuedAt) / 2);
    return t.expiresAt - this.now().getTime() < margin;
  }
}
