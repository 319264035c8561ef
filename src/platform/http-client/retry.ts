/** Pure retry timing: how long to wait before attempt n+1, honouring Retry-After when given. */
export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 60_000 };

/** Parse Retry-After (delta-seconds or an HTTP-date) into ms from `now`; null when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Exponential backoff, with up to 20% jitter from `random` so many clients do not retry in step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const exp = policy.baseDelayMs * 2 ** attempt;
  return Math.min(policy.maxDelayMs, Math.round(exp * (1 + 0.2 * random)));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}
