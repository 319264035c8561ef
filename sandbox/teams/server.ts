import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateWorkflowBody, type WorkflowError } from './validate.js';

export interface TeamsWebhookStandInOptions {
  /** The `sig` query parameter the webhook URL carries (the URL's only credential). */
  readonly sig: string;
  readonly workflowId?: string;
}

/** One accepted POST: the parsed message as Teams would post it. */
export interface ReceivedCard {
  readonly body: unknown;
  readonly contentType: string;
}

/** A failure the next POSTs get instead of 202 (a 429 with Retry-After, a 502, ...). */
export interface TeamsFault {
  readonly status: number;
  readonly retryAfter?: number;
}

/**
 * A local Teams Workflows webhook: `POST /workflows/<id>/triggers/manual/paths/invoke?...&sig=`
 * as Power Automate hands them out. A good card message gets 202 with an empty body (the flow runs
 * later); a body that is not an adaptive-card message gets 400, a wrong or missing `sig` 401,
 * another path 404, in Logic Apps' `{error: {code, message}}` envelope.
 */
export class TeamsWebhookStandIn {
  private server: Server | null = null;
  private readonly faults: TeamsFault[] = [];
  readonly received: ReceivedCard[] = [];
  /** Status of every request, in order. */
  readonly statuses: number[] = [];
  private readonly path: string;

  constructor(private readonly opts: TeamsWebhookStandInOptions) {
    this.path = `/workflows/${opts.workflowId ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f90'}/triggers/manual/paths/invoke`;
  }

  /** Starts listening; returns the full webhook URL, secret included. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    const base = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    const query = `api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${encodeURIComponent(this.opts.sig)}`;
    return `${base}${this.path}?${query}`;
  }

  /** The next `count` POSTs answer `fault` instead of being accepted. */
  failNext(fault: TeamsFault, count = 1): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const error = this.check(req, url, raw);
    if (error) return this.answer(res, error.status, error);
    const fault = this.faults.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return this.answer(
        res,
        fault.status,
        { code: 'Fault', message: 'Injected failure.' },
        headers,
      );
    }
    this.received.push({
      body: JSON.parse(raw.toString('utf8')),
      contentType: req.headers['content-type'] ?? '',
    });
    this.answer(res, 202, null);
  }

  private check(req: IncomingMessage, url: URL, raw: Buffer): WorkflowError | null {
    if (url.pathname !== this.path) {
      return { status: 404, code: 'WorkflowNotFound', message: 'The workflow could not be found.' };
    }
    if (req.method !== 'POST') {
      return {
        status: 405,
        code: 'MethodNotAllowed',
        message: `The trigger does not accept ${req.method}.`,
      };
    }
    const sig = url.searchParams.get('sig');
    if (sig === null) {
      return {
        status: 401,
        code: 'DirectApiAuthorizationRequired',
        message: 'The request must be authenticated only by Shared Access scheme.',
      };
    }
    if (sig !== this.opts.sig) {
      return {
        status: 401,
        code: 'DirectApiInvalidAuthorizationSignature',
        message: 'The provided authorization signature is not valid.',
      };
    }
    return validateWorkflowBody(req.headers['content-type'], raw);
  }

  private answer(
    res: ServerResponse,
    status: number,
    error: { code: string; message: string } | null,
    headers: Record<string, string> = {},
  ): void {
    this.statuses.push(status);
    if (!error) {
      res.writeHead(status, { 'content-length': '0', ...headers });
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify({ error: { code: error.code, message: error.message } }));
  }
}
