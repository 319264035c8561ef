import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/auth/token.js';
import { isPatchbayError } from '../../platform/errors/errors.js';
import type { Io } from '../output.js';
import { registerToken } from './token.js';

describe('patchbay token', () => {
  let dir: string;
  let out: string;
  let err: string;
  let io: Io;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-token-'));
    out = '';
    err = '';
    io = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env: {
        PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
        PATCHBAY_LOG__LEVEL: 'silent',
      },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Run one command line; returns what it printed on stdout. */
  async function run(...args: string[]): Promise<string> {
    const program = new Command('patchbay').option('-c, --config <path>').exitOverride();
    program.configureOutput({ writeOut: io.out, writeErr: io.err });
    registerToken(program, io);
    out = '';
    await program.parseAsync(args, { from: 'user' });
    return out;
  }

  /** Every byte SQLite wrote, WAL included. */
  function databaseBytes(): string {
    return ['pb.db', 'pb.db-wal']
      .map((f) => join(dir, f))
      .filter((p) => existsSync(p))
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');
  }

  it('prints the token once, alone on stdout, and stores only its hash', async () => {
    const token = (await run('token', 'create', '--name', 'ci', '--scope', 'read')).trim();
    expect(token).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(err).toContain('cannot be shown again');
    const bytes = databaseBytes();
    // The row is in the file (its hash is), the token is not.
    expect(bytes).toContain(hashToken(token));
    expect(bytes).not.toContain(token.slice(3));
    const listed = await run('token', 'list');
    expect(listed).toContain('ci');
    expect(listed).not.toContain(token.slice(3));
  });

  it('creates with --json and --expires, lists and revokes by name', async () => {
    const created = JSON.parse(
      await run(
        'token',
        'create',
        '--name',
        'deploy',
        '--scope',
        'admin',
        '--expires',
        '90d',
        '--json',
      ),
    ) as { token: string; id: number; scope: string; expiresAt: string | null };
    expect(created.scope).toBe('admin');
    expect(created.expiresAt).not.toBeNull();
    const list = JSON.parse(await run('token', 'list', '--json')) as Record<string, unknown>[];
    expect(list).toEqual([expect.objectContaining({ id: created.id, state: 'active' })]);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(await run('token', 'revoke', 'deploy')).toContain(
      `Revoked token "deploy" (id ${created.id})`,
    );
    const after = JSON.parse(await run('token', 'list', '--json')) as { state: string }[];
    expect(after.map((t) => t.state)).toEqual(['revoked']);
  });

  it.each([
    [['token', 'create', '--name', 'ci', '--scope', 'root'], 'E_USAGE'],
    [['token', 'create', '--name', 'ci', '--scope', 'read', '--expires', '90'], 'E_USAGE'],
    [['token', 'revoke', 'nobody'], 'E_NOT_FOUND'],
  ])('%j fails with %s', async (args, code) => {
    let caught: unknown;
    try {
      await run(...args);
    } catch (e) {
      caught = e;
    }
    expect(isPatchbayError(caught) ? caught.code : caught).toBe(code);
  });
});
