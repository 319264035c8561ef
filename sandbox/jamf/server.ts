import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateFleet, type GeneratedHost } from './generate.js';
import { classicBySerial, computersInventory, type Answer } from './inventory-routes.js';
import { jacksonStringify } from './jackson-json.js';
import {
  BAD_BASIC_BODY,
  BAD_CLIENT_BODY,
  CLASSIC_401_HTML,
  INVALID_TOKEN_BODY,
  TokenStore,
} from './tokens.js';

/** Routes the stand-in counts requests by. */
export type JamfRoute =
  'oauth-token' | 'basic-token' | 'computers-inventory' | 'classic-serial' | 'other';

export interface JamfStandInOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly username?: string;
  readonly password?: string;
  /** How long a bearer token lives (Jamf: API client setting, 30 min for user tokens). */
  readonly tokenLifetimeMs?: number;
  /** Drives token expiry; tests pass a fake clock shared with the connector's ctx.now. */
  readonly now?: () => number;
  readonly hosts?: readonly GeneratedHost[];
}

/** A misbehaviour on the `nth` request (1-based, counted per route, or over all when no route). */
export interface JamfFault {
  readonly nth: number;
  readonly status: number;
  readonly route?: JamfRoute;
  /** Seconds, sent as Retry-After. */
  readonly retryAfter?: number;
}

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

/**
 * A local Jamf Pro: both token endpoints, the computers-inventory endpoint and the Classic API
 * lookup by serial, speaking Jamf's JSON. Misbehaves on request (faults, slowness, malformed
 * records, revoked tokens) and counts what it was asked, so tests can assert request budgets.
 */
export class JamfStandIn {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
  private readonly tokens: TokenStore;
  private hosts: readonly GeneratedHost[];
  private readonly corruptions = new Map<number, (record: Record<string, unknown>) => void>();
  private readonly brokenPages = new Map<number, string>();
  private readonly faults: JamfFault[] = [];
  private readonly slow = new Map<JamfRoute | 'all', number>();
  private readonly counts = new Map<JamfRoute, number>();
  /** Every answer, in order: tests count the 401s and 429s the connector met. */
  readonly log: { route: JamfRoute; status: number; page?: number }[] = [];
  private total = 0;
  private inFlight = 0;
  /** Most requests held at once: tests check the connector's concurrency bound with it. */
  maxInFlight = 0;
  private server: Server | null = null;

  constructor(options: JamfStandInOptions = {}) {
    this.clientId = options.clientId ?? 'b7f1e1d2-6b6e-4c56-9a57-2d1b1f2c3a4d';
    this.clientSecret = options.clientSecret ?? 'stand-in-client-secret';
    this.username = options.username ?? 'patchbay-api';
    this.password = options.password ?? 'stand-in-password';
    this.tokens = new TokenStore(options.now ?? Date.now, options.tokenLifetimeMs ?? 20 * 60_000);
    this.hosts = options.hosts ?? [];
  }

  /** Serve `n` generated hosts (or the given ones); clears corruptions and broken pages. */
  loadFleet(fleet: number | readonly GeneratedHost[], seed = 1): readonly GeneratedHost[] {
    this.hosts = typeof fleet === 'number' ? generateFleet(fleet, { seed }) : fleet;
    this.corruptions.clear();
    this.brokenPages.clear();
    return this.hosts;
  }

  get fleet(): readonly GeneratedHost[] {
    return this.hosts;
  }

  get tokensIssued(): number {
    return this.tokens.issued;
  }

  get totalRequests(): number {
    return this.total;
  }

  count(route: JamfRoute): number {
    return this.counts.get(route) ?? 0;
  }

  set tokenLifetimeMs(ms: number) {
    this.tokens.lifetimeMs = ms;
  }

  /** Revoke every token issued so far: the next use answers 401 as an expired token would. */
  invalidateTokens(): void {
    this.tokens.revokeAll();
  }

  injectFault(fault: JamfFault): void {
    this.faults.push(fault);
  }

  /** Hold answers of one route (or of all) for `ms` before sending them. */
  setSlowness(ms: number, route: JamfRoute | 'all' = 'all'): void {
    this.slow.set(route, ms);
  }

  /** Spoil one computer's record; by default its last contact time is not a date. */
  corruptComputer(id: number, change?: (record: Record<string, unknown>) => void): void {
    this.corruptions.set(
      id,
      change ?? ((r) => Object.assign(r.general as object, { lastContactTime: 'last Tuesday' })),
    );
  }

