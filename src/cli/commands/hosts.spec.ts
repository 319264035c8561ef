import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileAppMap } from '../../inventory/app-map.js';
import type { HostRecord } from '../../inventory/model.js';
import { InventoryStore } from '../../inventory/store.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { run } from '../main.js';
import type { Io } from '../output.js';

const SERIAL = 'C02VICTIM0MX';
const AT = new Date('2026-08-25T12:00:00Z');
const mac = (source: string, sourceId: string, uuid: string, email: string): HostRecord => ({
  source,
  sourceId,
  serial: SERIAL,
  hardwareUuid: uuid,
  name: `${source}-mac`,
  platform: 'macos',
  osVersion: '15.7.8',
  osBuild: null,
  lastSeenAt: '2026-08-25T08:00:00.000Z',
  owner: { email, name: null },
  apps: null,
});

describe('patchbay hosts: identity conflicts', () => {
  let dir: string;
  let url: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-hosts-'));
    url = `sqlite:${join(dir, 'pb.db')}`;
    // Jamf's Mac, and an osquery node claiming its serial under another hardware UUID.
    const db = openDatabase(url);
    await migrate(db);
    const store = new InventoryStore(db);
    const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf'] };
    await store.applyPage(
      'jamf',
      [mac('jamf', '1', '10DA6363-2695-5870-B5CF-C42ECE47C92F', 'vera@example.com')],
      AT,
      opts,
    );
    await store.applyPage(
      'osquery',
      [mac('osquery', 'node-m', '4AB2906D-5516-5794-AF54-86D1D7F533F3', 'mallory@example.com')],
      AT,
      opts,
    );
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
