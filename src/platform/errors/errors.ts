/**
 * Errors are classes with stable codes. Callers branch on `code` or `kind`, never on the message.
 * Every code is listed in docs/errors.md; errors.spec.ts keeps the two in step.
 */
import { redactUrlsIn } from '../http-client/redact-url.js';

export type ErrorKind = 'transient' | 'permanent' | 'user';

export const ERROR_CODES = {
  E_CONFIG_INVALID: { kind: 'user', exit: 78, http: 500 },
  E_CONFIG_NOT_FOUND: { kind: 'user', exit: 78, http: 500 },
  E_DB_URL: { kind: 'user', exit: 78, http: 500 },
  E_DB_CONNECT: { kind: 'transient', exit: 69, http: 503 },
  E_HTTP_TIMEOUT: { kind: 'transient', exit: 69, http: 504 },
  E_HTTP_STATUS: { kind: 'transient', exit: 69, http: 502 },
  E_HTTP_NETWORK: { kind: 'transient', exit: 69, http: 502 },
  E_FEED_PARSE: { kind: 'permanent', exit: 65, http: 502 },
  E_FEED_UNKNOWN: { kind: 'user', exit: 64, http: 400 },
  E_USAGE: { kind: 'user', exit: 64, http: 400 },
  E_FLEET_AUTH: { kind: 'user', exit: 77, http: 502 },
  E_JAMF_AUTH: { kind: 'user', exit: 77, http: 502 },
  E_INVENTORY_PARSE: { kind: 'permanent', exit: 65, http: 502 },
  E_INVENTORY_FILE: { kind: 'user', exit: 66, http: 500 },
  E_OSQUERY_ENROLL: { kind: 'user', exit: 77, http: 401 },
  E_OSQUERY_NODE_KEY: { kind: 'user', exit: 77, http: 401 },
  E_API_TOKEN: { kind: 'user', exit: 77, http: 401 },
  E_API_SCOPE: { kind: 'user', exit: 77, http: 403 },
  E_NOT_FOUND: { kind: 'user', exit: 64, http: 404 },
  E_CHART_FONT: { kind: 'user', exit: 66, http: 500 },
  E_SLACK_BLOCK_LIMIT: { kind: 'permanent', exit: 65, http: 500 },
  E_OSQUERY_BODY: { kind: 'user', exit: 65, http: 400 },
  E_OSQUERY_BODY_TOO_LARGE: { kind: 'user', exit: 65, http: 413 },
  E_OSQUERY_BUSY: { kind: 'transient', exit: 69, http: 503 },
  E_OSQUERY_ENROLL_CONFLICT: { kind: 'user', exit: 77, http: 409 },
  E_PORT_IN_USE: { kind: 'transient', exit: 69, http: 500 },
  E_LISTEN: { kind: 'user', exit: 78, http: 500 },
} as const satisfies Record<string, { kind: ErrorKind; exit: number; http: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PatchbayError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** Structured context for logs and JSON output; never holds a secret. */
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown; kind?: ErrorKind },
  ) {
    // A message may quote a URL as configured or as a server sent it: never its credentials.
    super(
      redactUrlsIn(message),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PatchbayError';
    this.code = code;
    // A code's usual kind can be overridden: an HTTP 404 is permanent where a 503 is transient.
    this.kind = options?.kind ?? ERROR_CODES[code].kind;
    this.details = details;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isPatchbayError(err: unknown): err is PatchbayError {
  return err instanceof PatchbayError;
}

/**
 * A short message for any thrown value, for logs, issue lists and stored run errors. URLs in it
 * lose their credentials: a driver's or fetch's message may quote one as it was given.
 */
export function describeError(err: unknown): string {
  return redactUrlsIn(err instanceof Error ? err.message : String(err));
}
