/**
 * Issue 9, item 8, against a real listening server: the framework's own answers (bad URL
 * escapes, refused bodies, unknown routes, requests Node's parser rejects) come in our error
 * shape with their status; the API token is checked before a body is read; and X-Forwarded-For
 * is believed only from the proxies `server.trustProxy` names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerBeforeUpload,
  IP_PATH,
  rawExchange,
  startEdgeServer,
  type EdgeServer,
} from './__fixtures__/edge-server.js';

/** An answer is ours when its body is exactly `{ error: { code, message } }`. */
function expectOurShape(text: string, code: string): void {
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toBe('');
}

describe('answers a client can provoke from the framework itself', () => {
  let s: EdgeServer;
  beforeAll(async () => {
    s = await startEdgeServer();
  });
  afterAll(() => s.close());

  const admin = () => ({ authorization: `Bearer ${s.adminToken}` });
  const json = () => ({ ...admin(), 'content-type': 'application/json' });

  it.each<[string, string, () => RequestInit, number, string]>([
    [
      'a bad URL escape in an API path (FST_ERR_BAD_URL)',
      '/api/v1/hosts/%E0%A4%A',
      () => ({}),
      400,
      'E_USAGE',
    ],
    ['a bad URL escape in a dashboard path', '/%E0%A4%A', () => ({}), 400, 'E_USAGE'],
    [
      'a path parameter over the length limit (FST_ERR_MAX_PARAM_LENGTH)',
      `/api/v1/hosts/${'a'.repeat(300)}`,
      () => ({ headers: admin() }),
      414,
      'E_USAGE',
    ],
    [
      'a body that is not JSON (FST_ERR_CTP_INVALID_JSON_BODY)',
      '/api/v1/jobs/feeds/run',
      () => ({ method: 'POST', headers: json(), body: '{bad' }),
      400,
      'E_USAGE',
    ],
    [
      'a prototype-poisoning JSON body',
      '/api/v1/jobs/feeds/run',
      () => ({ method: 'POST', headers: json(), body: '{"__proto__":{"admin":true}}' }),
      400,
      'E_USAGE',
    ],
    [
      'an empty JSON body (FST_ERR_CTP_EMPTY_JSON_BODY)',
      '/api/v1/jobs/feeds/run',
      () => ({ method: 'POST', headers: json(), body: '' }),
      400,
      'E_USAGE',
    ],
    [
      'a content type that is not a media type (FST_ERR_CTP_INVALID_MEDIA_TYPE)',
      '/api/v1/jobs/feeds/run',
      () => ({ method: 'POST', headers: { ...admin(), 'content-type': 'no-slash' }, body: 'x' }),
      415,
      'E_USAGE',
    ],
    [
      'a body over the API limit (FST_ERR_CTP_BODY_TOO_LARGE)',
      '/api/v1/jobs/feeds/run',
      () => ({ method: 'POST', headers: json(), body: `[${' '.repeat(64 * 1024)}]` }),
      413,
      'E_USAGE',
    ],
    [
      'a dashboard form over its limit',
      '/login',
      () => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a='.padEnd(70_000, 'x'),
      }),
      413,
      'E_USAGE',
    ],
    ['an unknown dashboard path', '/nope', () => ({}), 404, 'E_NOT_FOUND'],
    ['an unknown API path', '/api/v1/nope', () => ({ headers: admin() }), 404, 'E_NOT_FOUND'],
    [
      'a method an API path does not have',
      '/api/v1/hosts',
      () => ({ method: 'DELETE', headers: admin() }),
      404,
      'E_NOT_FOUND',
    ],
    [
      'an unknown job, as the OpenAPI document says',
      '/api/v1/jobs/nope/run',
      () => ({ method: 'POST', headers: admin() }),
      404,
      'E_NOT_FOUND',
    ],
  ])('%s answers in our shape with its status', async (_what, path, init, status, code) => {
    const res = await fetch(`${s.url}${path}`, init());
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectOurShape(await res.text(), code);
  });

  it.each<[string, string, number]>([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['a method Node does not know', 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a control character in the path', 'GET /x\x01y HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    [
      'two Content-Length headers (request smuggling)',
      'POST /api/v1/jobs/feeds/run HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
      400,
    ],
    [
      'headers over the size limit',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])("%s, refused by Node's parser, answers in our shape", async (_what, bytes, status) => {
    const answer = await rawExchange(s.port, bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toMatch(/content-type: application\/json/i);
    expectOurShape(body, 'E_USAGE');
  });
});

describe('the API token is checked before the body is read', () => {
  let s: EdgeServer;
  beforeAll(async () => {
    s = await startEdgeServer();
  });
  afterAll(() => s.close());

  it('turns a tokenless 2 MB upload away with 401 while the client is still sending it', async () => {
    const res = await answerBeforeUpload(`${s.url}/api/v1/jobs/feeds/run`, {
      method: 'POST',
      declared: 2 * 1024 * 1024,
      sent: 64 * 1024,
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expectOurShape(res.body, 'E_API_TOKEN');
    expect(s.ran).toEqual([]);
  });

  it('answers a tokenless request 401, not with what its body would have caused', async () => {
    for (const body of ['{bad', `[${' '.repeat(64 * 1024)}]`]) {
      const res = await fetch(`${s.url}/api/v1/jobs/feeds/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(401);
      expectOurShape(await res.text(), 'E_API_TOKEN');
    }
  });

  it.each(['/api/v1/nope', '/nope'])(
    'answers a POST to the unknown route %s with 404 before its body is uploaded',
    async (path) => {
      const res = await answerBeforeUpload(`${s.url}${path}`, {
        method: 'POST',
        declared: 2 * 1024 * 1024,
        sent: 64 * 1024,
      });
      expect(res.status).toBe(404);
      expectOurShape(res.body, 'E_NOT_FOUND');
    },
  );
});

describe('server.trustProxy: whose X-Forwarded-For sets request.ip', () => {
  const FORWARDED = { 'x-forwarded-for': '203.0.113.7' };

  it.each<[string, Record<string, string>, string]>([
    ['by default, nobody: a client cannot choose its address', {}, '127.0.0.1'],
    ['false', { PATCHBAY_SERVER__TRUST_PROXY: 'false' }, '127.0.0.1'],
    ['true: every hop', { PATCHBAY_SERVER__TRUST_PROXY: 'true' }, '203.0.113.7'],
    [
      'the proxy it came through, by address',
      { PATCHBAY_SERVER__TRUST_PROXY: '127.0.0.1' },
      '203.0.113.7',
    ],
    [
      'the proxy it came through, by range name',
      { PATCHBAY_SERVER__TRUST_PROXY: 'loopback' },
      '203.0.113.7',
    ],
    [
      'only other proxies: this peer is not one',
      { PATCHBAY_SERVER__TRUST_PROXY: '10.0.0.0/8, fd00::/8' },
      '127.0.0.1',
    ],
  ])('%s', async (_what, env, ip) => {
    const s = await startEdgeServer(env);
    try {
      const res = await fetch(`${s.url}${IP_PATH}`, { headers: FORWARDED });
      expect(await res.json()).toEqual({ ip });
    } finally {
      await s.close();
    }
  });
});
