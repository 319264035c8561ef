import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { csvExport, sendCsv, type CsvColumn } from './csv-export.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const COLUMNS: readonly CsvColumn<number>[] = [
  { name: 'n', description: 'a number', cell: (n) => n },
];

/** An export whose pages fail at `failAt` (0: the first read). */
function failing(failAt: number) {
  const spec = csvExport('numbers', COLUMNS, async function* () {
    for (let page = 0; ; page++) {
      await Promise.resolve();
      if (page === failAt) throw new Error('database went away');
      yield [page];
    }
  });
  return { spec };
}

async function app(spec: ReturnType<typeof failing>['spec']) {
  const server = Fastify({ logger: false });
  server.get('/x.csv', (_req, reply) => sendCsv(reply, spec, undefined, NOW));
  await server.ready();
  return server;
}

describe('sendCsv', () => {
  it('answers a database failure on the first page with an error, not a 200 header row', async () => {
    const server = await app(failing(0).spec);
    const res = await server.inject({ url: '/x.csv' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body).not.toContain('n\r\n');
    await server.close();
  });

  it('cuts the download short, after the pages it has, when a later page fails', async () => {
    const server = await app(failing(2).spec);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    // Over a socket: the status line went out with the first page, so the client sees a 200
    // whose body ends early (no final chunk), never a complete-looking file.
    const got = await new Promise<{ status: number; body: string; complete: boolean }>(
      (resolve) => {
        get({ host: '127.0.0.1', port, path: '/x.csv' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('error', () => undefined);
          res.on('close', () =>
            resolve({ status: res.statusCode ?? 0, body, complete: res.complete }),
          );
        });
      },
    );
    expect(got).toEqual({ status: 200, body: 'n\r\n0\r\n1\r\n', complete: false });
    // Through inject the same answer is an error, not a response.
    await expect(server.inject({ url: '/x.csv' })).rejects.toThrow(/destroyed/);
    await server.close();
  });

  it('writes the header and every page when nothing fails', async () => {
    const spec = csvExport('numbers', COLUMNS, async function* () {
      yield await Promise.resolve([1, 2]);
      yield [3];
    });
    const server = await app(spec);
    const res = await server.inject({ url: '/x.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="patchbay-numbers-2026-11-30.csv"',
    );
    expect(res.body).toBe('n\r\n1\r\n2\r\n3\r\n');
    await server.close();
  });
});
