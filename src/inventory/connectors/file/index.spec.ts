import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../platform/http-client/http-client.js';
import type { InventoryPage } from '../types.js';
import { FileConnector, parseFileSettings } from './index.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pb-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function read(files: string[], pageSize?: number): Promise<InventoryPage[]> {
  const ctx = {
    settings: { files },
    http: new HttpClient({ timeoutMs: 1000, userAgent: 'test', sleep: () => Promise.resolve() }),
    log: pino({ level: 'silent' }),
    now: () => new Date('2026-08-18T10:00:00Z'),
  };
  const pages: InventoryPage[] = [];
  for await (const p of new FileConnector(pageSize).read(ctx)) pages.push(p);
  return pages;
}

describe('FileConnector on the fixtures', () => {
  it('reads the Kandji-style CSV: quoted names, CRLF, every last_seen form, app columns', async () => {
    const [page, ...rest] = await read([fixture('hosts-kandji.csv')]);
    expect(rest).toEqual([]);
    expect(page?.issues).toEqual([]);
    expect(page?.hosts.map((h) => [h.serial, h.name, h.osVersion, h.lastSeenAt])).toEqual([
      [
        'C02XK1ZQJG5H',
        "Ada Lovelace's MacBook Pro (14-inch, 2023)",
        '15.6.1',
        '2026-08-18T09:15:02.000Z',
      ],
      ['C02YL4P8MD6R', 'Grace-MBA', '14.7.8', '2026-08-17T16:40:11.000Z'],
      ['FVFH3K2LQ05N', 'Katherine-MBP', '26.0', '2026-08-18T00:00:00.000Z'],
      ['H4TJ9W3X2Q', 'Lab iMac 3', '13.7.8', '2026-08-18T09:14:08.000Z'],
    ]);
    expect(page?.hosts[1]).toMatchObject({
      source: 'file',
      sourceId: 'C02YL4P8MD6R',
      platform: 'macos',
      osBuild: '23H730',
      owner: { email: 'grace.hopper@example.com', name: 'Hopper, Grace' },
      apps: [
        { kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: '138.0.7204.184' },
        { kind: 'bundle-id', key: 'com.microsoft.edgemac', name: null, version: '139.0.3405.102' },
      ],
    });
    expect(page?.hosts[3]).toMatchObject({
      owner: null,
      apps: [{ key: 'com.google.Chrome', version: '137.0.7151.120' }],
    });
  });

  it('reads the Intune-style JSON, with apps as given and none where absent', async () => {
    const [page] = await read([fixture('hosts-intune.json')]);
    expect(page?.issues).toEqual([]);
    expect(
      page?.hosts.map((h) => [h.sourceId, h.serial, h.platform, h.apps?.length ?? null]),
    ).toEqual([
      ['2b9d4c1e-7a3f-4e0a-9c2b-5f6d8e1a3b47', '5CG2384XYZ', 'windows', 2],
      ['8e1f0a2d-3c4b-4d5e-8f60-718293a4b5c6', 'C02ZN7R1LVDQ', 'macos', 2],
      ['c0ffee00-1111-4222-8333-444455556666', null, 'chromeos', null],
    ]);
    expect(page?.hosts[1]?.apps?.[1]).toEqual({
      kind: 'bundle-id',
      key: 'org.mozilla.firefox',
      name: null,
      version: '142.0',
    });
  });

  it('reads several files in order', async () => {
    const pages = await read([fixture('hosts-intune.json'), fixture('hosts-kandji.csv')]);
    expect(pages.map((p) => p.hosts.length)).toEqual([3, 4]);
  });
});

