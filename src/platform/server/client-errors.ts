import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiErrorBody } from '../../api/error-handler.js';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a malformed request line, a
 * header section over the limit, a request that took too long to arrive). Fastify's default
 * answers these in its own JSON; this writes ours, with the status an HTTP client expects.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = describe(err.code);
  const body: ApiErrorBody = { error: { code: 'E_USAGE', message } };
  const text = JSON.stringify(body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  socket.destroy();
}

const KNOWN: Readonly<Record<string, { status: number; message: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'the request did not arrive in time' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'the request headers are larger than allowed' },
};

function describe(code: string | undefined): { status: number; message: string } {
  return (code && KNOWN[code]) || { status: 400, message: 'malformed HTTP request' };
}
