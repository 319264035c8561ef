import { PatchbayError } from '../errors/errors.js';
import { redactUrl, redactUrlsIn } from './redact-url.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';
import { Semaphore } from './semaphore.js';

/** A previous answer, for a conditional GET. */
export interface CachedResponse {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly body: string;
}

export interface TextResponse {
  readonly url: string;
  readonly status: number;
  /** On 304, the cached body. */
  readonly body: string;
  readonly notModified: boolean;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface HttpClientOptions {
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly retry?: RetryPolicy;
  readonly perHostConcurrency?: number;
  /** Injected so tests never wait on the clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Called before each retry: the CLI shows it, logs record it. */
  readonly onRetry?: (info: {
    url: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
}

export interface GetOptions {
  readonly headers?: Record<string, string>;
  readonly cached?: CachedResponse | undefined;
}

export interface HttpRequest extends GetOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: string;
  /**
   * Only idempotent requests are retried. GET is; a POST is retried only when the caller says it
   * is safe (an OAuth token request, say), never one that could act twice.
   */
  readonly idempotent?: boolean;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one outbound HTTP client: timeouts, bounded retries with backoff on 429/5xx/network errors,
 * Retry-After, conditional GET and per-host concurrency. Errors never carry credentials.
 */
export class HttpClient {
  private readonly hosts = new Map<string, Semaphore>();
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: HttpClientOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.sleep = opts.sleep ?? realSleep;
  }

  getText(url: string, options: GetOptions = {}): Promise<TextResponse> {
    return this.request({ ...options, url });
  }

  /** Any request; the answer's body as text. Non-2xx answers throw a coded PatchbayError. */
  async request(req: HttpRequest): Promise<TextResponse> {
    const host = new URL(req.url).host;
    let gate = this.hosts.get(host);
    if (!gate) {
      gate = new Semaphore(this.opts.perHostConcurrency ?? 4);
      this.hosts.set(host, gate);
    }
    return gate.run(() => this.withRetries(req));
  }

  private async withRetries(req: HttpRequest): Promise<TextResponse> {
    const url = req.url;
    const idempotent = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(req);
      if (outcome.ok) return outcome.response;
      const { error, retryAfterMs } = outcome;
      const canRetry = idempotent && error.kind === 'transient' && attempt < this.retry.retries;
      if (!canRetry || (retryAfterMs !== null && retryAfterMs > this.retry.maxDelayMs)) throw error;
      const delayMs =
        retryAfterMs ?? backoffDelay(attempt, this.retry, (this.opts.random ?? Math.random)());
      this.opts.onRetry?.({
        url: redactUrl(url),
        attempt: attempt + 1,
        delayMs,
        reason: error.message,
      });
      await this.sleep(delayMs);
    }
  }

  private async attempt(
    options: HttpRequest,
  ): Promise<
    | { ok: true; response: TextResponse }
    | { ok: false; error: PatchbayError; retryAfterMs: number | null }
  > {
    const url = options.url;
    const method = options.method ?? 'GET';
    const safeUrl = redactUrl(url);
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      ...options.headers,
    };
    if (options.cached?.etag) headers['if-none-match'] = options.cached.etag;
    if (options.cached?.lastModified) headers['if-modified-since'] = options.cached.lastModified;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    try {
      const res = await fetch(url, {
        method,
        headers,
        body: options.body,
        signal,
        redirect: 'follow',
      });
      if (res.status === 304 && options.cached) {
        await res.body?.cancel();
        return {
          ok: true,
          response: {
            url,
            status: 304,
            body: options.cached.body,
            notModified: true,
            etag: options.cached.etag,
            lastModified: options.cached.lastModified,
          },
        };
      }
      if (!res.ok) {
        await res.body?.cancel();
        const retryable = isRetryableStatus(res.status);
        // A 4xx other than 429/408 will not get better by asking again.
        const error = new PatchbayError(
          'E_HTTP_STATUS',
          `${method} ${safeUrl} answered ${res.status} ${res.statusText}`.trim(),
          { url: safeUrl, status: res.status },
          { kind: retryable ? 'transient' : 'permanent' },
        );
        return {
          ok: false,
          error,
          retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()),
        };
      }
      const body = await res.text();
      return {
        ok: true,
        response: {
          url,
          status: res.status,
          body,
          notModified: false,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
        },
      };
    } catch (err) {
      const timedOut = signal.aborted;
      const error = timedOut
        ? new PatchbayError(
            'E_HTTP_TIMEOUT',
            `${method} ${safeUrl} timed out after ${this.opts.timeoutMs} ms`,
            { url: safeUrl },
          )
        : new PatchbayError(
            'E_HTTP_NETWORK',
            `${method} ${safeUrl} failed: ${networkReason(err)}`,
            { url: safeUrl },
            { cause: err },
          );
      return { ok: false, error, retryAfterMs: null };
    }
  }
}

/** fetch's own messages quote the URL as given ("...includes credentials: https://u:p@..."). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return redactUrlsIn(cause?.code ?? cause?.message ?? (err as Error).message);
}
