import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAIMED_SERIAL as SERIAL, seedIdentityConflict } from '../../../test/identity-conflict.js';
import { InventoryStore } from '../../inventory/store.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { run } from '../main.js';
import type { Io } from '../output.js';

const AT = new Date('2026-08-25T12:00:00Z');

describe('patchbay hosts: identity conflicts', () => {
  let dir: string;
  let url: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-hosts-'));
    url = `sqlite:${join(dir, 'pb.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    await seedIdentityConflict(new InventoryStore(db), AT);
    await db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const io: Io = {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTty: false,
      env: { PATCHBAY_DATABASE__URL: url, PATCHBAY_LOG__LEVEL: 'silent' },
    };
    const code = await run(['node', 'patchbay', ...args], io);
    return { code, out, err };
  }

  it('marks the node kept apart in the table and says what it means', async () => {
    const res = await cli(['hosts', '--all']);
    expect(res.code).toBe(0);
    const lines = res.out.split('\n');
    expect(lines.find((l) => l.includes('osquery-mac'))).toContain(`! claims ${SERIAL} (conflict)`);
    // The Mac that holds the serial shows it plainly, unmarked.
    const victim = lines.find((l) => l.includes('jamf-mac'));
    expect(victim).toContain(SERIAL);
    expect(victim).not.toContain('conflict');
    expect(res.out).toContain('! 1 host(s) in an identity conflict');
  });

  it('carries identityConflict in --json', async () => {
    const res = await cli(['hosts', '--all', '--json']);
    const hosts = JSON.parse(res.out) as {
      id: string;
      serial: string | null;
      identityConflict: { serial: string; hostId: string } | null;
    }[];
    const victim = hosts.find((h) => h.serial === SERIAL);
    expect(victim?.identityConflict).toBeNull();
    expect(hosts.find((h) => h.id !== victim?.id)?.identityConflict).toEqual({
      serial: SERIAL,
      hostId: victim?.id,
    });
  });
});
