import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PatchbayError } from '../errors/errors.js';
import { HttpClient } from './http-client.js';
import { parseRetryAfter } from './retry.js';
import { redactUrl } from './redact-url.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server | null = null;

async function serve(handler: Handler): Promise<string> {
  let n = 0;
  server = createServer((req, res) => handler(req, res, n++));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A client whose waits are recorded instead of slept, so no test depends on the clock. */
function client(timeoutMs = 2000, retries = 3) {
  const waits: number[] = [];
  const http = new HttpClient({
    timeoutMs,
    userAgent: 'patchbay-test',
    retry: { retries, baseDelayMs: 100, maxDelayMs: 10_000 },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 0,
  });
  return { http, waits };
}

async function failure(p: Promise<unknown>): Promise<PatchbayError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PatchbayError);
  return err as PatchbayError;
}

describe('HttpClient', () => {
  it('retries 5xx with exponential backoff and then succeeds', async () => {
    const base = await serve((_req, res, n) => {
      if (n < 2) res.writeHead(503).end();
      else res.writeHead(200, { etag: '"v1"' }).end('hello');
    });
    const { http, waits } = client();
    const res = await http.getText(`${base}/x`);
    expect(res.body).toBe('hello');
    expect(res.etag).toBe('"v1"');
    expect(waits).toEqual([100, 200]);
  });

  it('honours Retry-After on 429', async () => {
    const base = await serve((_req, res, n) => {
      if (n === 0) res.writeHead(429, { 'retry-after': '7' }).end();
      else res.writeHead(200).end('ok');
    });
    const { http, waits } = client();
    expect((await http.getText(`${base}/x`)).body).toBe('ok');
    expect(waits).toEqual([7000]);
  });

  it('gives up after the bounded number of retries with a coded error', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      res.writeHead(500).end();
    });
    const err = await failure(client(2000, 2).http.getText(`${base}/feed?token=abc`));
    expect(err.code).toBe('E_HTTP_STATUS');
    expect(err.details.status).toBe(500);
    expect(err.message).not.toContain('abc');
    expect(calls).toBe(3);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      res.writeHead(404).end();
    });
    const err = await failure(client().http.getText(`${base}/missing`));
    expect(err.kind).toBe('permanent');
    expect(calls).toBe(1);
  });

  it('times out a request that never answers', async () => {
    const base = await serve(() => {
      /* never answers */
    });
    const err = await failure(client(150, 0).http.getText(`${base}/slow`));
    expect(err.code).toBe('E_HTTP_TIMEOUT');
  });

  it('sends the cached validators and returns the cached body on 304', async () => {
    const seen: (string | undefined)[] = [];
    const base = await serve((req, res) => {
      seen.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"' }).end('body-1');
    });
    const { http } = client();
    const first = await http.getText(`${base}/f`);
    const second = await http.getText(`${base}/f`, {
      cached: { etag: first.etag, lastModified: null, body: first.body },
    });
    expect(second).toMatchObject({ status: 304, notModified: true, body: 'body-1' });
    expect(seen).toEqual([undefined, '"v1"']);
  });
});

describe('retry helpers', () => {
  it.each([
    ['120', 120_000],
    ['Thu, 26 Nov 2026 10:00:30 GMT', 30_000],
    ['soon', null],
    [null, null],
  ])('parseRetryAfter(%s)', (value, ms) => {
    expect(parseRetryAfter(value, Date.parse('2026-11-26T10:00:00Z'))).toBe(ms);
  });

  it('hides credentials and key-like query values', () => {
    expect(redactUrl('https://u:p@api.example.com/a?api_key=123&page=2')).toBe(
      'https://api.example.com/a?api_key=****&page=2',
    );
  });
});
