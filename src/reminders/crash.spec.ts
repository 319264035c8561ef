import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../sandbox/slack/server.js';
import {
  EXPECTED,
  extraPeople,
  NOW,
  SLACK_USERS,
  seedScenario,
} from '../../test/reminder-scenario.js';
import { openDatabase } from '../platform/db/db.js';
import { migrate } from '../platform/db/migrate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KILLS = 20;

/** Seeded, so a failing run can be replayed exactly. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

describe('a reminder cycle killed with SIGKILL at random points', () => {
  let dir: string;
  let standIn: SlackStandIn;
  let apiUrl: string;
  const extra = extraPeople(24);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-crash-'));
    const db = openDatabase(`sqlite:${join(dir, 'pb.db')}`);
    await migrate(db);
    await seedScenario(db, extra.hosts);
    await db.close();
    standIn = new SlackStandIn({ users: [...SLACK_USERS, ...extra.users], limits: false });
    apiUrl = await standIn.listen();
  });
  afterAll(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/remind-child.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
        SLACK_BOT_TOKEN: standIn.token,
        PATCHBAY_SLACK__API_URL: apiUrl,
        TEST_NOW: NOW.toISOString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  function exited(
    child: ChildProcess,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
    );
  }

  it('still delivers exactly one digest per person', async () => {
    const random = rng(20_261_126);
    let kills = 0;
    for (let run = 0; kills < KILLS && run < 80; run++) {
      const child = start();
      const done = exited(child);
      // Kill on the k-th Slack call of this run: before a lookup, a DM open, a post, a history read.
      const k = 1 + Math.floor(random() * 4);
      let calls = 0;
      standIn.onCall = () => {
        if (++calls === k && child.exitCode === null) child.kill('SIGKILL');
      };
      const res = await done;
      standIn.onCall = null;
      if (res.signal === 'SIGKILL') kills++;
      else expect(res.code, res.stderr).toBe(0);
    }
    expect(kills).toBe(KILLS);
    // A last run with nobody killing it finishes whatever is left.
    const final = await exited(start());
    expect(final.code, final.stderr).toBe(0);

    const expected = [...Object.keys(EXPECTED), ...extra.emails].sort();
    const emailOf = new Map([...SLACK_USERS, ...extra.users].map((u) => [u.id, u.email]));
    const received = standIn
      .inbox()
      .map((m) => emailOf.get(m.recipient ?? '') ?? m.channel)
      .sort();
    expect(received).toEqual(expected);
    // Some kill landed after a post left: the restart found it in the DM's history instead of resending.
    expect(standIn.count('conversations.history')).toBeGreaterThan(0);
    const db = openDatabase(`sqlite:${join(dir, 'pb.db')}`);
    const rows = await db.kysely.selectFrom('digests').select(['email', 'status']).execute();
    await db.close();
    expect(
      rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.email)
        .sort(),
    ).toEqual(expected);
  }, 300_000);
});
