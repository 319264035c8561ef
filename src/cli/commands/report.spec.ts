import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, recordScenarioModels, seedScenario } from '../../../test/reminder-scenario.js';
import type { HostRecord } from '../../inventory/model.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { run } from '../main.js';
import { computersLine } from './report.js';

/** A Mac on macOS 14 (an ended major), with the model it reports. */
function mac(id: string, model: string): HostRecord {
  return {
    source: 'file',
    sourceId: id,
    serial: `SER-${id}`,
    name: id,
    platform: 'macos',
    osVersion: '14.7.1',
    osBuild: null,
    lastSeenAt: NOW.toISOString(),
    owner: { email: `${id}@example.com`, name: null },
    apps: [],
    model,
  };
}

describe('patchbay report: computers that need new hardware', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-report-'));
    const db = openDatabase(`sqlite:${join(dir, 'pb.db')}`);
    await migrate(db);
    // MacBookAir8,1 runs no supported major (new hardware); Mac14,10 can upgrade.
    await seedScenario(db, [mac('air', 'MacBookAir8,1'), mac('studio', 'Mac14,10')]);
    // The CLI judges as of the real clock: this read keeps the macOS feed fresh then.
    await recordScenarioModels(db, new Date());
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io = {
      out: (t: string) => (out += t),
      err: (t: string) => (err += t),
      isTty: false,
      env: {
        PATCHBAY_DATABASE__URL: `sqlite:${join(dir, 'pb.db')}`,
        PATCHBAY_LOG__LEVEL: 'silent',
      },
    };
    const code = await run(['node', 'patchbay', ...args], io);
    return { code, out, err };
  }

  it('counts them apart under the table', async () => {
    const res = await cli(['report']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Computers: .* 1 computer needs new hardware, /m);
  });

  it('flags their findings in --json', async () => {
    const res = await cli(['report', '--json', '--product', 'macos']);
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.out) as {
      hostName: string;
      status: string;
      needsNewHardware: boolean;
    }[];
    const of = (name: string) => rows.find((r) => r.hostName === name);
    expect(of('air')).toMatchObject({ status: 'unsupported', needsNewHardware: true });
    expect(of('studio')).toMatchObject({ status: 'unsupported', needsNewHardware: false });
  });

  it.each([
    [1, 'needs'],
    [2, 'need'],
  ])('words %i computer(s) with its unit', (n, verb) => {
    const line = computersLine({
      byWorst: { current: 4, pending: 0, overdue: 1, unsupported: 3, unknown: 2 },
      needNewHardware: n,
      findings: 20,
    });
    expect(line).toBe(
      `Computers: 4 current, 0 pending, 1 overdue, ${3 - n} unsupported, ${n} computer${n === 1 ? '' : 's'} ${verb} new hardware, 2 unknown`,
    );
  });
});
