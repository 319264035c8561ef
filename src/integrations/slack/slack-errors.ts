import { PatchbayError } from '../../platform/errors/errors.js';

/**
 * Slack answered `{ ok: false, error }`: a decision, not a fault, so it is never retried.
 * Callers branch on `slackError` (Slack's stable error strings), never on the message.
 */
export class SlackApiError extends Error {
  readonly method: string;
  /** Slack's error string, e.g. `channel_not_found`; `ratelimited` when our retries ran out. */
  readonly slackError: string;

  constructor(method: string, slackError: string) {
    super(`Slack ${method} failed: ${slackError}`);
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
  }
}

/** Per-person errors: recorded against that person and listed in the admin summary. */
export const PERSON_ERRORS = [
  'users_not_found',
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'user_not_visible',
  'cannot_dm_bot',
] as const;
export type SlackPersonError = (typeof PERSON_ERRORS)[number];

export function isPersonError(error: string): error is SlackPersonError {
  return (PERSON_ERRORS as readonly string[]).includes(error);
}

/**
 * How a failed call ended, from @slack/web-api v7's coded errors. `not-sent`: nothing reached
 * Slack (refused connection, DNS), so resending is safe. `unknown`: the request may have been
 * acted on (reset after sending, timeout, 5xx), so a post must be looked for before resending.
 */
export type CallFailure =
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'platform'; readonly slackError: string }
  | { readonly kind: 'not-sent'; readonly error: PatchbayError }
  | { readonly kind: 'unknown'; readonly error: PatchbayError };

/** Connection errors raised before a single byte of the request left. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

interface WebApiErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  data?: { error?: unknown };
  statusCode?: unknown;
  original?: { code?: unknown; message?: unknown };
}

/**
 * Sorts anything WebClient.apiCall threw. The original is not kept as `cause`: axios errors carry
 * the request config, Authorization header (the token) included.
 */
export function classifyWebApiError(method: string, err: unknown): CallFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as WebApiErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'rate-limited', retryAfterSeconds: Number(e.retryAfter) || 1 };
    case 'slack_webapi_platform_error':
      return {
        kind: 'platform',
        slackError: typeof e.data?.error === 'string' ? e.data.error : 'unknown_error',
      };
    case 'slack_webapi_http_error': {
      const status = Number(e.statusCode);
      const error = new PatchbayError('E_HTTP_STATUS', `Slack ${method} answered HTTP ${status}`, {
        method,
        status,
      });
      // Slack's Web API only uses 200 and 429; a 5xx may come after the work was done.
      return status >= 500 ? { kind: 'unknown', error } : { kind: 'not-sent', error };
    }
    case 'slack_webapi_request_error': {
      const code = typeof e.original?.code === 'string' ? e.original.code : '';
      const details = { method, cause: code || 'network' };
      if (TIMEOUT_CODES.has(code)) {
        const error = new PatchbayError('E_HTTP_TIMEOUT', `Slack ${method} timed out`, details);
        return { kind: 'unknown', error };
      }
      const error = new PatchbayError(
        'E_HTTP_NETWORK',
        `Slack ${method}: ${code || 'network error'}`,
        details,
      );
      return NOT_SENT_CODES.has(code) ? { kind: 'not-sent', error } : { kind: 'unknown', error };
    }
    default: {
      // E.g. a 429 without a usable Retry-After: the client throws a plain Error.
      const message = err instanceof Error ? err.message : String(err);
      const error = new PatchbayError('E_HTTP_NETWORK', `Slack ${method}: ${message}`, { method });
      return { kind: 'unknown', error };
    }
  }
}
