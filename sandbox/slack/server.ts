import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  blockActionsPayload,
  sendBlockActions,
  type ClickButtonInput,
  type ClickButtonResult,
} from './interactivity.js';
import { handleMethod, STAND_IN_METHODS, type Envelope } from './methods.js';
import { seededRandom, STAND_IN_LIMITS, TierEnforcer, type StandInLimit } from './rate-tiers.js';
import { parseCall, str } from './wire.js';
import { Workspace, type SeedUser, type StoredMessage } from './workspace.js';

export type { SeedUser, StoredMessage } from './workspace.js';

export interface SlackStandInOptions {
  /** The bot token the stand-in accepts (`Authorization: Bearer`, or `token` in a form). */
  readonly token?: string;
  readonly users?: readonly SeedUser[];
  /** Channels besides DMs that accept posts, e.g. the admin channel. */
  readonly channels?: readonly string[];
  /**
   * Drives rate tiers and message ts; tests share a fake clock with the client's limiter, the
   * benchmark a SimulatedClock, so real tiers hold without waiting for them in real time.
   */
  readonly now?: () => number;
  /** Per-method limits replacing the defaults; `false` turns tier enforcement off. */
  readonly limits?: Readonly<Record<string, StandInLimit>> | false;
  /** Answer 429 to this share of calls (0..1), chosen by a seeded RNG so runs repeat. */
  readonly random429?: {
    readonly rate: number;
    readonly seed: number;
    readonly retryAfter?: number;
  };
}

/**
 * A fault on upcoming calls of one method. `after: true` (the default) does the work first, then
 * answers 500, drops the connection, or never answers (`hang`, for client timeouts): "posted, but
 * the answer was lost".
 */
export interface SlackFault {
  readonly method: string;
  readonly kind: 'http-500' | 'drop' | 'hang';
  readonly after?: boolean;
  readonly times?: number;
}

/** An app's answer to a click, POSTed to the response_url the click carried. */
export interface ClickResponse {
  readonly path: string;
  /** The JSON body as sent: `{ response_type, replace_original, text, ... }`. */
  readonly body: Record<string, unknown>;
}

/** One answered call: tests count 429s and errors with it. */
export interface CallRecord {
  readonly method: string;
  readonly status: number | 'dropped';
  readonly error: string | null;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/**
 * A local Slack Web API at `/api/<method>`: Slack's envelope (HTTP 200 with `{ok, error}`), bearer
 * auth, cursor paging, per-method tiers answered with 429 + Retry-After, an inbox of everything
 * posted, injected failures, and signed button clicks sent to an app.
 */
export class SlackStandIn {
  readonly token: string;
  readonly workspace = new Workspace();
  readonly calls: CallRecord[] = [];
  private readonly now: () => number;
  private readonly tiers: TierEnforcer | null;
  private readonly random: (() => number) | null;
  private readonly random429: SlackStandInOptions['random429'];
  private readonly byEmail = new Map<string, string>();
  private readonly byUser = new Map<string, string>();
  private readonly faults: { fault: SlackFault; left: number }[] = [];
  private server: Server | null = null;
  private origin: string | null = null;
  /** Answers POSTed to response URLs (`/actions/...`), oldest first. */
  readonly responses: ClickResponse[] = [];
  private responseWaiters: { index: number; resolve: (r: ClickResponse) => void }[] = [];

  constructor(options: SlackStandInOptions = {}) {
    this.token = options.token ?? 'xoxb-stand-in-token';
    this.now = options.now ?? Date.now;
    this.workspace.seedUsers(options.users ?? []);
    for (const c of options.channels ?? []) this.workspace.addChannel(c);
    this.tiers =
      options.limits === false
        ? null
        : new TierEnforcer(this.now, options.limits ?? STAND_IN_LIMITS);
    this.random429 = options.random429;
    this.random = options.random429 ? seededRandom(options.random429.seed) : null;
  }

  /** Everything posted, oldest first, optionally only one channel's or one user's DM. */
  inbox(filter: { channel?: string; user?: string } = {}): readonly StoredMessage[] {
    return this.workspace.messages.filter(
      (m) =>
        (filter.channel === undefined || m.channel === filter.channel) &&
        (filter.user === undefined || m.recipient === filter.user),
    );
  }

  count(method: string, status?: number): number {
    return this.calls.filter(
      (c) => c.method === method && (status === undefined || c.status === status),
    ).length;
  }

  /** users.lookupByEmail for this email answers `error`. */
  failEmail(email: string, error = 'users_not_found'): void {
    this.byEmail.set(email.toLowerCase(), error);
  }

  /** users.info, conversations.open and posts to this user's DM answer `error`. */
  failUser(userId: string, error = 'account_inactive'): void {
    this.byUser.set(userId, error);
  }

