import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFleet, type GeneratedHost } from './generate.js';
import { renderReport, type FleetQueryReport } from './host-json.js';
import { listHosts } from './list-hosts.js';
import { sendAuthRequired, sendError, sendJson, statusMessage } from './wire.js';

/** The routes the stand-in counts requests by. */
export type FleetRoute = 'hosts' | 'report' | 'other';

/**
 * A misbehaviour for one request: a status (429 with Retry-After, 500, 503, ...) with Fleet's
 * error envelope, or, with `body`, that exact body (a 200 page that is not what the API documents).
 */
export interface FleetFault {
  readonly status: number;
  /** Seconds, sent as Retry-After. */
  readonly retryAfter?: number;
  readonly body?: string;
}

export interface FleetRequestRecord {
  readonly route: FleetRoute;
  readonly status: number;
  /** The `page` query parameter of a hosts request, else null. */
  readonly page: number | null;
}

export interface FleetStandInOptions {
  /** The one API token it accepts as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly hosts?: readonly GeneratedHost[];
}

const REPORT_PATH = /^\/api\/v1\/fleet\/queries\/(\d+)\/report$/;

/**
 * A local Fleet server: `GET /api/v1/fleet/hosts` (page/per_page/order_key/populate_software/
 * device_mapping as Fleet does them) and `GET /api/v1/fleet/queries/:id/report`, with Fleet's
 * 401 envelope for a bad token. Tests control it in-process: rotate or revoke the token, fail the
 * Nth request, slow every answer, corrupt one host's JSON, and read request counts by route.
 */
export class FleetStandIn {
  private token: string | null;
  private hosts: readonly GeneratedHost[];
  private readonly reports = new Map<number, FleetQueryReport>();
  private readonly faults = new Map<string, FleetFault>();
  private readonly malformed = new Map<number, Record<string, unknown>>();
  private readonly held = new Set<ServerResponse>();
  private delayMs = 0;
  private server: Server | null = null;
  readonly counts: Record<FleetRoute, number> = { hosts: 0, report: 0, other: 0 };
  readonly requests: FleetRequestRecord[] = [];

  constructor(opts: FleetStandInOptions) {
    this.token = opts.token;
    this.hosts = opts.hosts ?? [];
  }

  /** Serve a generated fleet of `count` hosts (ids 1..count); returns them for assertions. */
  loadFleet(count: number, seed = 1): readonly GeneratedHost[] {
    this.hosts = generateFleet(count, seed);
    return this.hosts;
  }

  setHosts(hosts: readonly GeneratedHost[]): void {
    this.hosts = hosts;
  }

  /** Serve a report for a saved query; by default the seed system's report built from the hosts. */
  setReport(queryId: number, report?: FleetQueryReport): FleetQueryReport {
    const r = report ?? renderReport(this.hosts, queryId, '2026-08-22T06:00:00Z');
    this.reports.set(queryId, r);
    return r;
  }

  /** Accept a new token from now on; the old one answers 401. */
  rotateToken(next: string): void {
    this.token = next;
  }

  /** Accept no token at all (the API user was deleted or its session revoked). */
  revokeToken(): void {
    this.token = null;
  }

  /** Answer the `nth` (1-based) request to `route`, counted from the start, with `fault`. */
  failOn(route: FleetRoute, nth: number, fault: FleetFault): void {
    this.faults.set(`${route}#${nth}`, fault);
  }

  /** Hold every answer this long (a client with a shorter timeout gives up). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Overwrite fields of one host's JSON (undefined deletes the field): `{ id: 'x' }`, `{ platform: undefined }`. */
  malformHost(hostId: number, patch: Record<string, unknown>): void {
    this.malformed.set(hostId, patch);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.delayMs <= 0) {
      this.answer(req, res);
      return;
    }
    this.held.add(res);
    const timer = setTimeout(() => {
      this.held.delete(res);
      this.answer(req, res);
    }, this.delayMs);
    res.on('close', () => clearTimeout(timer));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const reportMatch = REPORT_PATH.exec(url.pathname);
    const route: FleetRoute =
      url.pathname === '/api/v1/fleet/hosts' ? 'hosts' : reportMatch ? 'report' : 'other';
    const nth = ++this.counts[route];
    const pageParam = url.searchParams.get('page');
    res.on('finish', () => {
      this.requests.push({
        route,
        status: res.statusCode,
        page: route === 'hosts' && pageParam !== null ? Number(pageParam) : null,
      });
    });
    const fault = this.faults.get(`${route}#${nth}`);
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      if (fault.body === undefined)
        sendError(
          res,
          fault.status,
          statusMessage(fault.status),
          `stand-in fault on ${route} request ${nth}`,
          headers,
        );
      else
        res
          .writeHead(fault.status, {
            'content-type': 'application/json; charset=utf-8',
            ...headers,
          })
          .end(fault.body);
      return;
    }
    if (this.token === null || req.headers.authorization !== `Bearer ${this.token}`) {
      sendAuthRequired(res);
      return;
    }
    if (req.method !== 'GET' || route === 'other') {
      sendError(
        res,
        404,
        'Resource Not Found',
        `no route for ${req.method ?? 'GET'} ${url.pathname}`,
      );
      return;
    }
    if (route === 'hosts') {
      const out = listHosts(this.hosts, url.searchParams, this.malformed);
      if (out.ok) sendJson(res, 200, { hosts: out.hosts });
      else sendError(res, 400, 'Bad request', out.reason);
      return;
    }
    const queryId = Number(reportMatch?.[1]);
    const report = this.reports.get(queryId);
    if (report) sendJson(res, 200, report);
    else
      sendError(res, 404, 'Resource Not Found', `Query ${queryId} was not found in the datastore`);
  }
}