  /** Serve `body` instead of one page of computers-inventory (default: no `results`). */
  breakPage(page: number, body = jacksonStringify({ totalCount: this.hosts.length })): void {
    this.brokenPages.set(page, body);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => this.handle(req, res, body));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    return `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const route = routeOf(req.method ?? 'GET', url.pathname);
    const n = (this.counts.get(route) ?? 0) + 1;
    this.counts.set(route, n);
    this.total++;
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    const fault = this.faults.find((f) =>
      f.route ? f.route === route && f.nth === n : f.nth === this.total,
    );
    const page =
      route === 'computers-inventory' ? Number(url.searchParams.get('page') ?? '0') : undefined;
    const answer: Answer = fault
      ? {
          status: fault.status,
          headers: {
            ...JSON_TYPE,
            ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}),
          },
          body: jacksonStringify({ httpStatus: fault.status, errors: [] }),
        }
      : this.answer(route, req, url, body);
    this.log.push({ route, status: answer.status, ...(page !== undefined ? { page } : {}) });
    const delay = this.slow.get(route) ?? this.slow.get('all') ?? 0;
    const send = (): void => {
      this.inFlight--;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    };
    if (delay > 0) setTimeout(send, delay);
    else send();
  }

  private answer(route: JamfRoute, req: IncomingMessage, url: URL, body: string): Answer {
    const fleet = {
      hosts: this.hosts,
      corruptions: this.corruptions,
      brokenPages: this.brokenPages,
    };
    switch (route) {
      case 'oauth-token':
        return this.oauthToken(new URLSearchParams(body));
      case 'basic-token':
        return this.basicToken(req.headers.authorization);
      case 'computers-inventory':
        return this.bearer(req, false) ?? computersInventory(fleet, url.searchParams);
      case 'classic-serial': {
        const serial = decodeURIComponent(
          url.pathname.slice('/JSSResource/computers/serialnumber/'.length),
        );
        return this.bearer(req, true) ?? classicBySerial(fleet, serial, req.headers.accept);
      }
      case 'other':
        return {
          status: 404,
          headers: JSON_TYPE,
          body: jacksonStringify({ httpStatus: 404, errors: [] }),
        };
    }
  }

  private oauthToken(form: URLSearchParams): Answer {
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        headers: JSON_TYPE,
        body: JSON.stringify({ error: 'unsupported_grant_type' }),
      };
    }
    if (
      form.get('client_id') !== this.clientId ||
      form.get('client_secret') !== this.clientSecret
    ) {
      return { status: 401, headers: JSON_TYPE, body: BAD_CLIENT_BODY };
    }
    const { token } = this.tokens.issue('CLIENT_CREDENTIALS', this.clientId);
    const expiresIn = Math.floor(this.tokens.lifetimeMs / 1000);
    return {
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({
        access_token: token,
        scope: 'api-role:2',
        token_type: 'Bearer',
        expires_in: expiresIn,
      }),
    };
  }

  private basicToken(authorization: string | undefined): Answer {
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    if (authorization !== expected)
      return { status: 401, headers: JSON_TYPE, body: BAD_BASIC_BODY };
    const { token, expiresAt } = this.tokens.issue('JSS', this.username);
    return {
      status: 200,
      headers: JSON_TYPE,
      body: jacksonStringify({ token, expires: new Date(expiresAt).toISOString() }),
    };
  }

  /** null when the bearer token is good; else the 401 the API in question sends. */
  private bearer(req: IncomingMessage, classic: boolean): Answer | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token && this.tokens.check(token) === 'ok') return null;
    if (classic)
      return {
        status: 401,
        headers: { 'content-type': 'text/html;charset=UTF-8' },
        body: CLASSIC_401_HTML,
      };
    return { status: 401, headers: JSON_TYPE, body: token ? INVALID_TOKEN_BODY : BAD_BASIC_BODY };
  }
}

function routeOf(method: string, path: string): JamfRoute {
  if (method === 'POST' && path === '/api/oauth/token') return 'oauth-token';
  if (method === 'POST' && path === '/api/v1/auth/token') return 'basic-token';
  if (method === 'GET' && path === '/api/v1/computers-inventory') return 'computers-inventory';
  if (method === 'GET' && path.startsWith('/JSSResource/computers/serialnumber/'))
    return 'classic-serial';
  return 'other';
}