  injectFault(fault: SlackFault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Sends a signed block_actions click to the app, as Slack does when a user presses a button. */
  async clickButton(input: ClickButtonInput): Promise<ClickButtonResult> {
    const user = typeof input.user === 'string' ? input.user : input.user.id;
    const message = input.messageTs
      ? this.workspace.messages.find((m) => m.ts === input.messageTs)
      : this.inbox({ user }).at(-1);
    const nowMs = this.now();
    return sendBlockActions(
      input,
      blockActionsPayload(
        input,
        this.workspace.teamId,
        message,
        nowMs,
        this.origin ?? 'https://hooks.slack.com',
      ),
      nowMs,
    );
  }

  /** Listens on 127.0.0.1; returns the Web API base URL, e.g. `http://127.0.0.1:PORT/api/`. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => this.handle(req, res, body));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    this.origin = `http://${host}:${(server.address() as AddressInfo).port}`;
    return `${this.origin}/api/`;
  }

  /**
   * The answer at this place in `responses` (0 = the first ever), once it has arrived: read
   * `responses.length` before a click, then await the answer it causes.
   */
  responseAt(index: number): Promise<ClickResponse> {
    const ready = this.responses[index];
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.responseWaiters.push({ index, resolve }));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Called as each Web API call arrives, before it is handled: crash tests kill the client here,
   * so the call may still complete on this side after its caller is gone.
   */
  onCall: ((method: string) => void) | null = null;

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname.startsWith('/actions/')) return this.answerClick(req, res, url.pathname, body);
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : '';
    this.onCall?.(method);
    const send = (
      status: number,
      envelope: Envelope,
      headers: Record<string, string> = {},
    ): void => {
      this.calls.push({
        method,
        status,
        error: envelope['ok'] === false ? String(envelope['error']) : null,
      });
      res.writeHead(status, { ...JSON_TYPE, ...headers });
      res.end(JSON.stringify(envelope));
    };
    if (!STAND_IN_METHODS.includes(method))
      return send(404, { ok: false, error: 'unknown_method' });
    const call = parseCall(url.searchParams, req.headers['content-type'] ?? '', body);
    if (call.malformed) return send(200, { ok: false, error: 'invalid_json' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const token = bearer ?? call.bodyToken;
    if (!token) return send(200, { ok: false, error: 'not_authed' });
    if (token !== this.token) return send(200, { ok: false, error: 'invalid_auth' });
    const fault = this.takeFault(method);
    if (fault && !fault.after) return this.misbehave(fault, method, res, send);
    const retryAfter = this.rateLimit(method, str(call.args, 'channel'));
    if (retryAfter !== null) {
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const envelope = handleMethod(method, call.args, {
      ws: this.workspace,
      nowMs: this.now(),
      injected: { byEmail: this.byEmail, byUser: this.byUser },
    }) ?? { ok: false, error: 'unknown_method' };
    if (fault) return this.misbehave(fault, method, res, send);
    send(200, envelope);
  }

  /**
   * A response_url takes a JSON message (Slack: "Handling user interaction", response_url), with
   * no token; anything else is refused as Slack refuses it.
   */
  private answerClick(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    if (req.method !== 'POST' || !json || typeof parsed !== 'object' || parsed === null) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('invalid_payload');
      return;
    }
    const response = { path, body: parsed as Record<string, unknown> };
    this.responses.push(response);
    const index = this.responses.length - 1;
    for (const w of this.responseWaiters.filter((w) => w.index === index)) w.resolve(response);
    this.responseWaiters = this.responseWaiters.filter((w) => w.index !== index);
    res.writeHead(200, JSON_TYPE);
    res.end(JSON.stringify({ ok: true }));
  }

  private rateLimit(method: string, channel: string | undefined): number | null {
    if (this.random && this.random429 && this.random() < this.random429.rate) {
      return this.random429.retryAfter ?? 1;
    }
    return this.tiers?.take(method, channel && this.conversationOf(channel)) ?? null;
  }

  /** A post to a user id lands in the DM with them: both spellings share one channel budget. */
  private conversationOf(channel: string): string {
    const user = this.workspace.user(channel) ? channel : this.workspace.memberOf(channel);
    return user ? `im:${user}` : channel;
  }

  private takeFault(method: string): { kind: SlackFault['kind']; after: boolean } | null {
    const entry = this.faults.find((f) => f.fault.method === method && f.left > 0);
    if (!entry) return null;
    entry.left--;
    return { kind: entry.fault.kind, after: entry.fault.after ?? true };
  }

  private misbehave(
    fault: { kind: SlackFault['kind'] },
    method: string,
    res: ServerResponse,
    send: (status: number, envelope: Envelope) => void,
  ): void {
    if (fault.kind === 'http-500') return send(500, { ok: false, error: 'internal_error' });
    this.calls.push({ method, status: 'dropped', error: null });
    // A hung request stays open until the client gives up or close() ends every connection.
    if (fault.kind === 'hang') return;
    // Destroying the socket without a response: the client sees a reset after it sent everything.
    res.socket?.destroy();
  }
}