describe('FileConnector problems', () => {
  const header = 'serial,name,platform,last_seen,owner_email,app:com.google.Chrome';

  it.each([
    ['a bad date', 'C1,a,macOS,18/08/2026,,1.0', 'last_seen'],
    ['an unknown platform', 'C1,a,BeOS,,,1.0', 'platform'],
    ['a bad email', 'C1,a,macOS,,ada,1.0', 'owner_email'],
    ['a missing column', 'C1,a,macOS,,', '(row)'],
    ['no id, serial or name', ',,macOS,,,1.0', 'id'],
  ])(
    'a CSV row with %s is an issue naming file:line and column; the others land',
    async (_what, row, field) => {
      const f = write('bad.csv', `${header}\nC0,good,macOS,,,1.0\n${row}\nC9,good2,macOS,,,2.0\n`);
      const [page] = await read([f]);
      expect(page?.hosts.map((h) => h.serial)).toEqual(['C0', 'C9']);
      expect(page?.issues).toEqual([
        { source: 'file', record: `${f}:3`, field, message: expect.any(String) as unknown },
      ]);
    },
  );

  it('keeps text after a closing quote as text: the row and the rows after it land', async () => {
    const f = write('junk.csv', `${header}\nC1,"a"b,macOS,,,1.0\nC9,good2,macOS,,,2.0\n`);
    const [page] = await read([f]);
    expect(page?.issues).toEqual([]);
    expect(page?.hosts.map((h) => [h.serial, h.name])).toEqual([
      ['C1', '"a"b'],
      ['C9', 'good2'],
    ]);
  });

  it.each([
    [
      'a bad app version',
      { serial: 'C1', apps: [{ kind: 'bundle-id', key: 'x', version: '' }] },
      'apps.0.version',
    ],
    [
      'an unknown app kind',
      { serial: 'C1', apps: [{ kind: 'msi', key: 'x', version: '1' }] },
      'apps.0.kind',
    ],
    ['a number for a name', { serial: 'C1', name: 42 }, 'name'],
    ['not an object', 'C1', '(host)'],
  ])('a JSON host with %s is an issue naming file[index] and field', async (_what, host, field) => {
    const f = write('bad.json', JSON.stringify([{ serial: 'C0' }, host]));
    const [page] = await read([f]);
    expect(page?.hosts.map((h) => h.serial)).toEqual(['C0']);
    expect(page?.issues).toEqual([
      expect.objectContaining({ source: 'file', record: `${f}[1]`, field }),
    ]);
  });

  it('a missing file is E_INVENTORY_FILE naming it; a directory too', async () => {
    const missing = join(dir, 'nope.csv');
    await expect(read([missing])).rejects.toMatchObject({
      code: 'E_INVENTORY_FILE',
      details: { file: missing },
    });
    await expect(read([missing])).rejects.toThrow(missing);
    const sub = join(dir, 'adir.csv');
    mkdirSync(sub, { recursive: true });
    await expect(read([sub])).rejects.toMatchObject({ code: 'E_INVENTORY_FILE' });
  });

  it.each([
    ['bad.json', '{"hosts": []}', 'expected an array'],
    ['broken.json', '[{', 'not valid JSON'],
    ['dup.csv', 'serial,Serial\nC1,C1\n', 'appears twice'],
    ['noid.csv', 'platform,os_version\nmacOS,15\n', 'needs an id, serial or name'],
    ['open.csv', 'serial,name\nC1,"never closed\n', 'line 2: a quoted field is not closed'],
    ['wide.csv', `serial,${'x,'.repeat(20_000)}\n`, 'line 1: more than 10000 columns'],
  ])('%s is E_INVENTORY_PARSE naming the file', async (name, text, message) => {
    const f = write(name, text);
    const err = await read([f]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_INVENTORY_PARSE', details: { file: f } });
    expect(String((err as Error).message)).toContain(message);
  });

  it('a header of a million columns stops at the column limit with a coded error', async () => {
    const names = Array.from({ length: 1_000_000 }, (_, i) => `app:com.example.a${i}`);
    const f = write('million.csv', `serial,${names.join(',')}\nC1${',1'.repeat(1_000_000)}\n`);
    const err = await read([f]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'E_INVENTORY_PARSE',
      details: { source: 'file', file: f, line: 1, field: 'column 10001', limit: 'maxColumns' },
    });
  });

  it('pages a large CSV by 1000 rows, streaming, with bad rows counted in their page', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      i === 1500 ? 'C1500,x,BeOS,,,1' : `C${i},h${i},macOS,,,139.0.${i}`,
    );
    const f = write('big.csv', `${header}\n${rows.join('\n')}\n`);
    const pages = await read([f]);
    expect(pages.map((p) => p.hosts.length + p.issues.length)).toEqual([1000, 1000, 500]);
    expect(pages[1]?.issues.map((i) => i.record)).toEqual([`${f}:1502`]);
    expect(pages[2]?.hosts.at(-1)).toMatchObject({
      serial: 'C2499',
      apps: [{ version: '139.0.2499' }],
    });
  });

  it('pages a JSON export by the page size', async () => {
    const f = write(
      'many.json',
      JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ serial: `C${i}` }))),
    );
    expect((await read([f], 2)).map((p) => p.hosts.map((h) => h.serial))).toEqual([
      ['C0', 'C1'],
      ['C2', 'C3'],
      ['C4'],
    ]);
  });
});

describe('parseFileSettings', () => {
  it.each([
    [{ files: ['a.csv', 'b.JSON'] }, null],
    [{ files: [] }, null],
    [{}, 'inventory.files'],
    [{ files: ['hosts.xlsx'] }, 'inventory.files[0]: must end in .csv or .json'],
  ])('%j', (settings, error) => {
    if (error === null) expect(parseFileSettings(settings)).toEqual(settings);
    else
      expect(() => parseFileSettings(settings)).toThrow(
        expect.objectContaining({
          code: 'E_CONFIG_INVALID',
          message: expect.stringContaining(error) as unknown,
        }),
      );
  });
});
