import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../../platform/errors/errors.js';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import type { InventoryPage } from '../types.js';
import { FileConnector } from './index.js';

/**
 * Exports are outside data. Whatever a file holds, reading it gives hosts and issues that name
 * the file and a field, or stops that file with a coded error naming the file and a field —
 * never another exception — and one bad row never costs the rows around it.
 */
const dir = mkdtempSync(join(tmpdir(), 'pb-file-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(ext: 'csv' | 'json', text: string): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

async function read(file: string, pageSize = 7): Promise<InventoryPage[]> {
  const ctx = {
    settings: { files: [file] },
    http: new HttpClient({ timeoutMs: 1000, userAgent: 'test', sleep: () => Promise.resolve() }),
    log: pino({ level: 'silent' }),
    now: () => new Date('2026-08-18T10:00:00Z'),
  };
  const pages: InventoryPage[] = [];
  for await (const p of new FileConnector(pageSize).read(ctx)) pages.push(p);
  return pages;
}

/** The outcome every read must have: issues naming file and field, or a coded error that does. */
async function readsSafely(file: string): Promise<InventoryPage[] | null> {
  try {
    const pages = await read(file);
    for (const issue of pages.flatMap((p) => p.issues)) {
      expect(issue.source).toBe('file');
      expect(issue.record.startsWith(file)).toBe(true);
      expect(issue.field).toMatch(/\S/);
    }
    return pages;
  } catch (err) {
    expect(isPatchbayError(err)).toBe(true);
    if (!isPatchbayError(err)) return null;
    expect(['E_INVENTORY_PARSE', 'E_INVENTORY_FILE']).toContain(err.code);
    expect(err.details).toMatchObject({ source: 'file', file });
    expect(String(err.details.field)).toMatch(/\S/);
    expect(err.message).toContain(file);
    return null;
  }
}

/** CSV-ish text: the characters that steer a CSV parser, known column names, and anything. */
const csvish = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', '\uFEFF', '\u001b[2J', ' '),
      fc.constantFrom('serial', 'name', 'id', 'platform', 'last_seen', 'owner_email', 'app:x'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

const HEADER = ['serial', 'name', 'platform', 'last_seen', 'owner_email', 'app:com.google.Chrome'];
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'macOS', 'BeOS', '2026-08-18', '18/08/2026', 'ada@example.com', 'ada', '1.0'),
);

describe('the file connector on any input', () => {
  it('any CSV text reads into issues naming the file and a field, or a coded error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvish, fc.string({ unit: 'binary', maxLength: 200 })), (text) =>
        readsSafely(write('csv', text)).then(() => undefined),
      ),
      { numRuns: 300 },
    );
  });

  it('in a CSV with a good header, every row is a host or an issue, and good rows always land', async () => {
    const row = fc.array(cell, { minLength: HEADER.length, maxLength: HEADER.length });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 15 }), async (rows) => {
        // A known-good row after each generated one: none may be lost to its neighbour.
        const lines = rows.flatMap((r, i) => [
          r.map(quote).join(','),
          `GOOD${i},good,macOS,2026-08-18,,1.0`,
        ]);
        const file = write('csv', `${HEADER.join(',')}\r\n${lines.join('\r\n')}\r\n`);
        const pages = await readsSafely(file);
        expect(pages).not.toBeNull();
        const hosts = (pages ?? []).flatMap((p) => p.hosts);
        const badRecords = new Set((pages ?? []).flatMap((p) => p.issues.map((i) => i.record)));
        expect(hosts.length + badRecords.size).toBe(lines.length);
        const serials = new Set(hosts.map((h) => h.serial));
        rows.forEach((_, i) => expect(serials.has(`GOOD${i}`)).toBe(true));
      }),
      { numRuns: 150 },
    );
  });

  it('any JSON document reads into issues naming the file and a field, or a coded error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 40 }),
        ),
        (text) => readsSafely(write('json', text)).then(() => undefined),
      ),
      { numRuns: 300 },
    );
  });

  it('in a JSON array, every element is a host or an issue, and good hosts always land', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 15 }), async (items) => {
        const list = items.flatMap((item, i) => [item, { serial: `GOOD${i}`, platform: 'macOS' }]);
        const file = write('json', JSON.stringify(list));
        const pages = await readsSafely(file);
        expect(pages).not.toBeNull();
        const hosts = (pages ?? []).flatMap((p) => p.hosts);
        const badRecords = new Set((pages ?? []).flatMap((p) => p.issues.map((i) => i.record)));
        expect(hosts.length + badRecords.size).toBe(list.length);
        const serials = new Set(hosts.map((h) => h.serial));
        items.forEach((_, i) => expect(serials.has(`GOOD${i}`)).toBe(true));
      }),
      { numRuns: 150 },
    );
  });
});
