import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../main.js';

/** `patchbay report --tti` end to end on an empty SQLite database: the flags parse and print. */
describe('patchbay report --tti', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-tti-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const env = {
      PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
      PATCHBAY_LOG__LEVEL: 'silent',
    };
    const io = {
      out: (t: string) => (out += t),
      err: (t: string) => (err += t),
      isTty: false,
      env,
    };
    const code = await run(['node', 'patchbay', ...args], io);
    return { code, out, err };
  }

  it.each([[['report', '--tti']], [['report', '--tti', '--all']]])('%j', async (args) => {
    const res = await cli(args);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('No release has time-to-install figures yet');
  });

  it('--json gives an array', async () => {
    const res = await cli(['report', '--tti', '--all', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toEqual([]);
  });

  it('refuses --as-of without --tti: the compliance report would store verdicts of another moment', async () => {
    const res = await cli(['report', '--as-of', '2026-09-18']);
    expect(res.code).toBe(64);
    expect(res.err).toContain('--as-of needs --tti');
  });
});
