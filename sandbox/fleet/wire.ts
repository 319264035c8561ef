import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Fleet's error envelope as its Go encoder writes it (server/service/transport_error.go): indented
 * two spaces, `message` plus `errors: [{name: "base", reason}]` and a `uuid` to find the log line.
 */
export function fleetErrorBody(message: string, reason: string): string {
  return `${JSON.stringify({ message, errors: [{ name: 'base', reason }], uuid: randomUUID() }, null, 2)}\n`;
}

/** A 2xx answer: Fleet writes compact JSON with json.Encoder, so a trailing newline. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  reason: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(fleetErrorBody(message, reason));
}

/** Fleet's fleet.AuthRequiredError: the same body for a missing, unknown, revoked or expired token. */
export function sendAuthRequired(res: ServerResponse): void {
  sendError(res, 401, 'Authentication required', 'Authentication required');
}

/** The status line text Fleet's encoder uses as `message` for a generic status error. */
export function statusMessage(status: number): string {
  const known: Record<number, string> = {
    400: 'Bad request',
    403: 'Forbidden',
    404: 'Resource Not Found',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return known[status] ?? `HTTP ${status}`;
}
