import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './main.js';
import { printable, streamSafe, type Io } from './output.js';

/** Issue 9, item 6: bad input gives a clear, coded answer, and outside data cannot steer a terminal. */
describe('patchbay on bad input', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-bad-'));
    env = { PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`, PATCHBAY_LOG__LEVEL: 'silent' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[], extra: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const io: Io = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env: { ...env, ...extra },
    };
    const code = await run(['node', 'patchbay', ...args], io);
    return { code, out, err };
  }

  it.each([
    [
      'a file: feed URL',
      'feeds:\n  sofa-macos:\n    url: file:///etc/passwd\n',
      'feeds.sofa-macos.url',
    ],
    [
      'a data: feed URL',
      'feeds:\n  chrome:\n    url: "data:application/json,{}"\n',
      'feeds.chrome.url',
    ],
    [
      'a file: custom feed URL',
      'feeds:\n  custom:\n    - { name: acme, url: "file:///tmp/feed.json" }\n',
      'feeds.custom.0.url',
    ],
    [
      'an ftp: Jamf URL',
      'inventory:\n  jamf:\n    url: ftp://jamf.example.com\n',
      'inventory.jamf.url',
    ],
  ])('config check refuses %s, naming the key (exit 78)', async (_what, yaml, key) => {
    const file = join(dir, 'patchbay.yaml');
    writeFileSync(file, yaml);
    const res = await cli(['--config', file, 'config', 'check']);
    expect(res.code).toBe(78);
    expect(res.err).toContain('E_CONFIG_INVALID');
    expect(res.err).toMatch(
      new RegExp(`${key.replace(/\./g, '\\.')}: expected an http:// or https:// URL`),
    );
  });

  it.each([
    [
      'a feed URL in the file',
      'feeds:\n  sofa-macos:\n    url: https://user:pass@feeds.example/\n',
      {},
      'feeds.sofa-macos.url',
    ],
    [
      'a Jamf URL in the environment',
      '',
      { PATCHBAY_INVENTORY__JAMF__URL: 'https://api:pass@x.jamfcloud.com' },
      'inventory.jamf.url',
    ],
    [
      'a custom feed URL',
      'feeds:\n  custom:\n    - { name: acme, url: "https://bot:pass@acme.example/feed.json" }\n',
      {},
      'feeds.custom.0.url',
    ],
  ])(
    'refuses credentials in %s, naming the key and never echoing them',
    async (_what, yaml, extra, key) => {
      const file = join(dir, 'patchbay.yaml');
      writeFileSync(file, yaml);
      for (const args of [
        ['config', 'check'],
        ['sync', 'feeds', '--json'],
      ]) {
        const res = await cli(['--config', file, ...args], extra);
        expect(res.code).toBe(78);
        expect(res.err + res.out).toContain(`${key}: credentials are not allowed in a URL`);
        expect(res.err + res.out).not.toContain('pass@');
      }
    },
  );

  it.each([
    [
      'a directory',
      (d: string) => {
        mkdirSync(join(d, 'adir.db'));
        return join(d, 'adir.db');
      },
    ],
    [
      'a file that is not a database',
      (d: string) => {
        writeFileSync(join(d, 'text.db'), 'not sqlite at all, '.repeat(100));
        return join(d, 'text.db');
      },
    ],
    [
      'a path under a file',
      (d: string) => {
        writeFileSync(join(d, 'plain'), 'x');
        return join(d, 'plain', 'pb.db');
      },
    ],
  ])(
    'a database that cannot be opened (%s) is E_DB_CONNECT, exit 69, no stack trace',
    async (_what, make) => {
      const path = make(dir);
      for (const args of [['catalog'], ['migrate'], ['hosts', '--json']]) {
        const res = await cli(args, { PATCHBAY_DATABASE__URL: `sqlite:${path}` });
        expect(res.code).toBe(69);
        const text = res.err + res.out;
        expect(text).toContain('E_DB_CONNECT');
        expect(text).toContain(`Cannot open the database sqlite:${path}`);
        expect(text).not.toContain('E_INTERNAL');
        expect(text).not.toMatch(/\n\s+at /);
      }
    },
  );

  it('a PostgreSQL server that refuses is E_DB_CONNECT naming it without its password', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const res = await cli(['catalog', '--json'], {
      PATCHBAY_DATABASE__URL: 'postgres://pb:hunter22@127.0.0.1:1/pb',
    });
    expect(res.code).toBe(69);
    const body = JSON.parse(res.out) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('E_DB_CONNECT');
    expect(body.error.message).toContain('postgres://127.0.0.1:1/pb');
    expect(res.out + res.err).not.toContain('hunter22');
  });

  it('hosts shows control characters from inventory escaped, never as terminal commands', async () => {
    // A name that would clear the screen, retitle the window and hide itself, and a CSI in C1.
    const evil = 'Evil\u001b[2J\u001b]0;pwned\u0007Mac\u009b31m\u202eowned';
    const csv = join(dir, 'hosts.csv');
    writeFileSync(csv, `serial,name,platform\nC02EVIL,"${evil}",macOS\nC02GOOD,Plain,macOS\n`);
    const sync = await cli(['sync', 'inventory'], { PATCHBAY_INVENTORY__FILES: csv });
    expect(sync.code).toBe(0);
    const hosts = await cli(['hosts', '--all']);
    expect(hosts.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- no raw control character may be printed
    expect(hosts.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(hosts.out).toContain('Evil\\u001b[2J\\u001b]0;pwned\\u0007Mac\\u009b31m\\u202eowned');
    // --json stays faithful: JSON escapes the characters and a reader gets the name back.
    const json = await cli(['hosts', '--all', '--json']);
    const list = JSON.parse(json.out) as { serial: string; name: string }[];
    expect(list.find((h) => h.serial === 'C02EVIL')?.name).toBe(evil);
  });
});

