/**
 * Test support for the network-edge specs (not mounted anywhere): the whole app as `patchbay
 * serve` builds it, listening on a real loopback port, with a seeded admin token and a fake
 * scheduler, plus a route that tells what `request.ip` the server believed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createContext, type AppContext } from '../../../context.js';
import { TokenStore } from '../../auth/token-store.js';
import { loadConfig } from '../../config/load.js';
import { optionTable } from '../../config/load-from-disk.js';
import { PatchbayError } from '../../errors/errors.js';
import { createMetrics } from '../../metrics/metrics.js';
import { buildServer } from '../build-server.js';

export interface EdgeServer {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly adminToken: string;
  /** Every job name POST /api/v1/jobs/:name/run reached. */
  readonly ran: string[];
  close(): Promise<void>;
}

/** Path of the test-only route that answers `{ ip }`: the client address the server believed. */
export const IP_PATH = '/test/ip';

export async function startEdgeServer(env: Record<string, string> = {}): Promise<EdgeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-edge-'));
  const loaded = loadConfig(optionTable(), {
    text: null,
    path: null,
    env: { PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`, ...env },
    readFile: () => '',
  });
  const ctx = await createContext(loaded, { log: pino({ level: 'silent' }) });
  const adminToken = (
    await new TokenStore(ctx.db).create({
      name: 'edge-admin',
      scope: 'admin',
      expiresAt: null,
      now: new Date(),
    })
  ).token;
  const ran: string[] = [];
  const app = await buildServer(ctx, {
    metrics: createMetrics({ processMetrics: false }),
    jobs: {
      status: () => Promise.resolve([]),
      runNow(name) {
        if (name !== 'feeds')
          return Promise.reject(new PatchbayError('E_NOT_FOUND', `No job named "${name}"`));
        ran.push(name);
        return Promise.resolve();
      },
    },
  });
  app.get(IP_PATH, (req) => ({ ip: req.ip }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  return {
    app,
    ctx,
    url: `http://127.0.0.1:${port}`,
    port,
    adminToken,
    ran,
    async close() {
      await app.close();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * Start a request that declares a `declared`-byte body, send only `sent` bytes of it, and resolve
 * with the answer. A server that reads the whole body before deciding never answers (the client
 * is still uploading), so the test fails by its own timeout, which is the attack's symptom.
 */
export function answerBeforeUpload(
  url: string,
  opts: { method: string; headers?: Record<string, string>; declared: number; sent: number },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: opts.method,
      headers: {
        'content-type': 'application/json',
        'content-length': String(opts.declared),
        ...opts.headers,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write('['.padEnd(opts.sent, ' '));
  });
}

/** Send raw bytes (what no well-behaved client would send) and read everything answered. */
export function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    // The server may reset the connection once it has answered: what arrived is the answer.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}
