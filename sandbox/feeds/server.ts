import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MALFORMED_BODY, parseModeName, type FeedMode } from './modes.js';
import { FEED_ROUTES, routeFile, type FeedRoute } from './routes.js';

export interface ServedBody {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

/** What the stand-in answered, so tests can assert that a second sync was served 304. */
export interface FeedRequestRecord {
  readonly path: string;
  readonly status: number;
}

/**
 * A local stand-in for the feed hosts: serves real fixture files with ETag and Last-Modified,
 * answers conditional GETs with 304, and misbehaves on request (slow, 5xx, truncated, malformed).
 * Control it in-process (setMode, setBody) or over HTTP: POST /_control {"path", "mode"}.
 */
export class FeedStandIn {
  private readonly bodies = new Map<string, ServedBody>();
  private readonly modes = new Map<string, FeedMode>();
  private readonly held = new Set<ServerResponse>();
  readonly requests: FeedRequestRecord[] = [];
  private server: Server | null = null;

  constructor(routes: readonly FeedRoute[] = FEED_ROUTES) {
    for (const r of routes) this.setBody(r.path, readFileSync(routeFile(r)), r.contentType);
  }

  /** Replace what a path serves (a newer feed appearing, say); the ETag changes with it. */
  setBody(path: string, body: Buffer | string, contentType = 'application/json'): void {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const etag = `"${createHash('sha256').update(buf).digest('hex').slice(0, 32)}"`;
    this.bodies.set(path, {
      body: buf,
      contentType,
      etag,
      lastModified: new Date(Date.UTC(2026, 7, 22)).toUTCString(),
    });
  }

  setMode(path: string, mode: FeedMode): void {
    this.modes.set(path, mode);
  }

  get paths(): string[] {
    return [...this.bodies.keys()];
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    const addr = this.server.address() as AddressInfo;
    return `http://${host}:${addr.port}`;
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
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === '/_control') {
      this.control(req, res);
      return;
    }
    const served = this.bodies.get(path);
    if (!served || req.method !== 'GET') {
      this.answer(res, path, 404, { 'content-type': 'application/json' }, '{"error":"not found"}');
      return;
    }
    const mode = this.modes.get(path) ?? { kind: 'ok' };
    switch (mode.kind) {
      case 'ok':
        this.serve(req, res, path, served);
        return;
      case 'slow': {
        this.held.add(res);
        const timer = setTimeout(() => {
          this.held.delete(res);
          this.serve(req, res, path, served);
        }, mode.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'status': {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (mode.retryAfter !== undefined) headers['retry-after'] = String(mode.retryAfter);
        this.answer(
          res,
          path,
          mode.status,
          headers,
          JSON.stringify({ error: `stand-in answered ${mode.status}` }),
        );
        return;
      }
      case 'truncated':
        this.requests.push({ path, status: 200 });
        res.writeHead(200, {
          'content-type': served.contentType,
          'content-length': String(served.body.length),
        });
        res.write(served.body.subarray(0, Math.floor(served.body.length / 2)), () => res.destroy());
        return;
      case 'malformed':
        this.answer(
          res,
          path,
          200,
          { 'content-type': served.contentType },
          mode.body ?? DEFAULT_MALFORMED_BODY,
        );
        return;
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse, path: string, served: ServedBody): void {
    const validators = { etag: served.etag, 'last-modified': served.lastModified };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm
      ? inm.split(',').some((t) => t.trim() === served.etag)
      : ims === served.lastModified;
    if (fresh) {
      this.answer(res, path, 304, validators, '');
      return;
    }
    this.answer(res, path, 200, { ...validators, 'content-type': served.contentType }, served.body);
  }

  private answer(
    res: ServerResponse,
    path: string,
    status: number,
    headers: Record<string, string>,
    body: string | Buffer,
  ): void {
    this.requests.push({ path, status });
    res.writeHead(status, headers);
    res.end(body);
  }

  private control(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const { path, mode } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          path?: string;
          mode?: string;
        };
        const parsed = mode ? parseModeName(mode) : null;
        if (!path || !this.bodies.has(path) || !parsed) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              error:
                'expected {"path": <a served path>, "mode": ok|slow|500|429|404|truncated|malformed}',
            }),
          );
          return;
        }
        this.setMode(path, parsed);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true }));
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'body must be JSON' }));
      }
    });
  }
}