describe('the CLI as a process', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-tty-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function patchbay(args: string[], env: Record<string, string>) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'test/run-cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATCHBAY_LOG__LEVEL: 'silent', ...env },
    });
  }

  // Two real processes with a TypeScript loader: give a loaded machine room (no timing asserted).
  it(
    'never writes a control character from outside data, in tables or issue lists',
    { timeout: 90_000 },
    () => {
      const csv = join(dir, 'hosts.csv');
      writeFileSync(
        csv,
        'serial,name,platform\nC02EVIL,"Evil\u001b[2JMac\u009b31m",macOS\nC02BAD,Bad,"\u001b]0;pwned\u0007BeOS"\n',
      );
      const env = {
        PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
        PATCHBAY_INVENTORY__FILES: csv,
      };
      const sync = patchbay(['sync', 'inventory'], env);
      const hosts = patchbay(['hosts', '--all'], env);
      for (const run of [sync, hosts]) {
        expect(run.status, run.stderr).toBe(0);
        // eslint-disable-next-line no-control-regex -- no raw control character may be printed
        expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }
      // The issue list (plain lines, not a table) shows the bad platform escaped.
      expect(sync.stdout).toContain('"\\u001b]0;pwned\\u0007BeOS" is not one of');
      expect(hosts.stdout).toContain('Evil\\u001b[2JMac\\u009b31m');
      // (--json stays faithful: the in-process test above reads the name back.)
    },
  );
});

describe('printable', () => {
  it.each([
    ['plain text', 'Ada’s MacBook Pro', 'Ada’s MacBook Pro'],
    ['ESC', 'a\u001b[31mb', 'a\\u001b[31mb'],
    ['BEL, BS, CR, TAB', '\u0007\b\r\t', '\\u0007\\u0008\\u000d\\u0009'],
    ['line breaks are kept for multi-line cells', 'a\nb', 'a\nb'],
    ['DEL and a C1 CSI', '\u007f\u009b', '\\u007f\\u009b'],
    ['bidirectional overrides', '\u202egnp.exe\u2066', '\\u202egnp.exe\\u2066'],
  ])('%s', (_what, input, shown) => {
    expect(printable(input)).toBe(shown);
  });
});

describe('streamSafe', () => {
  it('keeps our own CR progress lines and tabs, and escapes the rest', () => {
    expect(streamSafe('\revaluating: 1/2\tx\u001b[2J\u009b')).toBe(
      '\revaluating: 1/2\tx\\u001b[2J\\u009b',
    );
  });

  it('leaves JSON output parsing to the same strings', () => {
    const value = { name: 'Evil\u001b[2J\u009b31m\u202eMac\\\u0085' };
    expect(JSON.parse(streamSafe(JSON.stringify(value)))).toEqual(value);
  });
});
