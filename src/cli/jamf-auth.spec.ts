import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JamfStandIn } from '../../sandbox/jamf/server.js';
import { run } from './main.js';
import type { Io } from './output.js';

// docs/errors.md: E_JAMF_AUTH exits 77 ("credentials refused"); a cron job or CI step must be
// able to tell a rotated secret from a flaky network (69) or a partly failed sync (2).
describe('patchbay sync inventory with a wrong Jamf secret', () => {
  let standIn: JamfStandIn;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    standIn = new JamfStandIn({ clientSecret: 'the-right-secret' });
    standIn.loadFleet(3);
    const url = await standIn.listen();
    dir = mkdtempSync(join(tmpdir(), 'patchbay-jamf-auth-'));
    env = {
      PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_HTTP__RETRIES: '0',
      PATCHBAY_INVENTORY__JAMF__URL: url,
      PATCHBAY_INVENTORY__JAMF__CLIENT_ID: standIn.clientId,
      PATCHBAY_INVENTORY__JAMF__CLIENT_SECRET: 'a-wrong-secret',
    };
  });
  afterEach(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

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

  it('exits 77 and names the code and the client, never the secret', async () => {
    const res = await cli(['sync', 'inventory']);
    expect(res.out).toContain('E_JAMF_AUTH');
    expect(res.out).toContain(standIn.clientId);
    expect(`${res.out}${res.err}`).not.toContain('a-wrong-secret');
    expect(res.code).toBe(77);
  });

  it('the right secret syncs and exits 0', async () => {
    const res = await cli(['sync', 'inventory'], {
      PATCHBAY_INVENTORY__JAMF__CLIENT_SECRET: 'the-right-secret',
    });
    expect(res.code).toBe(0);
  });
});
